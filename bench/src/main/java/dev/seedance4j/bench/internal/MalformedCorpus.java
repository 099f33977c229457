package dev.seedance4j.bench.internal;

import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.StudioOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The R3 corpus: malformed projects (run through the studio), malformed requests (through the client) and
 * malformed JSON bodies (posted to the emulator). Each case names a fragment its error must contain, so that an
 * error that says nothing useful counts as a failure; none of them may create a task.
 */
public final class MalformedCorpus {

    /** Where a case is refused. */
    public enum Kind {
        PROJECT,
        REQUEST,
        WIRE
    }

    /**
     * One malformed input.
     *
     * @param kind     project file, client request or wire body
     * @param name     what is wrong, in a few words
     * @param expected a fragment the error must contain (the field, the rule or the code)
     * @param input    the YAML text, or the JSON body; for requests a description
     */
    public record Case(Kind kind, String name, String expected, String input, RequestFactory request) {}

    /** Builds a client request (which may itself refuse to be built). */
    @FunctionalInterface
    public interface RequestFactory {
        CreateTaskRequest build(Path assets) throws IOException;
    }

    /**
     * The outcome of one case.
     *
     * @param message the error as the user sees it, or a description of what went wrong instead
     * @param refused the input was refused with an error that contains the expected fragment
     */
    public record Outcome(Case testCase, boolean refused, String message) {}

    private static final Model FAST = Model.SEEDANCE_2_0_FAST;

    private MalformedCorpus() {}

    /** Writes the assets the cases refer to: a 640x360 PNG, a 100x100 PNG, a PNG that is not one, a 2 s WAV. */
    public static void writeAssets(Path projectFolder) throws IOException {
        Path assets = Files.createDirectories(projectFolder.resolve("assets"));
        ImageIO.write(
                new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB),
                "png",
                assets.resolve("ok.png").toFile());
        ImageIO.write(
                new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB),
                "png",
                assets.resolve("tiny.png").toFile());
        Files.writeString(assets.resolve("fake.png"), "this is text, not a PNG");
        byte[] pcm = new byte[2 * 16000 * 2];
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(
                    in, AudioFileFormat.Type.WAVE, assets.resolve("voice.wav").toFile());
        }
    }

    public static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String head =
                "title: t\ndefaults: { model: " + FAST.id() + ", resolution: 480p, ratio: \"16:9\", duration: 4 }\n";
        project(
                c,
                "yaml syntax error",
                "YAML syntax error",
                "title: t\nepisodes:\n  - id: e\n    shots: [ { id: s, prompt: \"open\n");
        project(
                c,
                "unknown top-level key",
                "titel",
                "titel: t\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n");
        project(
                c,
                "unknown key in defaults",
                "resolutoin",
                "title: t\ndefaults: { resolutoin: 720p }\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n");
        project(c, "no episodes", "episodes", "title: t\n");
        project(c, "episodes is not a list", "episodes", head + "episodes: nope\n");
        project(c, "episode without shots", "shots", head + "episodes: [{ id: e }]\n");
        project(
                c,
                "duplicate shot id",
                "duplicate shot id",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p }, { id: s, prompt: q }] }]\n");
        project(
                c,
                "after: an unknown shot",
                "s99",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, after: s99 }] }]\n");
        project(
                c,
                "dependency cycle",
                "cycle",
                head
                        + "episodes: [{ id: e, shots: [{ id: a, prompt: p, after: b }, { id: b, prompt: p, after: a }] }]\n");
        project(
                c,
                "duration is text",
                "duration",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, duration: five }] }]\n");
        project(
                c,
                "duration out of range",
                "duration",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, duration: 30 }] }]\n");
        project(
                c,
                "unknown resolution",
                "resolution",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, resolution: 8k }] }]\n");
        project(
                c,
                "unknown ratio",
                "ratio",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, ratio: \"5:4\" }] }]\n");
        project(
                c,
                "missing image file",
                "file not found",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: assets/nope.png }] }]\n");
        project(
                c,
                "path leaves the project folder",
                "project folder",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: ../outside.png }] }]\n");
        project(
                c,
                "unknown @mention",
                "@nobody",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: \"@nobody walks\" }] }]\n");
        project(
                c,
                "first frame mixed with reference images",
                "first_frame",
                head
                        + "episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: assets/ok.png, images: [assets/ok.png] }] }]\n");
        project(
                c,
                "extend more than three clips",
                "extend",
                head + "episodes: [{ id: e, shots: [{ id: a, prompt: p }, { id: b, prompt: p },"
                        + " { id: c, prompt: p }, { id: d, prompt: p }, { id: x, prompt: p, extend: [a, b, c, d] }] }]\n");
        project(
                c,
                "ten reference images",
                "image",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, images: [" + "assets/ok.png, ".repeat(9)
                        + "assets/ok.png] }] }]\n");
        project(
                c,
                "unknown model",
                "not-a-model",
                "title: t\ndefaults: { model: not-a-model }\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n");
        project(
                c,
                "image below the minimum size",
                "300",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: assets/tiny.png }] }]\n");
        project(
                c,
                "image that is not an image",
                "fake.png",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: assets/fake.png }] }]\n");
        project(
                c,
                "generate_audio is not a boolean",
                "generate_audio",
                "title: t\ndefaults: { generate_audio: maybe }\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n");
        project(
                c,
                "dialogue by an unknown speaker",
                "nobody",
                head + "episodes: [{ id: e, shots: [{ id: s, prompt: p, dialogue: [{ who: nobody, text: hi }] }] }]\n");
        project(
                c,
                "budget below the estimate",
                "budget",
                head + "budget: { max_cny: 0.001 }\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n");

        request(
                c,
                "duration below the minimum",
                "duration",
                a -> CreateTaskRequest.textToVideo(FAST, "p").duration(2).build());
        request(
                c,
                "duration above the maximum",
                "duration",
                a -> CreateTaskRequest.textToVideo(FAST, "p").duration(16).build());
        request(
                c,
                "unknown resolution",
                "resolution",
                a -> CreateTaskRequest.textToVideo(FAST, "p")
                        .resolution(Resolution.of("8k"))
                        .build());
        request(
                c,
                "unknown ratio",
                "ratio",
                a -> CreateTaskRequest.textToVideo(FAST, "p")
                        .ratio(Ratio.of("5:4"))
                        .build());
        request(
                c,
                "blank prompt",
                "must not be blank",
                a -> CreateTaskRequest.textToVideo(FAST, "   ").build());
        request(
                c,
                "two text items",
                "only one text item",
                a -> CreateTaskRequest.textToVideo(FAST, "p").text("q").build());
        request(
                c,
                "image below the minimum size",
                "[300, 6000]",
                a -> CreateTaskRequest.firstFrame(FAST, "p", Media.file(a.resolve("tiny.png")))
                        .build());
        request(
                c,
                "image bytes that are not an image",
                "must be an image",
                a -> CreateTaskRequest.firstFrame(FAST, "p", Media.file(a.resolve("fake.png")))
                        .build());
        request(
                c,
                "video input on Seedance 1.5",
                "videos are supported only",
                a -> CreateTaskRequest.editVideo(
                                Model.SEEDANCE_1_5_PRO, "p", Media.url("https://example.invalid/v.mp4"))
                        .build());
        request(
                c,
                "audio input on Seedance 1.0",
                "audio input is supported only",
                a -> CreateTaskRequest.referenceAudio(
                                Model.SEEDANCE_1_0_PRO,
                                "p",
                                List.of(Media.file(a.resolve("ok.png"))),
                                List.of(Media.file(a.resolve("voice.wav"))))
                        .build());
        request(
                c,
                "draft task on Seedance 2.0",
                "draft",
                a -> CreateTaskRequest.fromDraft(FAST, "cgt-20260101000000-abcde")
                        .build());
        request(
                c,
                "first frame mixed with a reference image",
                "role",
                a -> CreateTaskRequest.firstFrame(FAST, "p", Media.file(a.resolve("ok.png")))
                        .referenceImage(Media.file(a.resolve("ok.png")))
                        .build());

        wire(c, "body is not JSON", "InvalidParameter", "{\"model\": ");
        wire(c, "body is empty", "InvalidParameter", "");
        wire(c, "body is a JSON array", "InvalidParameter", "[1, 2, 3]");
        wire(c, "model missing", "model", "{\"content\":[{\"type\":\"text\",\"text\":\"p\"}]}");
        wire(
                c,
                "unknown model",
                "InvalidEndpointOrModel.NotFound",
                "{\"model\":\"not-a-model\",\"content\":[{\"type\":\"text\",\"text\":\"p\"}]}");
        wire(c, "content is not a list", "content", "{\"model\":\"" + FAST.id() + "\",\"content\":\"p\"}");
        wire(
                c,
                "duration is text",
                "duration",
                "{\"model\":\"" + FAST.id()
                        + "\",\"content\":[{\"type\":\"text\",\"text\":\"p\"}],\"duration\":\"five\"}");
        wire(
                c,
                "unknown ratio",
                "ratio",
                "{\"model\":\"" + FAST.id() + "\",\"content\":[{\"type\":\"text\",\"text\":\"p\"}],\"ratio\":\"5:4\"}");
        wire(
                c,
                "unknown content type",
                "type",
                "{\"model\":\"" + FAST.id() + "\",\"content\":[{\"type\":\"hologram\",\"text\":\"p\"}]}");
        wire(
                c,
                "image data URL that is not base64",
                "image_url",
                "{\"model\":\"" + FAST.id() + "\",\"content\":[{\"type\":\"text\",\"text\":\"p\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,!!!\"},\"role\":\"first_frame\"}]}");
        wire(
                c,
                "image data URL that is not an image",
                "image_url",
                "{\"model\":\"" + FAST.id() + "\",\"content\":[{\"type\":\"text\",\"text\":\"p\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString("not a png".getBytes())
                        + "\"},\"role\":\"first_frame\"}]}");
        return c;
    }

    private static void project(List<Case> c, String name, String expected, String yaml) {
        c.add(new Case(Kind.PROJECT, name, expected, yaml, null));
    }

    private static void request(List<Case> c, String name, String expected, RequestFactory request) {
        c.add(new Case(Kind.REQUEST, name, expected, name, request));
    }

    private static void wire(List<Case> c, String name, String expected, String body) {
        c.add(new Case(Kind.WIRE, name, expected, body, null));
    }

    /**
     * Runs one case against the emulator at {@code baseUrl}: projects through {@link Studio#run}, requests through
     * {@code client.tasks().create}, bodies by a raw POST.
     */
    public static Outcome run(Case testCase, Path folder, SeedanceClient client, RawApi raw, int index) {
        try {
            String message = switch (testCase.kind()) {
                case PROJECT -> runProject(testCase, folder, client, index);
                case REQUEST -> runRequest(testCase, folder, client);
                case WIRE -> runWire(testCase, raw);
            };
            if (message == null) return new Outcome(testCase, false, "accepted: nothing refused it");
            boolean clear = message.toLowerCase(Locale.ROOT)
                    .contains(testCase.expected().toLowerCase(Locale.ROOT));
            return new Outcome(testCase, clear, message);
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new Outcome(testCase, false, "unexpected " + e);
        }
    }

    private static String runProject(Case testCase, Path folder, SeedanceClient client, int index) throws IOException {
        Path file = folder.resolve(String.format("case%02d.yaml", index));
        Files.writeString(file, testCase.input());
        StudioOptions options = StudioOptions.builder()
                .client(client)
                .outputDir(folder.resolve("out" + index))
                .build();
        try (Studio studio = Studio.open(file, options)) {
            studio.run(RunListener.none());
            return null;
        } catch (ProjectException e) {
            return e.getMessage();
        } catch (StudioException e) {
            return e.getMessage();
        }
    }

    private static String runRequest(Case testCase, Path folder, SeedanceClient client) throws IOException {
        try {
            client.tasks().create(testCase.request().build(folder.resolve("assets")));
            return null;
        } catch (ValidationException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String runWire(Case testCase, RawApi raw) throws IOException, InterruptedException {
        HttpResponse<String> response = raw.create(testCase.input());
        if (response.statusCode() / 100 == 2) return null;
        return response.statusCode() + " " + response.body();
    }
}
