package dev.seedance4j.board.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.export.ExportReport;
import dev.seedance4j.export.ExportSettings;
import dev.seedance4j.export.ExportedEpisode;
import dev.seedance4j.export.TimelineExport;
import dev.seedance4j.media.CjkFont;
import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.PromptChange;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.ShotReference;
import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.StudioView;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblySettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The board's HTTP side: pages, media with range requests, server-sent events and the actions. */
public final class BoardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ASSETS = List.of("board.js", "board.css");

    private final Studio studio;
    private final ActionLane lane;
    private final Guard guard;
    private final MediaFiles media;
    private final ProjectFiles projectFiles;
    private final Pages pages;
    private final LiveFeed live;
    private final MustacheFactory templates = new DefaultMustacheFactory("dev/seedance4j/board/templates");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final AtomicReference<Map<ShotKey, List<ShotReference>>> references = new AtomicReference<>(Map.of());
    private final AtomicReference<StudioView> ownView = new AtomicReference<>();
    private final Javalin app;

    private BoardServer(Studio studio, ActionLane lane, Optional<String> token) {
        this.studio = studio;
        this.lane = lane;
        this.guard = new Guard(token);
        this.media = new MediaFiles(studio.outputDir());
        this.projectFiles = new ProjectFiles(studio::project);
        this.pages = new Pages(this::view, this::shots, studio::project, references::get, media, studio.outputDir());
        refreshReferences();
        this.live = new LiveFeed(() -> view().changeMark() + "/" + lane.version());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.generateEtags = false;
            config.routes.before(this::headers);
            config.routes.before(guard::check);
            config.routes.exception(Guard.Refused.class, (e, ctx) -> text(ctx, e.status, e.getMessage()));
            config.routes.exception(ActionLane.Busy.class, (e, ctx) -> json(ctx, HttpStatus.CONFLICT, message(e)));
            config.routes.exception(
                    StudioException.class, (e, ctx) -> json(ctx, HttpStatus.UNPROCESSABLE_CONTENT, message(e)));
            config.routes.exception(
                    IllegalArgumentException.class, (e, ctx) -> json(ctx, HttpStatus.BAD_REQUEST, message(e)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("board request {} failed: {}", ctx.path(), Messages.of(e));
                json(ctx, HttpStatus.INTERNAL_SERVER_ERROR, message(e));
            });
            config.routes.get("/", ctx -> page(ctx, "overview", Optional.of(pages.overview(frame("总览 Overview")))));
            config.routes.get(
                    "/episodes/{episode}",
                    ctx -> page(
                            ctx, "episode", pages.episode(ctx.pathParam("episode"), frame(ctx.pathParam("episode")))));
            config.routes.get(
                    "/episodes/{episode}/cut",
                    ctx -> page(
                            ctx,
                            "cut",
                            pages.cut(ctx.pathParam("episode"), frame(ctx.pathParam("episode") + " 成片 cut"))));
            config.routes.get("/shots/{episode}/{shot}", ctx -> {
                ShotKey key = new ShotKey(ctx.pathParam("episode"), ctx.pathParam("shot"));
                page(ctx, "shot", pages.shot(key, frame(key.toString())));
            });
            config.routes.get(
                    "/sheets",
                    ctx -> page(ctx, "sheets", Optional.of(pages.sheets(frame("角色与场景 Sheets"), projectFiles))));
            config.routes.get("/assets/{name}", this::asset);
            config.routes.get("/media/<path>", ctx -> serve(ctx, media.resolve(ctx.pathParam("path"))));
            config.routes.get(
                    "/reference/{kind}/{name}/{index}",
                    ctx -> serve(
                            ctx,
                            projectFiles.resolve(
                                    ctx.pathParam("kind"), ctx.pathParam("name"), ctx.pathParam("index"))));
            config.routes.get("/subtitles/{file}", this::subtitles);
            config.routes.get("/api/status", ctx -> json(ctx, HttpStatus.OK, view().status()));
            config.routes.sse("/events", live::join);
            config.routes.post("/api/shots/{episode}/{shot}/regen", this::regen);
            config.routes.post("/api/shots/{episode}/{shot}/pick", this::pick);
            config.routes.post("/api/shots/{episode}/{shot}/prompt/preview", this::previewPrompt);
            config.routes.post("/api/shots/{episode}/{shot}/prompt/apply", this::applyPrompt);
            config.routes.post("/api/cancel-queued", this::cancelQueued);
            config.routes.post("/api/assemble", this::assemble);
            config.routes.post("/api/episodes/{episode}/approve", this::approve);
            config.routes.post("/api/episodes/{episode}/export", this::export);
        });
    }

    /** Every path the board answers, as routed (for the tests that check each one is guarded). */
    public static List<String> routes() {
        return List.of(
                "GET /",
                "GET /episodes/{episode}",
                "GET /episodes/{episode}/cut",
                "GET /shots/{episode}/{shot}",
                "GET /sheets",
                "GET /assets/{name}",
                "GET /media/<path>",
                "GET /reference/{kind}/{name}/{index}",
                "GET /subtitles/{file}",
                "GET /api/status",
                "GET /events",
                "POST /api/shots/{episode}/{shot}/regen",
                "POST /api/shots/{episode}/{shot}/pick",
                "POST /api/shots/{episode}/{shot}/prompt/preview",
                "POST /api/shots/{episode}/{shot}/prompt/apply",
                "POST /api/cancel-queued",
                "POST /api/assemble",
                "POST /api/episodes/{episode}/approve",
                "POST /api/episodes/{episode}/export");
    }

    public static BoardServer start(
            Studio studio, ActionLane lane, InetAddress bind, int port, Optional<String> token) {
        BoardServer server = new BoardServer(studio, lane, token);
        server.app.start(bind.getHostAddress(), port);
        return server;
    }

    public int port() {
        return app.port();
    }

    // ---- reads ----

    /** The read side: a connection of its own once the state database exists, else the studio's empty stand-in. */
    private StudioView view() {
        StudioView own = ownView.get();
        if (own != null) return own;
        if (Files.isRegularFile(studio.outputDir().resolve(Studio.DATABASE))) {
            StudioView opened = StudioView.open(studio.outputDir());
            if (ownView.compareAndSet(null, opened)) return opened;
            opened.close();
            return ownView.get();
        }
        return studio.view();
    }

    /** The shots as last planned; a project never planned shows its shots as written, not generated yet. */
    private List<ShotView> shots() {
        List<ShotView> planned = view().shots();
        return planned.isEmpty() ? studio.status().shots() : planned;
    }

    private void refreshReferences() {
        try {
            references.set(studio.references());
        } catch (RuntimeException e) {
            LOG.debug("the shots' references are not known: {}", e.getMessage());
        }
    }

    private Map<String, Object> frame(String title) {
        return pages.frame(title, guard.csrf(), lane.recent());
    }

    private void page(Context ctx, String template, Optional<Map<String, Object>> model) {
        if (model.isEmpty()) {
            text(ctx, HttpStatus.NOT_FOUND, "not found: " + ctx.path());
            return;
        }
        Mustache m = compiled.computeIfAbsent(template, t -> templates.compile(t + ".mustache"));
        StringWriter out = new StringWriter();
        m.execute(out, model.get());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void asset(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (name.equals("cjk.otf")) {
            // the Chinese font shipped with seedance: pages read the same on a machine without CJK fonts
            Path font = CjkFont.bundled();
            ctx.header("Cache-Control", "max-age=86400");
            ctx.writeSeekableStream(Files.newInputStream(font), "font/otf", Files.size(font));
            return;
        }
        if (!ASSETS.contains(name)) {
            text(ctx, HttpStatus.NOT_FOUND, "not found");
            return;
        }
        try (InputStream in = BoardServer.class.getResourceAsStream("/dev/seedance4j/board/assets/" + name)) {
            ctx.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
                    .result(in.readAllBytes());
        }
    }

    private void serve(Context ctx, Optional<Path> file) throws IOException {
        if (file.isEmpty()) {
            text(ctx, HttpStatus.NOT_FOUND, "not a file of this project's outputs");
            return;
        }
        Path f = file.get();
        String type = MediaFiles.type(f).orElse("application/octet-stream");
        if (MediaFiles.download(f)) {
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\"" + f.getFileName().toString().replace("\"", "") + "\"");
        }
        ctx.header("Cache-Control", "no-cache");
        // Jetty closes the stream when the response is done; range requests (seeking) are answered by Javalin
        ctx.writeSeekableStream(Files.newInputStream(f), type, Files.size(f));
    }

    private void subtitles(Context ctx) {
        String file = ctx.pathParam("file");
        Optional<String> vtt =
                file.endsWith(".vtt") ? pages.vtt(file.substring(0, file.length() - 4)) : Optional.empty();
        if (vtt.isEmpty()) {
            text(ctx, HttpStatus.NOT_FOUND, "no subtitles");
            return;
        }
        ctx.contentType("text/vtt; charset=utf-8").result(vtt.get());
    }

    // ---- actions ----

    private ShotKey shot(Context ctx) {
        ShotKey key = new ShotKey(ctx.pathParam("episode"), ctx.pathParam("shot"));
        if (studio.project().shot(key).isEmpty()) throw new IllegalArgumentException("the project has no shot " + key);
        return key;
    }

    private void regen(Context ctx) {
        ShotKey key = shot(ctx);
        JsonNode body = body(ctx);
        Long seed = body.hasNonNull("seed") ? body.get("seed").asLong() : null;
        ActionLane.Action a = lane.submit("regen " + key, key, () -> {
            RunReport report = studio.regen(key.episode(), key.shot(), seed, RunListener.none());
            return report.shot(key)
                    .map(o ->
                            o.delivered() ? "take " + o.take() + " delivered" : "take " + o.take() + ": " + o.reason())
                    .orElse("done");
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "重新生成已排队 regen of " + key + " queued"));
    }

    private void pick(Context ctx) {
        ShotKey key = shot(ctx);
        int take;
        try {
            take = Integer.parseInt(ctx.queryParam("take"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pick needs ?take=N");
        }
        ActionLane.Action a = lane.submit("pick " + key + " #" + take, key, () -> {
            studio.pick(key.episode(), key.shot(), take);
            return "take " + take + " picked";
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "选用 #" + take + " pick queued"));
    }

    private void previewPrompt(Context ctx) throws Exception {
        ShotKey key = shot(ctx);
        String prompt = body(ctx).path("prompt").asText("");
        PromptChange change =
                lane.quick("showing the change", 20, () -> studio.previewPrompt(key.episode(), key.shot(), prompt));
        json(
                ctx,
                HttpStatus.OK,
                Map.of(
                        "file", change.file().getFileName().toString(),
                        "diff", change.diff(),
                        "fileSha256", change.fileSha256(),
                        "estimated", Pages.cny(change.estimatedCny())));
    }

    private void applyPrompt(Context ctx) {
        ShotKey key = shot(ctx);
        JsonNode body = body(ctx);
        String prompt = body.path("prompt").asText("");
        String hash = body.path("fileSha256").asText("");
        PromptChange change = new PromptChange(key, prompt, studio.project().file(), "", hash, BigDecimal.ZERO);
        ActionLane.Action a = lane.submit("regen " + key + " with the new prompt", key, () -> {
            RunReport report;
            try {
                report = studio.regenWithPrompt(change, RunListener.none());
            } finally {
                refreshReferences();
            }
            return report.shot(key)
                    .map(o -> o.delivered() ? "take " + o.take() + " delivered" : String.valueOf(o.reason()))
                    .orElse("done");
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "提示词已确认 prompt change queued for " + key));
    }

    private void cancelQueued(Context ctx) {
        String episode = ctx.queryParam("episode");
        String shot = ctx.queryParam("shot");
        List<ShotKey> cancelled =
                studio.cancelQueued(k -> (episode == null || k.episode().equals(episode))
                        && (shot == null || k.shot().equals(shot)));
        json(
                ctx,
                HttpStatus.OK,
                Map.of(
                        "cancelled",
                        cancelled.stream().map(ShotKey::toString).toList(),
                        "message",
                        "已取消 cancelled " + cancelled.size()));
    }

    private void assemble(Context ctx) {
        ActionLane.Action a = lane.submit("assemble", null, () -> {
            AssemblyReport report = studio.assemble(AssemblySettings.defaults(), AssemblyListener.NONE);
            return report.episodes().size() + " assembled, "
                    + report.incomplete().size() + " incomplete";
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "合成已排队 assembly queued"));
    }

    private void approve(Context ctx) {
        String episode = ctx.pathParam("episode");
        if (studio.project().episodes().stream().noneMatch(e -> e.id().equals(episode))) {
            throw new IllegalArgumentException("the project has no episode " + episode);
        }
        JsonNode body = body(ctx);
        String by = body.path("by").asText("").strip();
        String note = body.hasNonNull("note") ? body.get("note").asText() : null;
        if (by.isEmpty() || by.length() > 100)
            throw new IllegalArgumentException("say who approves (1 to 100 characters)");
        ActionLane.Action a = lane.submit("approve " + episode, null, () -> {
            studio.approve(episode, by, note);
            return episode + " approved by " + by;
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "审核已排队 approval queued"));
    }

    private void export(Context ctx) {
        String episode = ctx.pathParam("episode");
        if (studio.project().episodes().stream().noneMatch(e -> e.id().equals(episode))) {
            throw new IllegalArgumentException("the project has no episode " + episode);
        }
        ExportFormat format;
        try {
            format = ExportFormat.parse(String.valueOf(ctx.queryParam("format")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Messages.of(e));
        }
        ActionLane.Action a = lane.submit("export " + episode + " as " + format.id(), null, () -> {
            ExportReport report = TimelineExport.project(
                    studio,
                    format,
                    ExportSettings.builder().episodes(List.of(episode)).build());
            if (!report.skipped().isEmpty())
                return String.join("; ", report.skipped().values());
            ExportedEpisode done = report.exported().get(0);
            return "exported: " + studio.outputDir().relativize(done.archive().orElse(done.path()));
        });
        json(ctx, HttpStatus.ACCEPTED, Map.of("action", a.id(), "message", "导出已排队 export queued"));
    }

    // ---- plumbing ----

    private static JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not JSON");
        }
    }

    private void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; media-src 'self'; script-src 'self'; style-src 'self';"
                        + " connect-src 'self'; frame-ancestors 'none'");
    }

    private static Map<String, String> message(Exception e) {
        return Map.of("message", Messages.of(e));
    }

    private static void text(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
    }

    private static void json(Context ctx, HttpStatus status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        live.close();
        app.stop();
        StudioView own = ownView.getAndSet(null);
        if (own != null) own.close();
    }
}
