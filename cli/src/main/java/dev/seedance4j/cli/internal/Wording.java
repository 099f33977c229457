package dev.seedance4j.cli.internal;

import java.util.List;

/**
 * The command line's own words for what the libraries say in Java: their messages name builder methods and
 * classes for Java users, while a user of {@code seedance} needs the flag, the key of the project file or the
 * environment variable to change. Every message the command prints from a library passes through
 * {@link #forCli(String)}.
 */
public final class Wording {

    private record Replacement(String javaSays, String cliSays) {}

    private static final String S3 = "set SEEDANCE_S3_ENDPOINT, SEEDANCE_S3_BUCKET, SEEDANCE_S3_ACCESS_KEY and"
            + " SEEDANCE_S3_SECRET_KEY (S3-compatible storage the service can fetch from), or use --emulator";

    private static final List<Replacement> TABLE = List.of(
            new Replacement(
                    "configure StudioOptions.videoPublisher (LoopbackVideoPublisher for the emulator, S3VideoPublisher"
                            + " for the real service)",
                    S3),
            new Replacement(
                    "needs a VideoPublisher (StudioOptions.videoPublisher) to get a URL", "needs a link: " + S3),
            new Replacement(
                    "republishing its clip needs a VideoPublisher", "publishing its kept clip needs storage: " + S3),
            new Replacement(
                    "concurrency and requestsPerMinute must be ≥ 1, maxRerolls ≥ 0",
                    "--concurrency and --rpm must be at least 1, --rerolls at least 0"),
            new Replacement("create it with CreateOptions.skipValidation()", "add --skip-validation"),
            new Replacement("(StudioOptions.giveUpAfter ", "(--give-up-after or SEEDANCE_GIVE_UP_AFTER "),
            new Replacement(" (use Media.file(Path) for a local file)", ""),
            new Replacement("assembly setting coverShotId is", "--cover is"),
            new Replacement("assembly setting targetLufs is", "--loudness is"),
            new Replacement("assembly setting loudnessToleranceLu is", "--loudness-tolerance is"),
            new Replacement("assembly setting backgroundMusic names", "--music names"),
            new Replacement("assembly setting subtitleFont names", "--burn-subtitles names"),
            // picocli's type names, for a flag value that is not a number
            new Replacement("is not a java.math.BigDecimal", "is not a number"),
            new Replacement("is not a java.time.Duration", "is not a duration such as PT30M or PT1H"),
            new Replacement("is not an int", "is not a whole number"),
            new Replacement("is not a long", "is not a whole number"),
            new Replacement("is not a double", "is not a number"));

    private Wording() {}

    public static String forCli(String message) {
        if (message == null) return null;
        String out = message;
        for (Replacement r : TABLE) out = out.replace(r.javaSays(), r.cliSays());
        return out;
    }
}
