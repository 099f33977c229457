package dev.seedance4j.storyboard;

import dev.seedance4j.client.ModelTable;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * From a script to a project file: read the script, match its cast to the project (if the file exists), break
 * every scene into shots, give the shots ids (keeping the ids of shots whose lines did not change since the last
 * import), check the rules, write the project and read it back with the project parser.
 *
 * <pre>{@code
 * ImportResult result = ScriptImporter.builder().build().importScript(Path.of("drama.md"), Path.of("drama.yaml"));
 * result.storyboard().diagnostics().forEach(System.out::println);
 * System.out.print(result.storyboard().toTable());
 * }</pre>
 */
public final class ScriptImporter {
    private final Breakdown breakdown;
    private final ModelTable models;
    private final int firstEpisode;
    private final int lastEpisode;
    private final String videoModel;

    private ScriptImporter(Builder b) {
        this.breakdown = b.breakdown;
        this.models = b.models;
        this.firstEpisode = b.firstEpisode;
        this.lastEpisode = b.lastEpisode;
        this.videoModel = b.videoModel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What an import made.
     *
     * @param storyboard the breakdown and every diagnostic
     * @param written    whether the project file was written (not when a diagnostic is fatal)
     */
    public record ImportResult(Storyboard storyboard, boolean written) {}

    /**
     * Imports {@code script} into {@code projectFile} (created, or rewritten keeping its settings and cast). Nothing
     * is written when a diagnostic is fatal.
     *
     * @throws ProjectException when the existing project file has problems (fix them first)
     */
    public ImportResult importScript(Path script, Path projectFile) {
        Storyboard board = breakDown(Script.read(script), Optional.of(projectFile));
        if (board.grade() == Severity.FATAL) return new ImportResult(board, false);
        String title = board.script().title().isEmpty()
                ? script.getFileName().toString().replaceFirst("\\.[^.]*$", "")
                : board.script().title();
        try {
            ProjectWriter.writeFile(projectFile, ProjectWriter.write(board, title, source(script)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project file " + projectFile + ": " + e.getMessage(), e);
        }
        Project.load(projectFile); // the written file must read back: a parser problem here is a bug of the writer
        return new ImportResult(board, true);
    }

    /**
     * The breakdown of {@code script} for the project at {@code projectFile} (read for its cast, settings and the
     * ids of an earlier import when it exists), without writing anything.
     */
    public Storyboard breakDown(Script script, Optional<Path> projectFile) {
        List<Diagnostic> diagnostics = new ArrayList<>(script.diagnostics());
        Optional<Project> existing = Optional.empty();
        PreviousImport previous = PreviousImport.none();
        if (projectFile.isPresent() && Files.isRegularFile(projectFile.get())) {
            existing = Optional.of(Project.load(projectFile.get()));
            try {
                previous = PreviousImport.read(projectFile.get(), existing);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + projectFile.get() + ": " + e.getMessage(), e);
            }
        }
        String model = videoModel != null
                ? videoModel
                : existing.flatMap(p -> p.defaults().model()).orElse(ShotLimits.DEFAULT_MODEL);
        ShotLimits limits = ShotLimits.of(model, models);
        Script selected = script.episodes(firstEpisode, lastEpisode);
        if (script.grade() != Severity.FATAL && selected.episodes().isEmpty()) {
            diagnostics.add(new Diagnostic(
                    Severity.FATAL,
                    script.file(),
                    0,
                    "",
                    "--episodes " + firstEpisode + "-" + lastEpisode + " selects none of the script's episodes ("
                            + String.join(
                                    ", ",
                                    script.episodes().stream()
                                            .map(e -> String.valueOf(e.number()))
                                            .toList())
                            + ")"));
        }
        Cast cast = Cast.match(selected, existing);
        diagnostics.addAll(cast.diagnostics());
        List<EpisodeDraft> episodes = new ArrayList<>();
        if (script.grade() == Severity.FATAL || selected.episodes().isEmpty()) {
            return new Storyboard(selected, cast, limits, episodes, diagnostics, chatCalls());
        }
        for (ScriptEpisode e : selected.episodes()) {
            if (e.scenes().isEmpty()) continue;
            String episodeId = String.format("ep%02d", e.number());
            List<List<ShotDraft>> scenes = new ArrayList<>();
            for (ScriptScene scene : e.scenes()) {
                SceneInput input = new SceneInput(script.file(), e, scene, cast, limits);
                List<ShotDraft> shots = breakdown.scene(input, diagnostics);
                for (String v : BreakdownRules.violations(input, shots)) {
                    diagnostics.add(new Diagnostic(
                            Severity.FATAL,
                            script.file(),
                            scene.line(),
                            scene.heading(),
                            "breakdown of scene " + scene.number() + ": " + v));
                }
                diagnostics.addAll(BreakdownRules.review(input, shots));
                scenes.add(shots);
            }
            episodes.add(new EpisodeDraft(episodeId, e, ids(episodeId, scenes, previous)));
        }
        return new Storyboard(selected, cast, limits, episodes, diagnostics, chatCalls());
    }

    /**
     * What the project file's {@code # source:} line says for this script and these settings: when it is unchanged,
     * importing again would write the same project (for the deterministic breakdown; a model may answer otherwise).
     */
    public String source(Path script) {
        String sha;
        try {
            sha = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(script)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return script.getFileName() + " sha256:" + sha.substring(0, 16) + " · breakdown: " + breakdown.label()
                + " · episodes: "
                + (lastEpisode == Integer.MAX_VALUE
                        ? firstEpisode == 1 ? "all" : firstEpisode + "-"
                        : firstEpisode + "-" + lastEpisode)
                + (videoModel == null ? "" : " · model: " + videoModel);
    }

    /** Whether {@code projectFile} was imported from this very script with these settings (its source line). */
    public boolean isUpToDate(Path script, Path projectFile) {
        if (!Files.isRegularFile(projectFile) || !Files.isRegularFile(script)) return false;
        try (java.util.stream.Stream<String> lines = Files.lines(projectFile)) {
            String expected = "# source: " + source(script);
            return lines.limit(10).anyMatch(expected::equals);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private List<ChatCall> chatCalls() {
        return breakdown instanceof LlmBreakdown llm ? llm.calls() : List.of();
    }

    /**
     * Ids: a shot made from the same lines as a shot of the earlier import keeps that id (and the project's current
     * prompt and duration, which a person may have edited); the others get {@code s<scene>-<n>}, made unique.
     */
    private static List<ShotDraft> ids(String episodeId, List<List<ShotDraft>> scenes, PreviousImport previous) {
        Set<String> used = new HashSet<>();
        List<ShotDraft> kept = new ArrayList<>();
        for (List<ShotDraft> scene : scenes) {
            for (ShotDraft s : scene) {
                Optional<ShotKey> old =
                        previous.shot(s.fingerprint(), episodeId).filter(k -> !used.contains(k.shot()));
                if (old.isPresent()) {
                    used.add(old.get().shot());
                    Optional<Shot> current = previous.current(old.get());
                    ShotDraft same = s.withId(old.get().shot());
                    if (current.isPresent()) {
                        same = same.withPromptAndDuration(
                                current.get().prompt(), current.get().duration().orElse(s.duration()));
                    }
                    kept.add(same);
                } else {
                    kept.add(s);
                }
            }
        }
        List<ShotDraft> out = new ArrayList<>();
        int index = 0;
        for (int sceneIndex = 0; sceneIndex < scenes.size(); sceneIndex++) {
            for (int n = 0; n < scenes.get(sceneIndex).size(); n++) {
                ShotDraft s = kept.get(index++);
                if (s.id() == null) {
                    String base = String.format("s%02d-%d", sceneIndex + 1, n + 1);
                    String id = base;
                    for (char suffix = 'b'; used.contains(id); suffix++) id = base + suffix;
                    used.add(id);
                    s = s.withId(id);
                }
                out.add(s);
            }
        }
        return out;
    }

    /** Settings of an import. */
    public static final class Builder {
        private Breakdown breakdown = new DeterministicBreakdown();
        private ModelTable models = ModelTable.bundled();
        private int firstEpisode = 1;
        private int lastEpisode = Integer.MAX_VALUE;
        private String videoModel;

        /** How scenes become shots (default: {@link DeterministicBreakdown}, no language model). */
        public Builder breakdown(Breakdown breakdown) {
            this.breakdown = Objects.requireNonNull(breakdown, "breakdown");
            return this;
        }

        /** The model table for the video model's limits (default: the bundled table). */
        public Builder modelTable(ModelTable models) {
            this.models = Objects.requireNonNull(models, "models");
            return this;
        }

        /** Only the episodes numbered {@code from..to} (inclusive). */
        public Builder episodes(int from, int to) {
            if (from < 1 || to < from) throw new IllegalArgumentException("episodes " + from + "-" + to);
            this.firstEpisode = from;
            this.lastEpisode = to;
            return this;
        }

        /** The video model to plan for, instead of the project's {@code defaults.model} (or Seedance 2.0 fast). */
        public Builder videoModel(String model) {
            this.videoModel = model;
            return this;
        }

        public ScriptImporter build() {
            return new ScriptImporter(this);
        }
    }
}
