package dev.seedance4j.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar seedance4j-emulator-<version>-all.jar [options]}: runs the emulator until interrupted.
 * Run with {@code --help} for the options. {@code seedance emulator} parses the same options with {@link #parse}.
 */
public final class EmulatorMain {

    /** How the standalone jar is run; {@code seedance emulator} names itself instead. */
    static final String JAR_COMMAND = "java -jar seedance4j-emulator-<version>-all.jar";

    private static final String OPTIONS = """
              --host ADDRESS             address to bind (default 127.0.0.1)
              --port N                   port (default 8080; 0 picks a free one)
              --time-scale X             run-time multiplier: 1 = realistic minutes, 0 = render time only (default 0.01)
              --faults SPEC              e.g. 5xx=0.05,429=0.02,slow=0.1,slow-ms=3000,drop=0.01,drop-after=0.01,
                                         truncate=0.1,moderation=0.1,stuck=0.05,seed=42; chat replies:
                                         chat-invalid-json=0.1,chat-truncate=0.1,chat-schema=0.1
              --api-key KEY              accept only this Bearer key (repeatable; default: any key)
              --concurrency N            running tasks per model (default: the model table's, 10; 5 for 1.0 lite)
              --rpm N                    video creates per minute per model (default: the model table's, 600; 300
                                         for 1.0 lite)
              --queue-limit N            queued tasks before 429 QuotaExceeded (default 1000)
              --url-ttl DURATION         lifetime of result URLs, e.g. 24h, 90m, 30s (default 24h)
              --asset-dir PATH           folder of asset://<id> files
              --moderated-words W1,W2    prompts containing these fail input moderation
              --endpoint EP=MODEL        accept endpoint id EP for MODEL (repeatable)
              --data-dir PATH            keep tasks, inputs and results here, across restarts: the next emulator
                                         started on PATH takes them up (default: a temporary folder, deleted)
              --models FILE              model table laid over the built-in one (JSON; see README): video and image
                                         models' limits and prices, chat models' capabilities
              --fetch-timeout DURATION   the whole fetch of one reference medium, body included (default 30s)
              --download-rate BYTES      serve result files at most this many bytes/s each, e.g. 2000000
                                         (default: unlimited)
              --download-latency DURATION  wait before the first byte of each result file (default 0s)
              --callback-timeout DURATION  time a callback receiver has to answer 2xx (default 5s)
              --real-faces HASH|FILE     refuse this reference image as a real person's photograph (repeatable;
                                         a SHA-256 in hex, or an image file whose SHA-256 is taken)
              --chat-fault-plan F1,F2    faults of the first chat completions: ok, invalid-json, truncate,
                                         schema-violation, content-filter, 429, 500, drop, drop-after
              --image-fault-plan F1,F2   faults of the first image generations: ok, moderation, 429, 500, drop,
                                         drop-after
              --help                     print this text
            """;

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        Emulator emulator;
        try {
            Emulator.Builder builder = parse(args, System.out, JAR_COMMAND);
            if (builder == null) return;
            emulator = builder.build().start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("seedance emulator: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "emulator-shutdown"));
        System.out.println("Seedance emulator listening on " + emulator.baseUrl() + "  (stats: " + emulator.rootUrl()
                + "/emulator/stats)");
        stopped.await();
    }

    /**
     * The builder the arguments describe, or null after printing the help.
     *
     * @param command how the user ran it, for the help's usage line ({@code seedance emulator})
     */
    public static Emulator.Builder parse(String[] args, PrintStream out, String command) {
        Emulator.Builder builder = Emulator.builder().port(8080);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.print("Usage: " + command + " [options]\n\n" + OPTIONS);
                return null;
            }
            String value;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                value = args[++i];
            }
            switch (flag) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(integer(flag, value));
                case "--time-scale" -> builder.timeScale(number(flag, value));
                case "--faults" -> builder.faults(Faults.parse(value));
                case "--api-key" -> builder.apiKeys(value);
                case "--concurrency" -> builder.concurrency(integer(flag, value));
                case "--rpm" -> builder.rpm(integer(flag, value));
                case "--queue-limit" -> builder.queueLimit(integer(flag, value));
                case "--url-ttl" -> builder.resultUrlTtl(duration(flag, value));
                case "--asset-dir" -> builder.assetDirectory(java.nio.file.Path.of(value));
                case "--moderated-words" -> builder.moderatedWords(value.split(","));
                case "--endpoint" -> {
                    String[] parts = value.split("=", 2);
                    if (parts.length != 2)
                        throw new IllegalArgumentException("--endpoint needs EP=MODEL, got " + value);
                    builder.endpoint(parts[0], parts[1]);
                }
                case "--data-dir" -> builder.dataDirectory(java.nio.file.Path.of(value));
                case "--callback-timeout" -> builder.callbackTimeout(duration(flag, value));
                case "--fetch-timeout" -> builder.fetchTimeout(duration(flag, value));
                case "--download-rate" -> builder.downloadRate((long) number(flag, value));
                case "--download-latency" -> builder.downloadLatency(duration(flag, value));
                case "--models" -> builder.modelTable(java.nio.file.Path.of(value));
                case "--real-faces" -> {
                    if (value.trim().matches("[0-9a-fA-F]{64}")) builder.realFaces(value.trim());
                    else builder.realFaces(java.nio.file.Path.of(value));
                }
                case "--chat-fault-plan" -> builder.chatFaultPlan(value.split(","));
                case "--image-fault-plan" -> builder.imageFaultPlan(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return builder;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got " + value);
        }
    }

    private static double number(String flag, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + value);
        }
    }

    /** {@code 1500ms}, {@code 30s}, {@code 90m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT24H}). */
    static Duration duration(String flag, String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " needs a duration such as 30s, 90m or 24h, got " + value);
        }
    }
}
