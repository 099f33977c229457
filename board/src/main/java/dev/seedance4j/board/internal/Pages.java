package dev.seedance4j.board.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seedance4j.studio.ApprovalView;
import dev.seedance4j.studio.EventView;
import dev.seedance4j.studio.Ledger;
import dev.seedance4j.studio.LedgerView;
import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.ShotReference;
import dev.seedance4j.studio.ShotState;
import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.StudioView;
import dev.seedance4j.studio.TakeView;
import dev.seedance4j.studio.TaskView;
import dev.seedance4j.studio.TeamView;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The models of the board's pages, read from the studio's read side (no compiling, no hashing per read). */
final class Pages {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Pattern TAG = Pattern.compile("\\[图\\d+]|视频\\d+|音频\\d+");
    private static final Map<ShotState, String> STATES = Map.of(
            ShotState.NOT_GENERATED, "未生成 not generated",
            ShotState.SUBMITTING, "提交中 submitting",
            ShotState.QUEUED, "排队中 queued",
            ShotState.RUNNING, "生成中 running",
            ShotState.FETCHING, "下载中 fetching",
            ShotState.DELIVERED, "已交付 delivered",
            ShotState.FAILED, "失败 failed");
    private static final Map<String, String> ACTION_STATES =
            Map.of("queued", "排队 queued", "running", "进行中 running", "done", "完成 done", "failed", "失败 failed");

    private final Supplier<StudioView> views;
    /** Every shot: as last planned, or, for a project never planned, as written (not generated yet). */
    private final Supplier<List<ShotView>> shots;

    private final Supplier<Project> project;
    private final Supplier<Map<ShotKey, List<ShotReference>>> references;
    private final MediaFiles media;
    private final Path outputDir;

    Pages(
            Supplier<StudioView> views,
            Supplier<List<ShotView>> shots,
            Supplier<Project> project,
            Supplier<Map<ShotKey, List<ShotReference>>> references,
            MediaFiles media,
            Path outputDir) {
        this.views = views;
        this.shots = shots;
        this.project = project;
        this.references = references;
        this.media = media;
        this.outputDir = outputDir;
    }

    static String takeStateLabel(String state) {
        return switch (state) {
            case "delivered" -> "已交付 delivered";
            case "failed" -> "失败 failed";
            case "pending" -> "进行中 pending";
            default -> state;
        };
    }

    Map<String, Object> frame(String pageTitle, String csrf, List<ActionLane.Action> actions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pageTitle", pageTitle);
        m.put("csrf", csrf);
        m.put(
                "episodesNav",
                project.get().episodes().stream().map(e -> Map.of("id", e.id())).toList());
        m.put(
                "actions",
                actions.stream()
                        .map(a -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("id", a.id());
                            x.put("label", a.label());
                            x.put("state", a.state());
                            x.put("stateLabel", ACTION_STATES.getOrDefault(a.state(), a.state()));
                            x.put("message", a.message());
                            return x;
                        })
                        .toList());
        return m;
    }

    Map<String, Object> overview(Map<String, Object> m) {
        StudioView view = views.get();
        List<ShotView> shots = this.shots.get();
        LedgerView ledger = view.ledger();
        m.put("title", view.title().orElse(project.get().title()));
        List<Map<String, Object>> counts = new ArrayList<>();
        for (ShotState s : ShotState.values()) {
            long n = shots.stream().filter(v -> v.state() == s).count();
            if (n > 0) counts.add(Map.of("state", s.label(), "label", STATES.get(s), "n", n));
        }
        m.put("counts", counts);
        m.put("billed", cny(ledger.project().billedCny()));
        m.put("inFlight", cny(ledger.project().inFlightCny()));
        m.put("estimated", cny(ledger.project().estimatedCny()));
        m.put("budget", ledger.budgetCny().map(Pages::cny).orElse("— (none)"));
        m.put("left", ledger.leftCny().map(Pages::cny).orElse("—"));
        m.put(
                "toSpend",
                cny(shots.stream()
                        .filter(s -> s.state() != ShotState.DELIVERED)
                        .map(ShotView::estimatedCny)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
        m.put("eta", eta(shots, view.tasks()));
        List<Map<String, Object>> episodes = new ArrayList<>();
        List<ApprovalView> approvals = view.approvals();
        for (Project.Episode e : project.get().episodes()) {
            List<ShotView> of = shots.stream()
                    .filter(s -> s.shot().episode().equals(e.id()))
                    .toList();
            Ledger l = ledger.episodes().get(e.id());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", e.id());
            x.put("title", e.title().orElse(""));
            x.put("shots", of.size());
            x.put(
                    "delivered",
                    of.stream().filter(s -> s.state() == ShotState.DELIVERED).count());
            x.put(
                    "failed",
                    of.stream().filter(s -> s.state() == ShotState.FAILED).count());
            x.put("inFlight", of.stream().filter(s -> s.state().inFlight()).count());
            x.put("billed", l == null ? cny(BigDecimal.ZERO) : cny(l.billedCny()));
            x.put("estimated", l == null ? "—" : cny(l.estimatedCny()));
            x.put("cut", Files.isRegularFile(episodeVideo(e.id())));
            x.put("approved", approval(e.id(), approvals).isPresent());
            episodes.add(x);
        }
        m.put("episodes", episodes);
        team(view.team(java.time.Instant.now()), m);
        return m;
    }

    /**
     * Team mode: who holds which open task (and whether its lease expired), which sheet being made and episode being
     * assembled, the store's workers by their last
     * heartbeat, and each key's use against its limits (keys by label or fingerprint, never the key). Shown while a
     * worker holds a task or beats.
     */
    private static void team(TeamView team, Map<String, Object> m) {
        m.put("team", !team.isEmpty());
        m.put(
                "holders",
                team.holders().stream()
                        .map(h -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("shot", h.shot().toString());
                            x.put("episode", h.shot().episode());
                            x.put("shotId", h.shot().shot());
                            x.put("status", h.status());
                            x.put("task", h.remoteId() == null ? "（创建中 create in progress）" : h.remoteId());
                            x.put("worker", h.worker());
                            x.put("leaseUntil", TIME.format(h.leaseUntil()));
                            x.put("expired", h.expired());
                            return x;
                        })
                        .toList());
        m.put("hasClaims", !team.claims().isEmpty());
        m.put(
                "claims",
                team.claims().stream()
                        .map(c -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("kind", c.kind().equals("sheet") ? "设定图 sheet" : "成片 assembly");
                            x.put("subject", c.subject());
                            x.put("worker", c.worker());
                            x.put("leaseUntil", TIME.format(c.leaseUntil()));
                            x.put("expired", c.expired());
                            return x;
                        })
                        .toList());
        m.put(
                "workers",
                team.workers().stream()
                        .map(w -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("worker", w.worker());
                            x.put("host", w.host());
                            x.put("pid", w.pid());
                            x.put("heartbeat", TIME.format(w.lastHeartbeat()));
                            x.put("alive", w.alive());
                            return x;
                        })
                        .toList());
        m.put(
                "keys",
                team.quotas().stream()
                        .map(q -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("key", q.key());
                            x.put("inFlight", q.inFlight());
                            x.put("maxInFlight", q.maxInFlight());
                            x.put("lastMinute", q.lastMinute());
                            x.put("rpm", q.requestsPerMinute());
                            return x;
                        })
                        .toList());
    }

    /** Time left: the mean time of the tasks done so far, for the shots still to make, as many at once as now. */
    static String eta(List<ShotView> shots, List<TaskView> tasks) {
        long inFlight = shots.stream().filter(s -> s.state().inFlight()).count();
        if (inFlight == 0) return "— (idle)";
        long remaining = shots.stream()
                .filter(s -> s.state().inFlight() || s.state() == ShotState.NOT_GENERATED)
                .count();
        double mean = tasks.stream()
                .filter(t -> t.submittedAt() != null && t.finishedAt() != null)
                .mapToLong(t -> t.finishedAt().toEpochMilli() - t.submittedAt().toEpochMilli())
                .average()
                .orElse(Double.NaN);
        if (Double.isNaN(mean)) return "… (" + remaining + " to go)";
        long rounds = (remaining + inFlight - 1) / inFlight;
        Duration d = Duration.ofMillis((long) (mean * rounds));
        return "约 ~" + (d.toMinutes() > 0 ? d.toMinutes() + " min " : "") + d.toSecondsPart() + " s";
    }

    Optional<Map<String, Object>> episode(String id, Map<String, Object> m) {
        Optional<Project.Episode> episode =
                project.get().episodes().stream().filter(e -> e.id().equals(id)).findFirst();
        if (episode.isEmpty()) return Optional.empty();
        StudioView view = views.get();
        m.put("id", id);
        m.put("title", episode.get().title().orElse(""));
        m.put("cut", Files.isRegularFile(episodeVideo(id)));
        List<Map<String, Object>> cards = new ArrayList<>();
        for (ShotView s : shots.get()) {
            if (!s.shot().episode().equals(id)) continue;
            Map<String, Object> c = shotFacts(s);
            List<TakeView> takes = view.takes(s.shot());
            c.put(
                    "poster",
                    takes.stream()
                            .filter(TakeView::used)
                            .findFirst()
                            .or(() -> takes.stream()
                                    .filter(t -> t.lastFrame() != null)
                                    .reduce((a, b) -> b))
                            .map(t -> media.link(t.lastFrame()))
                            .orElse(null));
            cards.add(c);
        }
        m.put("cards", cards);
        return Optional.of(m);
    }

    private Map<String, Object> shotFacts(ShotView s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", s.shot().toString());
        c.put("episode", s.shot().episode());
        c.put("shot", s.shot().shot());
        c.put("url", "/shots/" + s.shot().episode() + "/" + s.shot().shot());
        c.put("state", s.state().label());
        c.put("stateLabel", STATES.get(s.state()));
        c.put("reason", s.reason() == null ? null : s.reason().name());
        c.put("remedy", s.remedy());
        c.put("message", s.reason() == null ? null : s.message());
        c.put("mode", s.mode());
        c.put("model", s.model());
        c.put("resolution", s.resolution());
        c.put("seconds", s.seconds());
        c.put("ratio", s.ratio());
        c.put("estimated", cny(s.estimatedCny()));
        c.put("billed", cny(s.billedCny()));
        c.put("takes", s.takes());
        c.put("take", s.take());
        return c;
    }

    Optional<Map<String, Object>> shot(ShotKey key, Map<String, Object> m) {
        StudioView view = views.get();
        Optional<ShotView> found =
                shots.get().stream().filter(s -> s.shot().equals(key)).findFirst();
        Optional<Shot> written = project.get().shot(key);
        if (found.isEmpty() || written.isEmpty()) return Optional.empty();
        m.putAll(shotFacts(found.get()));
        m.put("left", view.ledger().leftCny().map(Pages::cny).orElse("— (no budget)"));
        m.put("written", written.get().prompt());
        List<Map<String, Object>> takes = new ArrayList<>();
        for (TakeView t : view.takes(key)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("n", t.take());
            x.put("episode", key.episode());
            x.put("shot", key.shot());
            x.put("state", t.state());
            x.put("stateLabel", takeStateLabel(t.state()));
            x.put("used", t.used());
            x.put("current", t.current());
            x.put("seed", t.seed() == null ? "—" : t.seed().toString());
            x.put("billed", cny(t.billedCny()));
            x.put(
                    "reason",
                    t.reason() == null
                            ? null
                            : t.reason().name() + " — " + t.reason().remedy());
            x.put("video", media.link(t.clip()));
            x.put("poster", media.link(t.lastFrame()));
            x.put("seconds", t.seconds() == null ? null : String.format("%.2f", t.seconds()));
            x.put("size", t.width() == null ? null : t.width() + "×" + t.height());
            x.put("pickable", t.clip() != null && !t.used());
            takes.add(x);
        }
        m.put("takes", takes);
        m.put(
                "deliveredTakes",
                takes.stream().filter(t -> t.get("video") != null).toList());
        List<ShotReference> refs = references.get().getOrDefault(key, List.of());
        m.put("references", refs);
        List<TaskView> tasks = view.tasks(key);
        String request = tasks.isEmpty()
                ? null
                : view.request(key, tasks.get(tasks.size() - 1).intentId()).orElse(null);
        String compiled = written.get().prompt();
        if (request != null) {
            try {
                JsonNode tree = JSON.readTree(request);
                for (JsonNode item : tree.path("content")) {
                    if ("text".equals(item.path("type").asText()))
                        compiled = item.path("text").asText();
                }
                request = JSON.writeValueAsString(tree);
            } catch (IOException e) {
                // shown as kept
            }
        }
        m.put("request", request == null ? "— (not sent yet)" : request);
        m.put("compiledParts", tagged(compiled, refs));
        List<Map<String, Object>> events = new ArrayList<>();
        long after = 0;
        while (true) {
            List<EventView> page = view.events(after, 2000);
            for (EventView e : page) {
                if (key.equals(e.shot())) {
                    events.add(Map.of(
                            "seq", e.seq(), "at", TIME.format(e.at()), "kind", e.kind(), "detail", nz(e.detail())));
                }
            }
            if (page.size() < 2000) break;
            after = page.get(page.size() - 1).seq();
        }
        m.put("events", events);
        return Optional.of(m);
    }

    /** The compiled prompt cut into text and {@code [图N]} / 视频N / 音频N tags, each tag with its name. */
    static List<Map<String, Object>> tagged(String prompt, List<ShotReference> refs) {
        List<Map<String, Object>> parts = new ArrayList<>();
        Matcher m = TAG.matcher(prompt == null ? "" : prompt);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) parts.add(Map.of("text", prompt.substring(at, m.start())));
            String tag = m.group();
            String name = refs.stream()
                    .filter(r -> r.tag().equals(tag))
                    .map(ShotReference::name)
                    .findFirst()
                    .orElse("?");
            parts.add(Map.of("text", tag, "tag", true, "name", name));
            at = m.end();
        }
        if (prompt != null && at < prompt.length()) parts.add(Map.of("text", prompt.substring(at)));
        return parts;
    }

    Optional<Map<String, Object>> cut(String id, Map<String, Object> m) {
        if (project.get().episodes().stream().noneMatch(e -> e.id().equals(id))) return Optional.empty();
        m.put("id", id);
        Path video = episodeVideo(id);
        Path srt = video.resolveSibling(id + ".srt");
        if (Files.isRegularFile(video)) {
            m.put("video", media.link(video));
            if (Files.isRegularFile(srt)) m.put("vtt", "/subtitles/" + id + ".vtt");
        }
        m.put("subtitles", Files.isRegularFile(srt) ? Subtitles.cues(read(srt)) : List.of());
        m.put(
                "formats",
                java.util.Arrays.stream(dev.seedance4j.export.ExportFormat.values())
                        .map(f -> Map.of("id", f.id(), "description", f.description()))
                        .toList());
        m.put("exports", exports(id));
        StudioView view = views.get();
        approval(id, view.approvals()).ifPresent(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("by", a.by());
            x.put("at", TIME.format(a.at()));
            x.put("note", a.note());
            m.put("approval", x);
        });
        return Optional.of(m);
    }

    /** The approval of the episode's current cut (the stamp in season.json), if it has one. */
    private Optional<ApprovalView> approval(String id, List<ApprovalView> approvals) {
        Optional<String> stamp = currentStamp(id);
        return stamp.flatMap(s -> approvals.stream()
                .filter(a -> a.episode().equals(id) && a.stamp().equals(s))
                .reduce((a, b) -> b));
    }

    private Optional<String> currentStamp(String id) {
        Path manifest = outputDir.resolve("episodes").resolve("season.json");
        if (!Files.isRegularFile(manifest)) return Optional.empty();
        try {
            for (JsonNode e : JSON.readTree(manifest.toFile()).path("episodes")) {
                if (id.equals(e.path("id").asText()) && e.hasNonNull("stamp"))
                    return Optional.of(e.get("stamp").asText());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The timelines exported for an episode, as downloads ({@code exports/<format>/...}). */
    private List<Map<String, Object>> exports(String id) {
        Path folder = outputDir.resolve("exports");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> walk = Files.walk(folder, 3)) {
            return walk.filter(f -> Files.isRegularFile(f) && MediaFiles.download(f))
                    .filter(f -> folder.relativize(f).toString().contains(id))
                    .sorted()
                    .map(f -> Map.<String, Object>of(
                            "href", media.link(f), "name", folder.relativize(f).toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    Optional<String> vtt(String id) {
        if (project.get().episodes().stream().noneMatch(e -> e.id().equals(id))) return Optional.empty();
        Path srt = episodeVideo(id).resolveSibling(id + ".srt");
        return Files.isRegularFile(srt) ? Optional.of(Subtitles.toVtt(read(srt))) : Optional.empty();
    }

    Map<String, Object> sheets(Map<String, Object> m, ProjectFiles files) {
        Project p = project.get();
        m.put(
                "characters",
                p.characters().values().stream()
                        .sorted(java.util.Comparator.comparing(Project.Character::name))
                        .map(c -> sheet("character", c.name(), c.description().orElse(""), c.images(), files))
                        .toList());
        m.put(
                "scenes",
                p.scenes().values().stream()
                        .sorted(java.util.Comparator.comparing(Project.Scene::name))
                        .map(s -> sheet("scene", s.name(), s.description().orElse(""), s.images(), files))
                        .toList());
        List<Map<String, Object>> generated = new ArrayList<>();
        Path folder = outputDir.resolve("sheets");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder, 3)) {
                walk.filter(f -> Files.isRegularFile(f)
                                && MediaFiles.type(f)
                                        .filter(t -> t.startsWith("image/"))
                                        .isPresent())
                        .sorted()
                        .forEach(f -> generated.add(Map.of(
                                "src",
                                media.link(f),
                                "name",
                                folder.relativize(f).toString())));
            } catch (IOException e) {
                // no generated sheets to show
            }
        }
        m.put("generated", generated);
        m.put("hasGenerated", !generated.isEmpty());
        return m;
    }

    private static Map<String, Object> sheet(
            String kind, String name, String description, List<MediaRef> images, ProjectFiles files) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            MediaRef ref = images.get(i);
            Map<String, Object> x = new LinkedHashMap<>();
            if (ref instanceof MediaRef.LocalFile f) {
                x.put("written", f.written());
                x.put("src", files.link(kind, name, i));
            } else if (ref instanceof MediaRef.Remote r) {
                x.put("written", r.url());
            }
            shown.add(x);
        }
        return Map.of("name", name, "description", description, "images", shown);
    }

    Path episodeVideo(String id) {
        return outputDir.resolve("episodes").resolve(id + ".mp4");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String cny(BigDecimal value) {
        return value == null
                ? "—"
                : "¥" + value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
