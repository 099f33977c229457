package dev.seedance4j.cli.internal;

import dev.seedance4j.client.CostEstimate;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskWaiter;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.client.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance generate}: one clip from the command line. The scene follows from the inputs given: a prompt
 * alone is text to video; {@code --first-frame} (and {@code --last-frame}) the frame scenes; {@code --image},
 * {@code --video} and {@code --audio} the multimodal reference scene. The request is validated and its cost
 * estimated before anything is sent.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate one clip and download it.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--prompt",
            required = true,
            description = "What the clip shows (use [图N], 视频N, 音频N for references).")
    String prompt;

    @Option(names = "--first-frame", paramLabel = "FILE|URL", description = "Image the clip opens on (首帧).")
    String firstFrame;

    @Option(
            names = "--last-frame",
            paramLabel = "FILE|URL",
            description = "Image the clip ends on (尾帧); needs --first-frame.")
    String lastFrame;

    @Option(names = "--image", paramLabel = "FILE|URL", description = "Reference image (参考图), 1-9, repeatable.")
    List<String> images = new ArrayList<>();

    @Option(names = "--video", paramLabel = "URL", description = "Reference video to edit or extend, 1-3, repeatable.")
    List<String> videos = new ArrayList<>();

    @Option(names = "--audio", paramLabel = "FILE|URL", description = "Reference audio (wav/mp3), 1-3, repeatable.")
    List<String> audios = new ArrayList<>();

    @Option(
            names = "--model",
            defaultValue = "doubao-seedance-2-0-fast-260128",
            description = "Model or endpoint id (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--ratio", description = "16:9, 4:3, 1:1, 3:4, 9:16, 21:9 or adaptive")
    String ratio;

    @Option(names = "--resolution", description = "480p, 720p, 1080p")
    String resolution;

    @Option(names = "--duration", description = "seconds (4-15 for 2.0, or -1: the model chooses)")
    Integer duration;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--no-audio", description = "no sound track")
    boolean noAudio;

    @Option(names = "--watermark", description = "mark the clip \"AI生成\"")
    boolean watermark;

    @Option(names = "--skip-validation", description = "send even if the model is unknown to the local rules")
    boolean skipValidation;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "clip.mp4",
            description = "Where to save the clip (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
            names = "--timeout",
            defaultValue = "PT1H",
            description = "How long to wait for the clip (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "print one JSON document at the end")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        CreateTaskRequest request = request();
        if (!skipValidation) {
            if (!RequestValidator.knows(request.model())) {
                throw new UserError(
                        ExitCodes.BAD_INPUT,
                        "model " + request.model() + " is not in the local rule"
                                + " table; check the id, or add --skip-validation to let the service judge the request");
            }
            List<Violation> violations = RequestValidator.validate(request);
            if (!violations.isEmpty()) throw new ValidationException(violations);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CostEstimate estimate = RequestValidator.knows(request.model())
                ? CostEstimator.defaults().estimate(request)
                : null;
        if (estimate != null && !json) {
            out.printf("estimate: %s, %d tokens, %s CNY%n", estimate.size(), estimate.tokens(), estimate.cny());
        }
        try (Backend backend = Backend.open(connection, RootContext.environment(spec))) {
            String id = backend.client().tasks().create(request);
            if (!json) out.println("created " + id);
            try {
                return waitAndSave(backend, id, estimate, out, err);
            } catch (RuntimeException e) {
                // The task exists (and may be billed): the error says which, so it can be fetched later.
                throw Failures.of(e).with("created", 1).with("task", id);
            }
        }
    }

    private int waitAndSave(Backend backend, String id, CostEstimate estimate, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        {
            Task task = TaskWaiter.builder(backend.client())
                    .timeout(timeout)
                    .interval(Duration.ofSeconds(backend.isEmulator() ? 1 : 5), Duration.ofSeconds(30), 1.5)
                    .listener((before, now) -> {
                        if (!json) err.println(now.id() + " " + now.status());
                    })
                    .build()
                    .await(id);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("task", Json.task(task));
            if (estimate != null) result.put("estimated_tokens", estimate.tokens());
            if (!task.isSucceeded()) {
                String reason = task.error() == null
                        ? task.status().value()
                        : task.error().code();
                if (json) out.println(Json.pretty(result));
                else
                    out.println("failed: " + reason
                            + (task.error() == null ? "" : " - " + task.error().message()));
                return ExitCodes.SOME_FAILED;
            }
            Path saved = backend.client().download(task, output.toAbsolutePath());
            result.put("file", saved.toString());
            if (json) {
                out.println(Json.pretty(result));
            } else {
                long tokens = task.usage() == null ? 0 : task.usage().completionTokens();
                out.printf(
                        "saved %s (%ss %s %s), %d tokens billed%s%n",
                        saved,
                        task.duration(),
                        task.resolution(),
                        task.ratio(),
                        tokens,
                        backend.isEmulator() ? " (emulator: nothing paid)" : "");
            }
            return ExitCodes.OK;
        }
    }

    private CreateTaskRequest request() {
        Model m = Model.of(model);
        CreateTaskRequest.Builder b;
        if (lastFrame != null && firstFrame == null) {
            throw new UserError(ExitCodes.BAD_INPUT, "--last-frame needs --first-frame (the first+last frame scene)");
        }
        if (firstFrame != null && lastFrame != null) {
            b = CreateTaskRequest.firstAndLastFrame(m, prompt, media(firstFrame), media(lastFrame));
        } else if (firstFrame != null) {
            b = CreateTaskRequest.firstFrame(m, prompt, media(firstFrame));
        } else {
            b = CreateTaskRequest.textToVideo(m, prompt);
        }
        images.forEach(i -> b.referenceImage(media(i)));
        for (String v : videos) {
            if (!isUrl(v)) {
                throw new UserError(
                        ExitCodes.BAD_INPUT,
                        "--video " + v + ": the service takes videos by http(s) URL or"
                                + " asset:// id only; publish the file first (the studio does this for project files)");
            }
            b.referenceVideo(Media.url(v));
        }
        audios.forEach(a -> b.referenceAudio(media(a)));
        if (ratio != null) b.ratio(Ratio.of(ratio));
        if (resolution != null) b.resolution(Resolution.of(resolution));
        if (duration != null) b.duration(duration);
        if (seed != null) b.seed(seed);
        if (noAudio) b.generateAudio(false);
        if (watermark) b.watermark(true);
        return b.build();
    }

    private static boolean isUrl(String value) {
        return value.startsWith("http://") || value.startsWith("https://") || value.startsWith("asset://");
    }

    private static Media media(String value) {
        return isUrl(value) ? Media.url(value) : Media.file(Path.of(value));
    }
}
