package dev.seedance4j.studio.assembly;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One shot of an episode as the assembler sees it: the verified clip of the take the episode uses, that take's hash
 * (which decides whether the episode must be assembled again), its dialogue, and what the take cost (for the season
 * manifest only).
 *
 * @param shotId     the shot's id in the project, e.g. {@code s01}
 * @param clip       the verified MP4 of the chosen take
 * @param takeHash   the identity of the take's content; a different hash means a different clip
 * @param take       a label for the take, e.g. {@code 2} or a task id; may be empty
 * @param dialogue   the shot's lines in the order spoken
 * @param tokens     tokens billed for the take, or null when unknown
 * @param costCny    CNY billed for the take, or null when unknown
 */
public record ShotClip(
        String shotId,
        Path clip,
        String takeHash,
        String take,
        List<DialogueLine> dialogue,
        Long tokens,
        BigDecimal costCny) {

    public ShotClip {
        Objects.requireNonNull(shotId, "shotId");
        Objects.requireNonNull(clip, "clip of shot " + shotId);
        Objects.requireNonNull(takeHash, "takeHash of shot " + shotId);
        if (shotId.isBlank()) throw new IllegalArgumentException("shot id is blank");
        if (takeHash.isBlank()) throw new IllegalArgumentException("take hash of shot " + shotId + " is blank");
        take = take == null ? "" : take;
        dialogue = List.copyOf(dialogue);
    }

    public static Builder builder(String shotId, Path clip, String takeHash) {
        return new Builder(shotId, clip, takeHash);
    }

    /** Builds a {@link ShotClip}; only the id, clip and take hash are required. */
    public static final class Builder {
        private final String shotId;
        private final Path clip;
        private final String takeHash;
        private String take = "";
        private final List<DialogueLine> dialogue = new ArrayList<>();
        private Long tokens;
        private BigDecimal costCny;

        private Builder(String shotId, Path clip, String takeHash) {
            this.shotId = shotId;
            this.clip = clip;
            this.takeHash = takeHash;
        }

        public Builder take(String take) {
            this.take = take;
            return this;
        }

        public Builder line(DialogueLine line) {
            dialogue.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** Adds a line timed by its length. */
        public Builder line(String who, String text) {
            return line(DialogueLine.of(who, text));
        }

        public Builder dialogue(List<DialogueLine> lines) {
            dialogue.clear();
            dialogue.addAll(lines);
            return this;
        }

        public Builder cost(Long tokens, BigDecimal costCny) {
            this.tokens = tokens;
            this.costCny = costCny;
            return this;
        }

        public ShotClip build() {
            return new ShotClip(shotId, clip, takeHash, take, dialogue, tokens, costCny);
        }
    }
}
