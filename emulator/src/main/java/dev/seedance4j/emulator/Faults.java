package dev.seedance4j.emulator;

import java.time.Duration;
import java.util.Locale;

/**
 * Faults the emulator injects, each as a rate in [0, 1]. Decisions are deterministic for a given {@link #seed()}:
 * the n-th request (or task, or download) that could get a fault of one kind gets the same answer in every run.
 *
 * <p>Spec syntax (the {@code --faults} flag): comma-separated {@code name=value} pairs, for example
 * {@code 5xx=0.05,429=0.02,slow=0.1,slow-ms=3000,drop=0.01,drop-after=0.01,truncate=0.1,moderation=0.1,stuck=0.05,seed=42}.
 * The request-level faults ({@code 5xx}, {@code 429}, {@code slow}, {@code drop}) apply to every {@code /api/v3}
 * endpoint, chat completions and image generations included; {@code drop-after} to creates, chat completions and
 * image generations (the work is done and billed, the answer is lost); {@code moderation} also fails images
 * ({@code OutputImageSensitiveContentDetected}) and chat replies ({@code finish_reason: content_filter}).
 *
 * @param serverErrorRate       API requests answered 500 {@code InternalServiceError} without doing anything
 * @param rateLimitRate         API requests answered 429 {@code ServerOverloaded} without doing anything
 * @param slowRate              API requests answered only after {@code slowDelay} (then normally)
 * @param slowDelay             how long a slow request waits
 * @param dropBeforeRate        API requests whose connection is closed without a response, before any effect
 * @param dropAfterRate         creates whose connection is closed without a response <em>after</em> the task was
 *                              created (the client cannot know whether it was)
 * @param truncatedDownloadRate result downloads that announce the full length and stop half way
 * @param outputModerationRate  tasks that fail with {@code OutputVideoSensitiveContentDetected.PolicyViolation}
 * @param stuckRate             tasks that stay {@code running} until they expire
 * @param seed                  seed of the fault decisions
 * @param chatInvalidJsonRate   JSON chat replies that do not parse ({@code finish_reason} still {@code stop})
 * @param chatTruncateRate      chat replies cut at half their tokens with {@code finish_reason: length}
 * @param chatSchemaViolationRate JSON chat replies that parse but violate the requested schema
 */
public record Faults(
        double serverErrorRate,
        double rateLimitRate,
        double slowRate,
        Duration slowDelay,
        double dropBeforeRate,
        double dropAfterRate,
        double truncatedDownloadRate,
        double outputModerationRate,
        double stuckRate,
        long seed,
        double chatInvalidJsonRate,
        double chatTruncateRate,
        double chatSchemaViolationRate) {

    private static final Faults NONE = new Faults(0, 0, 0, Duration.ofSeconds(2), 0, 0, 0, 0, 0, 0);

    public Faults {
        check("5xx", serverErrorRate);
        check("429", rateLimitRate);
        check("slow", slowRate);
        if (slowDelay == null || slowDelay.isNegative())
            throw new IllegalArgumentException("slow-ms must not be negative: " + slowDelay);
        check("drop", dropBeforeRate);
        check("drop-after", dropAfterRate);
        check("truncate", truncatedDownloadRate);
        check("moderation", outputModerationRate);
        check("stuck", stuckRate);
        check("chat-invalid-json", chatInvalidJsonRate);
        check("chat-truncate", chatTruncateRate);
        check("chat-schema", chatSchemaViolationRate);
    }

    /** The video faults only (no chat reply faults). */
    public Faults(
            double serverErrorRate,
            double rateLimitRate,
            double slowRate,
            Duration slowDelay,
            double dropBeforeRate,
            double dropAfterRate,
            double truncatedDownloadRate,
            double outputModerationRate,
            double stuckRate,
            long seed) {
        this(
                serverErrorRate,
                rateLimitRate,
                slowRate,
                slowDelay,
                dropBeforeRate,
                dropAfterRate,
                truncatedDownloadRate,
                outputModerationRate,
                stuckRate,
                seed,
                0,
                0,
                0);
    }

    /** No faults at all (the default). */
    public static Faults none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a fault spec such as {@code 5xx=0.1,seed=7}; an empty or blank spec means {@link #none()}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Faults parse(String spec) {
        Builder b = builder();
        if (spec == null || spec.isBlank()) return b.build();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("fault entry '" + trimmed + "' is not name=value");
            String name = trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = trimmed.substring(eq + 1).trim();
            try {
                switch (name) {
                    case "5xx" -> b.serverErrorRate(Double.parseDouble(value));
                    case "429" -> b.rateLimitRate(Double.parseDouble(value));
                    case "slow" -> b.slowRate(Double.parseDouble(value));
                    case "slow-ms" -> b.slowDelay(Duration.ofMillis(Long.parseLong(value)));
                    case "drop" -> b.dropBeforeRate(Double.parseDouble(value));
                    case "drop-after" -> b.dropAfterRate(Double.parseDouble(value));
                    case "truncate" -> b.truncatedDownloadRate(Double.parseDouble(value));
                    case "moderation" -> b.outputModerationRate(Double.parseDouble(value));
                    case "stuck" -> b.stuckRate(Double.parseDouble(value));
                    case "seed" -> b.seed(Long.parseLong(value));
                    case "chat-invalid-json" -> b.chatInvalidJsonRate(Double.parseDouble(value));
                    case "chat-truncate" -> b.chatTruncateRate(Double.parseDouble(value));
                    case "chat-schema" -> b.chatSchemaViolationRate(Double.parseDouble(value));
                    default ->
                        throw new IllegalArgumentException("unknown fault '" + name
                                + "' (known: 5xx, 429, slow, slow-ms, drop, drop-after, truncate, moderation, stuck, seed,"
                                + " chat-invalid-json, chat-truncate, chat-schema)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + name + "' needs a number, got '" + value + "'", e);
            }
        }
        return b.build();
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1))
            throw new IllegalArgumentException("fault rate " + name + " must be in [0, 1]: " + rate);
    }

    /** Builder of {@link Faults}; every rate starts at 0, the seed at 0 and the slow delay at 2 s. */
    public static final class Builder {
        private double serverErrorRate;
        private double rateLimitRate;
        private double slowRate;
        private Duration slowDelay = Duration.ofSeconds(2);
        private double dropBeforeRate;
        private double dropAfterRate;
        private double truncatedDownloadRate;
        private double outputModerationRate;
        private double stuckRate;
        private long seed;
        private double chatInvalidJsonRate;
        private double chatTruncateRate;
        private double chatSchemaViolationRate;

        private Builder() {}

        public Builder serverErrorRate(double rate) {
            this.serverErrorRate = rate;
            return this;
        }

        public Builder rateLimitRate(double rate) {
            this.rateLimitRate = rate;
            return this;
        }

        public Builder slowRate(double rate) {
            this.slowRate = rate;
            return this;
        }

        public Builder slowDelay(Duration delay) {
            this.slowDelay = delay;
            return this;
        }

        public Builder dropBeforeRate(double rate) {
            this.dropBeforeRate = rate;
            return this;
        }

        public Builder dropAfterRate(double rate) {
            this.dropAfterRate = rate;
            return this;
        }

        public Builder truncatedDownloadRate(double rate) {
            this.truncatedDownloadRate = rate;
            return this;
        }

        public Builder outputModerationRate(double rate) {
            this.outputModerationRate = rate;
            return this;
        }

        public Builder stuckRate(double rate) {
            this.stuckRate = rate;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder chatInvalidJsonRate(double rate) {
            this.chatInvalidJsonRate = rate;
            return this;
        }

        public Builder chatTruncateRate(double rate) {
            this.chatTruncateRate = rate;
            return this;
        }

        public Builder chatSchemaViolationRate(double rate) {
            this.chatSchemaViolationRate = rate;
            return this;
        }

        public Faults build() {
            return new Faults(
                    serverErrorRate,
                    rateLimitRate,
                    slowRate,
                    slowDelay,
                    dropBeforeRate,
                    dropAfterRate,
                    truncatedDownloadRate,
                    outputModerationRate,
                    stuckRate,
                    seed,
                    chatInvalidJsonRate,
                    chatTruncateRate,
                    chatSchemaViolationRate);
        }
    }
}
