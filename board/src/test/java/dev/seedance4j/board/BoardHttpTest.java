package dev.seedance4j.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.board.internal.BoardServer;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.TakeView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board over real HTTP: who may ask what, which files it serves, and one paid task per shot at a time. */
class BoardHttpTest {
    @TempDir
    static Path dir;

    static BoardFixture fixture;
    static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @BeforeAll
    static void runTheProject() {
        fixture = new BoardFixture(dir, 0.002);
        assertThat(fixture.studio.run(RunListener.none()).delivered()).isEqualTo(3);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void offLoopbackEveryEndpointRefusesARequestWithoutTheToken() throws Exception {
        try (Board board = Board.builder(fixture.studio).bind("0.0.0.0").build().start()) {
            String token = board.token().orElseThrow();
            String base = "http://127.0.0.1:" + board.port();
            assertThat(BoardServer.routes()).hasSizeGreaterThan(15);
            for (String route : BoardServer.routes()) {
                String method = route.substring(0, route.indexOf(' '));
                String path = concrete(route.substring(route.indexOf(' ') + 1));
                HttpResponse<String> refused = send(method, base + path, List.of());
                assertThat(refused.statusCode())
                        .as(route + " without the token")
                        .isEqualTo(401);
                assertThat(refused.body()).doesNotContain(token);
                HttpResponse<String> wrong =
                        send(method, base + path, List.of("Authorization", "Bearer " + "x".repeat(32)));
                assertThat(wrong.statusCode()).as(route + " with a wrong token").isEqualTo(401);
                if (method.equals("POST")) {
                    // the token alone does not make a change: the page's CSRF header is needed too
                    HttpResponse<String> noCsrf =
                            send(method, base + path, List.of("Authorization", "Bearer " + token));
                    assertThat(noCsrf.statusCode()).as(route + " without CSRF").isEqualTo(403);
                }
            }
            // with the token the board answers; the ?token= link sets an HttpOnly, SameSite=Strict cookie
            HttpResponse<String> page = send("GET", base + "/", List.of("Authorization", "Bearer " + token));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("看板测试").doesNotContain(token).doesNotContain(BoardFixture.API_KEY);
            HttpResponse<String> link = send("GET", base + "/?token=" + token, List.of());
            assertThat(link.statusCode()).isEqualTo(302);
            assertThat(link.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
            String cookie =
                    link.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertThat(send("GET", base + "/episodes/ep01", List.of("Cookie", cookie))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyTheProjectsOwnOutputsAreServedAndClipsSeek() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.png"), "not an output");
        Path out = dir.resolve("out");
        Files.createSymbolicLink(out.resolve("link.png"), outside);
        try (Board board = Board.builder(fixture.studio).build().start()) {
            String base = "http://127.0.0.1:" + board.port();
            for (String path : List.of(
                    "/media/../secret.png",
                    "/media/%2e%2e/secret.png",
                    "/media/%2E%2E%2Fsecret.png",
                    "/media/..%2fdrama.yaml",
                    "/media/studio.db",
                    "/media/link.png",
                    "/media/" + out.resolve("link.png").toString().substring(1),
                    "/media//etc/passwd",
                    "/media/ep01/..%2f..%2fdrama.yaml",
                    "/reference/character/lin/1",
                    "/reference/character/nobody/0",
                    "/reference/character/lin/..%2f..%2fdrama.yaml",
                    "/subtitles/..%2fdrama.vtt",
                    "/assets/..%2fBoard.class")) {
                HttpResponse<String> r = send("GET", base + path, List.of());
                assertThat(r.statusCode()).as(path).isIn(400, 404);
                assertThat(r.body()).as(path).doesNotContain("not an output").doesNotContain("episodes:");
            }
            // a delivered clip is served, and a range request gets just that range (seeking)
            TakeView take =
                    fixture.studio.view().takes(new ShotKey("ep01", "s01")).get(0);
            String clip = "/media/" + out.relativize(take.clip()).toString().replace('\\', '/');
            HttpResponse<byte[]> whole = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + clip)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).hasSize((int) Files.size(take.clip()));
            HttpResponse<byte[]> range = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + clip))
                            .header("Range", "bytes=100-199")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            // Javalin answers from the asked start in chunks of its own size, as a range response may
            String contentRange = range.headers().firstValue("Content-Range").orElseThrow();
            assertThat(contentRange).startsWith("bytes 100-").endsWith("/" + Files.size(take.clip()));
            int last = Integer.parseInt(contentRange.substring("bytes 100-".length(), contentRange.indexOf('/')));
            assertThat(range.body()).containsExactly(java.util.Arrays.copyOfRange(whole.body(), 100, last + 1));
            // the project's reference image is served by its place in the project
            assertThat(send("GET", base + "/reference/character/lin/0", List.of())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void onLoopbackChangesNeedTheCsrfHeaderASameOriginAndALoopbackHost() throws Exception {
        try (Board board = Board.builder(fixture.studio).build().start()) {
            assertThat(board.token()).isEmpty();
            String base = "http://127.0.0.1:" + board.port();
            String csrf = csrf(send("GET", base + "/", List.of()).body());
            String pick = base + "/api/shots/ep01/s01/pick?take=1";
            assertThat(send("POST", pick, List.of()).statusCode()).isEqualTo(403);
            assertThat(send("POST", pick, List.of("X-Board-Csrf", "wrong")).statusCode())
                    .isEqualTo(403);
            assertThat(send("POST", pick, List.of("X-Board-Csrf", csrf, "Origin", "http://evil.example"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(send("POST", pick, List.of("X-Board-Csrf", csrf, "Origin", base))
                            .statusCode())
                    .isEqualTo(202);
            // a name that resolves to loopback elsewhere (DNS rebinding) is not this board
            assertThat(rawStatus(
                            board.port(),
                            "GET / HTTP/1.1\r\nHost: evil.example:" + board.port() + "\r\nConnection: close\r\n\r\n"))
                    .isEqualTo(403);
            assertThat(rawStatus(
                            board.port(),
                            "GET / HTTP/1.1\r\nHost: localhost:" + board.port() + "\r\nConnection: close\r\n\r\n"))
                    .isEqualTo(200);
        }
    }

    @Test
    void concurrentRegenerateRequestsForOneShotCreateOneTask() throws Exception {
        ShotKey key = new ShotKey("ep01", "s03");
        try (Board board = Board.builder(fixture.studio).build().start()) {
            String base = "http://127.0.0.1:" + board.port();
            String csrf = csrf(send("GET", base + "/shots/ep01/s03", List.of()).body());
            int takesBefore = fixture.studio.view().takes(key).size();
            long createsBefore = fixture.emulator.stats().creates();
            // hold the action lane (as a run would) so every request arrives while the first regen is pending
            CountDownLatch hold = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(9);
            Future<Boolean> holder = pool.submit(() -> board.act("hold", () -> {
                try {
                    return hold.await(5, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    gate.await();
                    return send("POST", base + "/api/shots/ep01/s03/regen", List.of("X-Board-Csrf", csrf))
                            .statusCode();
                }));
            }
            gate.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : answers) codes.add(f.get());
            hold.countDown();
            assertThat(holder.get()).isTrue();
            assertThat(codes).containsOnly(202, 409);
            assertThat(codes.stream().filter(c -> c == 202)).hasSize(1);
            // the one accepted regen runs once the lane is free: one new take, one task created
            board.act("wait", () -> null); // returns once the lane has run everything queued before it
            List<TakeView> takes = fixture.studio.view().takes(key);
            assertThat(takes).hasSize(takesBefore + 1);
            assertThat(takes.get(takesBefore).state()).isEqualTo("delivered");
            assertThat(takes.get(takesBefore).used()).isTrue();
            assertThat(fixture.emulator.stats().creates()).isEqualTo(createsBefore + 1);
            pool.shutdownNow();
        }
    }

    @Test
    void aPromptEditAnAssemblyAndAnApprovalGoThroughTheBoard() throws Exception {
        try (Board board = Board.builder(fixture.studio).build().start()) {
            String base = "http://127.0.0.1:" + board.port();
            String shotPage = send("GET", base + "/shots/ep01/s02", List.of()).body();
            String csrf = csrf(shotPage);
            // the compiled prompt names its references, and the sheets show the project's images
            assertThat(shotPage)
                    .contains("[图1]")
                    .contains("@lin (assets/lin.png)")
                    .contains("@office (assets/office.png)");
            assertThat(send("GET", base + "/sheets", List.of()).body()).contains("/reference/character/lin/0");

            HttpResponse<String> preview =
                    postJson(base + "/api/shots/ep01/s01/prompt/preview", csrf, "{\"prompt\": \"黎明的城市\"}");
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode change =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(preview.body());
            assertThat(change.path("diff").asText())
                    .contains("- ")
                    .contains("+ ")
                    .contains("黎明的城市");
            assertThat(change.path("estimated").asText()).startsWith("¥");
            assertThat(Files.readString(fixture.projectFile)).doesNotContain("黎明的城市");
            HttpResponse<String> apply = postJson(
                    base + "/api/shots/ep01/s01/prompt/apply",
                    csrf,
                    "{\"prompt\": \"黎明的城市\", \"fileSha256\": \""
                            + change.path("fileSha256").asText() + "\"}");
            assertThat(apply.statusCode()).as(apply.body()).isEqualTo(202);
            board.act("wait", () -> null);
            assertThat(Files.readString(fixture.projectFile)).contains("prompt: \"黎明的城市\"");
            assertThat(fixture.studio
                            .view()
                            .shot(new ShotKey("ep01", "s01"))
                            .orElseThrow()
                            .take())
                    .isGreaterThan(1);

            assertThat(send("POST", base + "/api/assemble", List.of("X-Board-Csrf", csrf))
                            .statusCode())
                    .isEqualTo(202);
            HttpResponse<String> approve = postJson(base + "/api/episodes/ep01/approve", csrf, "{\"by\": \"导演\"}");
            assertThat(approve.statusCode()).isEqualTo(202);
            board.act("wait", () -> null);
            String season = Files.readString(dir.resolve("out/episodes/season.json"));
            assertThat(season).contains("\"approval\"").contains("导演");
            String cut = send("GET", base + "/episodes/ep01/cut", List.of()).body();
            assertThat(cut)
                    .contains("已通过 Approved by 导演")
                    .contains("/subtitles/ep01.vtt")
                    .contains("终于到了");
            HttpResponse<String> vtt = send("GET", base + "/subtitles/ep01.vtt", List.of());
            assertThat(vtt.body()).startsWith("WEBVTT").contains("终于到了");
            assertThat(send("GET", base + "/", List.of()).body()).contains("已通过 approved");

            // the editors' timeline, made on the board and downloaded from it
            assertThat(send("POST", base + "/api/episodes/ep01/export?format=otio", List.of("X-Board-Csrf", csrf))
                            .statusCode())
                    .isEqualTo(202);
            board.act("wait", () -> null);
            Matcher download = Pattern.compile("href=\"(/media/exports/[^\"]+)\"")
                    .matcher(send("GET", base + "/episodes/ep01/cut", List.of()).body());
            assertThat(download.find()).isTrue();
            HttpResponse<String> timeline = send("GET", base + download.group(1), List.of());
            assertThat(timeline.statusCode()).isEqualTo(200);
            assertThat(timeline.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment");
            assertThat(timeline.body()).contains("OTIO_SCHEMA");
        }
    }

    @Test
    void aProjectNeverRunShowsItsShotsAsNotGeneratedAndMakesNoState(@TempDir Path fresh) throws Exception {
        try (BoardFixture unplanned = new BoardFixture(fresh, 0.002);
                Board board = Board.builder(unplanned.studio).build().start()) {
            String base = "http://127.0.0.1:" + board.port();
            String episode = send("GET", base + "/episodes/ep01", List.of()).body();
            assertThat(episode.split("data-state=\"not_generated\"", -1)).hasSize(4);
            assertThat(send("GET", base + "/shots/ep01/s02", List.of()).statusCode())
                    .isEqualTo(200);
            assertThat(send("GET", base + "/", List.of()).body()).contains("未生成 not generated");
            assertThat(fresh.resolve("out")).doesNotExist();
        }
    }

    static String concrete(String route) {
        return route.replace("{episode}", "ep01")
                .replace("{shot}", "s01")
                .replace("<path>", "ep01/x.png")
                .replace("{name}", "board.js")
                .replace("{kind}", "character")
                .replace("{index}", "0")
                .replace("{file}", "ep01.vtt");
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"board-csrf\" content=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page carries its CSRF token").isTrue();
        return m.group(1);
    }

    static HttpResponse<String> send(String method, String url, List<String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.size(); i += 2) b.header(headers.get(i), headers.get(i + 1));
        b.method(
                method,
                method.equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (url.endsWith("/events")) {
            // an accepted event stream never ends: read only its status
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body = r.statusCode() == 200 ? "" : new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            r.body().close();
            return new StringResponse(r, body);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String csrf, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-Board-Csrf", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int rawStatus(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    /** A response whose body was read apart from it. */
    private record StringResponse(HttpResponse<InputStream> r, String body) implements HttpResponse<String> {
        public int statusCode() {
            return r.statusCode();
        }

        public HttpRequest request() {
            return r.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return r.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return r.sslSession();
        }

        public URI uri() {
            return r.uri();
        }

        public HttpClient.Version version() {
            return r.version();
        }
    }
}
