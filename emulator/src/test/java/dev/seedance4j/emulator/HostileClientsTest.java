package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Servers and clients that misbehave on purpose: neither may hold the emulator, and big valid input must pass. */
class HostileClientsTest {

    /** A PNG's first bytes, then one byte every 50 ms until {@code stop}: the headers come fast, the body never ends. */
    private static HttpHandler dripping(CountDownLatch stop) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 10_000_000);
            OutputStream out = exchange.getResponseBody();
            out.write(png(400, 400), 0, 64);
            try {
                while (!stop.await(50, TimeUnit.MILLISECONDS)) {
                    out.write(0);
                    out.flush();
                }
            } catch (InterruptedException | IOException e) {
                // the emulator hung up, as it should
            } finally {
                exchange.close();
            }
        };
    }

    @Test
    void aReferenceServerThatDripsItsBodyIsCutOffAtTheFetchTimeout() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (LocalServer server = new LocalServer().handle("/drip.png", dripping(stop));
                Emulator emulator = fast().fetchTimeout(Duration.ofSeconds(2))
                        .faults(Faults.parse("stuck=1"))
                        .build()
                        .start()) {
            Response refused =
                    create(emulator, image(textRequest(V2, "x"), server.url("/drip.png"), "reference_image"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.param()).isEqualTo("content[1].image_url.url");
            assertThat(refused.body().at("/error/message").asText()).contains("did not finish downloading within 2 s");
            assertThat(emulator.stats().creates()).isZero();
        } finally {
            stop.countDown();
        }
    }

    @Test
    void anImageGenerationsReferenceIsFetchedWithTheSameBounds() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        byte[] eleven = new byte[11 * 1024 * 1024];
        System.arraycopy(png(400, 400), 0, eleven, 0, 64);
        ObjectNode sheet = JSON.createObjectNode()
                .put("model", GenAiSupport.SEEDREAM_40)
                .put("prompt", "角色设定图")
                .put("size", "1K");
        try (LocalServer server =
                        new LocalServer().handle("/drip.png", dripping(stop)).serve("/big.png", "image/png", eleven);
                Emulator impatient =
                        fast().fetchTimeout(Duration.ofSeconds(2)).build().start();
                Emulator patient = fast().build().start()) {
            sheet.put("image", server.url("/drip.png"));
            Response dripped = GenAiSupport.images(impatient, sheet);
            assertThat(dripped.status()).isEqualTo(400);
            assertThat(dripped.param()).isEqualTo("image");
            assertThat(dripped.body().at("/error/message").asText()).contains("did not finish downloading within 2 s");
            // a body past the model's limit (10 MB) is not read to its end (the default fetch timeout, 30 s, leaves a
            // loaded machine all the time it needs to read the 10 MB that count)
            sheet.putArray("image").add(pngDataUrl(400, 400)).add(server.url("/big.png"));
            Response big = GenAiSupport.images(patient, sheet);
            assertThat(big.status()).isEqualTo(400);
            assertThat(big.param()).isEqualTo("image[1]");
            assertThat(big.body().at("/error/message").asText()).contains("larger than 10 MB");
            assertThat(impatient.stats().imagesGenerated() + patient.stats().imagesGenerated())
                    .isZero();
        } finally {
            stop.countDown();
        }
    }

    @Test
    void seventySlowHeaderConnectionsDoNotStarveTheServer() throws Exception {
        try (Emulator emulator = fast().faults(Faults.parse("stuck=1")).build().start()) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 70; i++) {
                    Socket socket = new Socket("127.0.0.1", emulator.port());
                    // a request line and one header, then nothing: the request never completes
                    socket.getOutputStream()
                            .write("POST /api/v3/contents/generations/tasks HTTP/1.1\r\nHost: x\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    slow.add(socket);
                }
                Response stats = send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/stats")));
                assertThat(stats.status()).isEqualTo(200);
                createOk(emulator, tinyRequest("still served"));
            } finally {
                for (Socket socket : slow) socket.close();
            }
        }
        // and the JDK server will close them: a request must arrive within this many seconds
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isNotBlank();
    }

    @Test
    void aRequestThatNeverFinishesArrivingIsClosedByTheServer() throws Exception {
        // In its own JVM, where the emulator's server is the first: the request-read limit is JVM-wide (here 1 s
        // instead of the default 30 s, which the emulator leaves alone when it is set).
        Process emulator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dsun.net.httpserver.maxReqTime=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmulatorMain.class.getName(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher listening = null;
            while ((line = lines.readLine()) != null) {
                listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/")
                        .matcher(line);
                if (listening.find()) break;
            }
            assertThat(line).as("the emulator did not start").isNotNull();
            try (Socket slow = new Socket("127.0.0.1", Integer.parseInt(listening.group(1)))) {
                slow.getOutputStream()
                        .write("GET /emulator/stats HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.setSoTimeout(60_000); // only to turn a hang into a failure
                assertThat(slow.getInputStream().read())
                        .as("closed without an answer")
                        .isEqualTo(-1);
            }
        } finally {
            emulator.destroy();
            emulator.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aValidTwentyMegabyteDataUrlIsAccepted() throws Exception {
        // an uncompressed 2400x2200 BMP: 15.8 MB, so its data URL has 21 million characters (Jackson's default
        // limit for one string is 20 million)
        BufferedImage picture = new BufferedImage(2400, 2200, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(picture, "bmp", bmp);
        String dataUrl = "data:image/bmp;base64," + Base64.getEncoder().encodeToString(bmp.toByteArray());
        assertThat(dataUrl.length()).isGreaterThan(20_000_000);
        try (Emulator emulator = fast().faults(Faults.parse("stuck=1")).build().start()) {
            ObjectNode body = image(textRequest(V2, "x"), dataUrl, "reference_image");
            Response created = create(emulator, body);
            assertThat(created.status()).as("%s", created.body()).isEqualTo(200);

            // what Jackson still refuses is named: here its nesting limit
            Response deep = create(emulator, "[".repeat(2000) + "]".repeat(2000));
            assertThat(deep.status()).isEqualTo(400);
            assertThat(deep.body().at("/error/message").asText())
                    .contains("goes past a limit of JSON")
                    .contains("1000");
            Response broken = create(emulator, "{\"model\": ");
            assertThat(broken.body().at("/error/message").asText()).contains("not valid JSON (line 1");
        }
    }
}
