package dev.seedance4j.bench.internal;

import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The production the engine and the baselines are compared on: {@code n} shots of 4 s at 480p without sound, every
 * fifth one starting from the last frame of the shot before it ({@code after:}), so that 20 % of the shots are in
 * chains. The same shots are written as a project file for the studio and built as client requests for the
 * baselines.
 */
public final class Workload {
    static final Model MODEL = Model.SEEDANCE_2_0_FAST;
    static final int SECONDS = 4;
    static final int WIDTH = 864;
    static final int HEIGHT = 496;

    /**
     * One shot.
     *
     * @param id    its id, e.g. {@code s007}
     * @param after the shot whose last frame it starts from, or null
     */
    public record Shot(String id, String prompt, long seed, String after) {}

    private final List<Shot> shots;

    private Workload(List<Shot> shots) {
        this.shots = List.copyOf(shots);
    }

    /** {@code n} shots, every fifth one {@code after:} the one before it. */
    public static Workload of(int n) {
        return of(n, true);
    }

    /** {@code n} shots that depend on nothing, so that all of them can be in flight at once. */
    public static Workload independent(int n) {
        return of(n, false);
    }

    private static Workload of(int n, boolean chains) {
        List<Shot> shots = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String after = chains && i % 5 == 0 ? id(i - 1) : null;
            shots.add(new Shot(id(i), "镜头 " + i + "：夜色中的城市，镜头缓慢推近", 1000 + i, after));
        }
        return new Workload(shots);
    }

    private static String id(int i) {
        return String.format("s%03d", i);
    }

    public List<Shot> shots() {
        return shots;
    }

    /** Shots in the longest {@code after:} chain (2 here: a shot and the one that starts from it). */
    public int criticalPathShots() {
        int longest = 0;
        for (Shot s : shots) {
            int length = 1;
            for (Shot at = s; at.after() != null; at = find(at.after())) length++;
            longest = Math.max(longest, length);
        }
        return longest;
    }

    public boolean isChainedOn(Shot shot) {
        return shots.stream().anyMatch(s -> shot.id().equals(s.after()));
    }

    Shot find(String id) {
        return shots.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The project file the studio runs: one episode holding every shot. */
    public Path writeProject(Path folder) throws IOException {
        StringBuilder y = new StringBuilder("title: bench\n")
                .append("defaults: { model: ")
                .append(MODEL.id())
                .append(", resolution: 480p, ratio: \"16:9\", duration: ")
                .append(SECONDS)
                .append(", generate_audio: false }\n")
                .append("episodes:\n  - id: ep01\n    shots:\n");
        for (Shot s : shots) {
            y.append("      - { id: ")
                    .append(s.id())
                    .append(", prompt: \"")
                    .append(s.prompt())
                    .append("\", seed: ")
                    .append(s.seed());
            if (s.after() != null) y.append(", after: ").append(s.after());
            y.append(" }\n");
        }
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("bench.yaml"), y.toString());
    }

    /** The request a script would send for {@code shot}; {@code firstFrame} is the predecessor's last frame, or null. */
    public CreateTaskRequest request(Shot shot, Path firstFrame) {
        CreateTaskRequest.Builder b = firstFrame == null
                ? CreateTaskRequest.textToVideo(MODEL, shot.prompt())
                : CreateTaskRequest.firstFrame(MODEL, shot.prompt(), Media.file(firstFrame));
        b.resolution(Resolution.of("480p"))
                .ratio(Ratio.of("16:9"))
                .duration(SECONDS)
                .generateAudio(false)
                .seed(shot.seed());
        if (isChainedOn(shot)) b.returnLastFrame(true);
        return b.build();
    }
}
