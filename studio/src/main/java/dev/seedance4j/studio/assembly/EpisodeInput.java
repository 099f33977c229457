package dev.seedance4j.studio.assembly;

import dev.seedance4j.studio.assembly.internal.AspectRatio;
import dev.seedance4j.studio.internal.SafeIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one episode is made of, in order.
 *
 * @param episodeId the episode's id, which names its files ({@code <episodeId>.mp4}, {@code .srt}, ...); letters,
 *                  digits, {@code . _ -} only, not starting with {@code .}, at most 64 characters, so that it is a
 *                  safe file name everywhere
 * @param title     the episode's title for the MP4 metadata and the manifest; may be empty
 * @param ratio     the episode's aspect ratio as {@code W:H} (e.g. {@code 9:16}), or {@code adaptive} for the first
 *                  clip's shape; used when clips must be normalised
 * @param shots     the shots in playing order; at least one, ids unique
 */
public record EpisodeInput(String episodeId, String title, String ratio, List<ShotClip> shots) {

    public EpisodeInput {
        checkId(episodeId);
        title = title == null ? "" : title;
        Objects.requireNonNull(ratio, "ratio of episode " + episodeId);
        if (!AspectRatio.ADAPTIVE.equals(ratio.trim())) AspectRatio.parse(ratio, "ratio of episode " + episodeId);
        shots = List.copyOf(shots);
        if (shots.isEmpty()) throw new IllegalArgumentException("episode " + episodeId + " has no shots");
        Set<String> seen = new HashSet<>();
        for (ShotClip shot : shots) {
            if (!seen.add(shot.shotId())) {
                throw new IllegalArgumentException("episode " + episodeId + " lists shot " + shot.shotId() + " twice");
            }
        }
    }

    /** Refuses an episode id that is not a safe file name, since it names the episode's files. */
    static void checkId(String episodeId) {
        Objects.requireNonNull(episodeId, "episodeId");
        if (!SafeIds.isSafe(episodeId)) {
            throw new IllegalArgumentException(
                    "episode id '" + episodeId + "' must be " + SafeIds.RULE + ", because it names files");
        }
    }

    public static Builder builder(String episodeId, String ratio) {
        return new Builder(episodeId, ratio);
    }

    /** Builds an {@link EpisodeInput}. */
    public static final class Builder {
        private final String episodeId;
        private final String ratio;
        private String title = "";
        private final List<ShotClip> shots = new ArrayList<>();

        private Builder(String episodeId, String ratio) {
            this.episodeId = episodeId;
            this.ratio = ratio;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder shot(ShotClip shot) {
            shots.add(Objects.requireNonNull(shot, "shot"));
            return this;
        }

        public EpisodeInput build() {
            return new EpisodeInput(episodeId, title, ratio, shots);
        }
    }
}
