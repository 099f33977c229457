package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of contract §2–§3 that needs no media download, with the code and param the service answers. */
class ValidationTest {

    static Emulator emulator;

    @BeforeAll
    static void start() {
        // Accepted tasks get stuck (a fault) instead of rendering: this class is about admission only.
        emulator = fast().faults(Faults.parse("stuck=1")).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Arguments rule(String name, Supplier<String> body, int status, String code, String param) {
        return Arguments.of(name, body, status, code, param);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                rule(
                        "model missing",
                        () -> "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}",
                        400,
                        "MissingParameter",
                        "model"),
                rule(
                        "model null",
                        () -> "{\"model\":null,\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}",
                        400,
                        "MissingParameter",
                        "model"),
                rule("model not a string", () -> "{\"model\":5,\"content\":[]}", 400, "InvalidParameter", "model"),
                rule(
                        "unknown model",
                        () -> textRequest("doubao-seedance-9", "x").toString(),
                        404,
                        "InvalidEndpointOrModel.NotFound",
                        "model"),
                rule("content missing", () -> "{\"model\":\"" + V2 + "\"}", 400, "MissingParameter", "content"),
                rule(
                        "content empty",
                        () -> "{\"model\":\"" + V2 + "\",\"content\":[]}",
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "content item type missing",
                        () -> "{\"model\":\"" + V2 + "\",\"content\":[{\"text\":\"x\"}]}",
                        400,
                        "MissingParameter",
                        "content[0].type"),
                rule(
                        "content item type unknown",
                        () -> "{\"model\":\"" + V2 + "\",\"content\":[{\"type\":\"gif\"}]}",
                        400,
                        "InvalidParameter",
                        "content[0].type"),
                rule(
                        "text missing",
                        () -> "{\"model\":\"" + V2 + "\",\"content\":[{\"type\":\"text\"}]}",
                        400,
                        "MissingParameter",
                        "content[0].text"),
                rule(
                        "two texts",
                        () -> textRequest(V2, "a")
                                .set(
                                        "content",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode()
                                                        .put("type", "text")
                                                        .put("text", "a"))
                                                .add(JSON.createObjectNode()
                                                        .put("type", "text")
                                                        .put("text", "b")))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "blank text-to-video prompt",
                        () -> textRequest(V2, "  ").toString(),
                        400,
                        "MissingParameter",
                        "content"),
                rule(
                        "image url missing",
                        () -> "{\"model\":\"" + V2 + "\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}",
                        400,
                        "MissingParameter",
                        "content[0].image_url.url"),
                rule(
                        "image role unknown",
                        () -> image(textRequest(V2, "x"), pngDataUrl(400, 400), "hero")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content[1].role"),
                rule(
                        "video on a 1.x model",
                        () -> media(textRequest(PRO_1_5, "x"), "video_url", "https://example.invalid/a.mp4")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content[1].type"),
                rule(
                        "audio with wrong role",
                        () -> {
                            ObjectNode body = media(textRequest(V2, "x"), "audio_url", "https://example.invalid/a.wav");
                            ((ObjectNode) body.get("content").get(1)).put("role", "reference_video");
                            return body.toString();
                        },
                        400,
                        "InvalidParameter",
                        "content[1].role"),
                rule(
                        "draft_task on 2.0",
                        () -> "{\"model\":\"" + V2
                                + "\",\"content\":[{\"type\":\"draft_task\",\"draft_task\":{\"id\":\"cgt-1\"}}]}",
                        400,
                        "InvalidParameter",
                        "content[0].type"),
                rule(
                        "draft_task id missing",
                        () -> "{\"model\":\"" + PRO_1_5
                                + "\",\"content\":[{\"type\":\"draft_task\",\"draft_task\":{}}]}",
                        400,
                        "MissingParameter",
                        "content[0].draft_task.id"),
                rule(
                        "draft_task unknown",
                        () -> "{\"model\":\"" + PRO_1_5
                                + "\",\"content\":[{\"type\":\"draft_task\",\"draft_task\":{\"id\":\"cgt-20250101000000-aaaaa\"}}]}",
                        400,
                        "InvalidParameter",
                        "content[0].draft_task.id"),
                rule(
                        "image without role among several",
                        () -> image(
                                        image(textRequest(V2, "x"), pngDataUrl(400, 400), null),
                                        pngDataUrl(400, 400),
                                        "last_frame")
                                .toString(),
                        400,
                        "MissingParameter",
                        "content[1].role"),
                rule(
                        "first frame mixed with reference",
                        () -> image(
                                        image(textRequest(V2, "x"), pngDataUrl(400, 400), "first_frame"),
                                        pngDataUrl(400, 400),
                                        "reference_image")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "last frame alone",
                        () -> image(textRequest(V2, "x"), pngDataUrl(400, 400), "last_frame")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "two first frames",
                        () -> image(
                                        image(textRequest(V2, "x"), pngDataUrl(400, 400), "first_frame"),
                                        pngDataUrl(400, 400),
                                        "first_frame")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "reference image on 1.5 pro",
                        () -> image(textRequest(PRO_1_5, "x"), pngDataUrl(400, 400), "reference_image")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "first+last on 1.0 pro fast",
                        () -> image(
                                        image(
                                                textRequest("doubao-seedance-1-0-pro-fast-251015", "x"),
                                                pngDataUrl(400, 400),
                                                "first_frame"),
                                        pngDataUrl(400, 400),
                                        "last_frame")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "image on 1.0 lite t2v",
                        () -> image(textRequest(LITE, "x"), pngDataUrl(400, 400), "first_frame")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "text only on 1.0 lite i2v",
                        () -> textRequest(LITE_I2V, "x").toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "five reference images on 1.0 lite i2v",
                        () -> {
                            ObjectNode body = textRequest(LITE_I2V, "x");
                            for (int i = 0; i < 5; i++) image(body, pngDataUrl(400, 400), "reference_image");
                            return body.toString();
                        },
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "ten reference images on 2.0",
                        () -> {
                            ObjectNode body = textRequest(V2, "x");
                            for (int i = 0; i < 10; i++) image(body, pngDataUrl(400, 400), "reference_image");
                            return body.toString();
                        },
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "four reference videos",
                        () -> {
                            ObjectNode body = textRequest(V2, "x");
                            for (int i = 0; i < 4; i++)
                                media(body, "video_url", "https://example.invalid/" + i + ".mp4");
                            return body.toString();
                        },
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "audio alone",
                        () -> media(textRequest(V2, "x"), "audio_url", wavDataUrl(3))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "callback not http",
                        () -> textRequest(V2, "x")
                                .put("callback_url", "ftp://x")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "callback_url"),
                rule(
                        "return_last_frame not boolean",
                        () -> textRequest(V2, "x")
                                .put("return_last_frame", "yes")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "return_last_frame"),
                rule(
                        "service tier unknown",
                        () -> textRequest(V2, "x").put("service_tier", "cheap").toString(),
                        400,
                        "InvalidParameter",
                        "service_tier"),
                rule(
                        "flex on 2.0",
                        () -> textRequest(V2, "x").put("service_tier", "flex").toString(),
                        400,
                        "InvalidParameter",
                        "service_tier"),
                rule(
                        "expiry too short",
                        () -> textRequest(V2, "x")
                                .put("execution_expires_after", 3599)
                                .toString(),
                        400,
                        "InvalidParameter",
                        "execution_expires_after"),
                rule(
                        "expiry too long",
                        () -> textRequest(V2, "x")
                                .put("execution_expires_after", 259_201)
                                .toString(),
                        400,
                        "InvalidParameter",
                        "execution_expires_after"),
                rule(
                        "audio on 1.0",
                        () -> textRequest(LITE, "x").put("generate_audio", true).toString(),
                        400,
                        "InvalidParameter",
                        "generate_audio"),
                rule(
                        "draft on 2.0",
                        () -> textRequest(V2, "x").put("draft", true).toString(),
                        400,
                        "InvalidParameter",
                        "draft"),
                rule(
                        "draft at 720p",
                        () -> textRequest(PRO_1_5, "x")
                                .put("draft", true)
                                .put("resolution", "720p")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "resolution"),
                rule(
                        "draft with last frame",
                        () -> textRequest(PRO_1_5, "x")
                                .put("draft", true)
                                .put("return_last_frame", true)
                                .toString(),
                        400,
                        "InvalidParameter",
                        "return_last_frame"),
                rule(
                        "draft with flex",
                        () -> textRequest(PRO_1_5, "x")
                                .put("draft", true)
                                .put("service_tier", "flex")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "service_tier"),
                rule(
                        "tools on 1.5 pro",
                        () -> textRequest(PRO_1_5, "x")
                                .set(
                                        "tools",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode().put("type", "web_search")))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "tools"),
                rule(
                        "unknown tool",
                        () -> textRequest(V2, "x")
                                .set(
                                        "tools",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode().put("type", "calculator")))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "tools[0].type"),
                rule(
                        "safety identifier too long",
                        () -> textRequest(V2, "x")
                                .put("safety_identifier", "u".repeat(65))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "safety_identifier"),
                rule(
                        "priority too high",
                        () -> textRequest(V2, "x").put("priority", 10).toString(),
                        400,
                        "InvalidParameter",
                        "priority"),
                rule(
                        "priority on 1.0",
                        () -> textRequest(LITE, "x").put("priority", 3).toString(),
                        400,
                        "InvalidParameter",
                        "priority"),
                rule(
                        "priority with flex",
                        () -> textRequest(PRO_1_5, "x")
                                .put("service_tier", "flex")
                                .put("priority", 1)
                                .toString(),
                        400,
                        "InvalidParameter",
                        "priority"),
                rule(
                        "1080p on 2.0 fast",
                        () -> textRequest(V2_FAST, "x")
                                .put("resolution", "1080p")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "resolution"),
                rule(
                        "4k on 1.5 pro",
                        () -> textRequest(PRO_1_5, "x").put("resolution", "4k").toString(),
                        400,
                        "InvalidParameter",
                        "resolution"),
                rule(
                        "1080p in 1.0 lite reference scene",
                        () -> image(textRequest(LITE_I2V, "x"), pngDataUrl(400, 400), "reference_image")
                                .put("resolution", "1080p")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "resolution"),
                rule(
                        "ratio unknown",
                        () -> textRequest(V2, "x").put("ratio", "2:1").toString(),
                        400,
                        "InvalidParameter",
                        "ratio"),
                rule(
                        "duration too short for 2.0",
                        () -> textRequest(V2, "x").put("duration", 3).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "duration too long for 2.0",
                        () -> textRequest(V2, "x").put("duration", 16).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "duration -1 on 1.0",
                        () -> textRequest(LITE, "x").put("duration", -1).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "duration 13 on 1.5 pro",
                        () -> textRequest(PRO_1_5, "x").put("duration", 13).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "duration fractional",
                        () -> textRequest(V2, "x").put("duration", 5.5).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "duration as string",
                        () -> textRequest(V2, "x").put("duration", "5").toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "frames on 2.0",
                        () -> textRequest(V2, "x").put("frames", 29).toString(),
                        400,
                        "InvalidParameter",
                        "frames"),
                rule(
                        "frames not 25+4n",
                        () -> textRequest(LITE, "x").put("frames", 30).toString(),
                        400,
                        "InvalidParameter",
                        "frames"),
                rule(
                        "frames too many",
                        () -> textRequest(LITE, "x").put("frames", 293).toString(),
                        400,
                        "InvalidParameter",
                        "frames"),
                rule(
                        "seed below -1",
                        () -> textRequest(V2, "x").put("seed", -2).toString(),
                        400,
                        "InvalidParameter",
                        "seed"),
                rule(
                        "seed above 2^32-1",
                        () -> textRequest(V2, "x").put("seed", 4_294_967_296L).toString(),
                        400,
                        "InvalidParameter",
                        "seed"),
                rule(
                        "camera_fixed on 2.0",
                        () -> textRequest(V2, "x").put("camera_fixed", true).toString(),
                        400,
                        "InvalidParameter",
                        "camera_fixed"),
                rule(
                        "camera_fixed in reference scene",
                        () -> image(textRequest(LITE_I2V, "x"), pngDataUrl(400, 400), "reference_image")
                                .put("camera_fixed", true)
                                .toString(),
                        400,
                        "InvalidParameter",
                        "camera_fixed"),
                rule(
                        "watermark not boolean",
                        () -> textRequest(V2, "x").put("watermark", 1).toString(),
                        400,
                        "InvalidParameter",
                        "watermark"),
                rule(
                        "output format mov",
                        () -> textRequest(V2, "x").put("output_format", "mov").toString(),
                        400,
                        "InvalidParameter",
                        "output_format"),
                rule(
                        "omni task type unknown",
                        () -> textRequest(V2, "x")
                                .put("omni_reference_task_type", "remix")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "omni_reference_task_type"),
                rule(
                        "omni task type on 1.0",
                        () -> textRequest(LITE, "x")
                                .put("omni_reference_task_type", "edit")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "omni_reference_task_type"),
                rule(
                        "web_search with an image",
                        () -> image(textRequest(V2, "x"), pngDataUrl(400, 400), "reference_image")
                                .set(
                                        "tools",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode().put("type", "web_search")))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "tools"),
                rule(
                        "30 s on 2.0",
                        () -> textRequest(V2, "x").put("duration", 30).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "31 s on 2.5",
                        () -> textRequest(V2_5, "x").put("duration", 31).toString(),
                        400,
                        "InvalidParameter",
                        "duration"),
                rule(
                        "1080p on 2.0 mini",
                        () -> textRequest(V2_MINI, "x")
                                .put("resolution", "1080p")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "resolution"),
                rule(
                        "audio alone on 2.0",
                        () -> media(textRequest(V2, "x"), "audio_url", wavDataUrl(3))
                                .toString(),
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "11 reference files on 2.5",
                        () -> {
                            ObjectNode body = textRequest(V2_5, "x");
                            for (int i = 0; i < 9; i++) image(body, pngDataUrl(300, 300), "reference_image");
                            media(body, "audio_url", wavDataUrl(3));
                            return media(body, "audio_url", wavDataUrl(3)).toString();
                        },
                        400,
                        "InvalidParameter",
                        "content"),
                rule(
                        "omni task type on 2.0",
                        () -> textRequest(V2, "x")
                                .put("omni_reference_task_type", "edit")
                                .toString(),
                        400,
                        "InvalidParameter",
                        "omni_reference_task_type"),
                rule("body not an object", () -> "[1,2]", 400, "InvalidParameter", ""));
    }

    /** The "错误类型 Type" column of the contract's error table (§5.1): no other type is ever answered. */
    static final java.util.Set<String> DOCUMENTED_TYPES = java.util.Set.of(
            "BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooManyRequests", "InternalServerError");

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String name, Supplier<String> body, int status, String code, String param) {
        Response response = create(emulator, body.get());
        assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.param()).isEqualTo(param);
        assertThat(response.body().at("/error/message").asText()).contains("Request ID: ");
        assertThat(response.body().at("/error/type").asText()).isIn(DOCUMENTED_TYPES);
    }

    @Test
    void errorTypesOutsideCreateAreDocumentedOnesToo() {
        assertThat(send(request(emulator, "/contents/generations/tasks")
                                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()))
                        .body()
                        .at("/error/type")
                        .asText())
                .isIn(DOCUMENTED_TYPES);
        assertThat(get(emulator, "cgt-20260101000000-nope0")
                        .body()
                        .at("/error/type")
                        .asText())
                .isEqualTo("NotFound");
        assertThat(send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(emulator.baseUrl() + "/contents/generations/tasks")))
                        .body()
                        .at("/error/type")
                        .asText())
                .isEqualTo("Unauthorized");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        "nulls everywhere (Python SDK)",
                        "{\"model\":\"" + V2 + "\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"role\":null}],"
                                + "\"callback_url\":null,\"return_last_frame\":null,\"service_tier\":null,\"execution_expires_after\":null,"
                                + "\"generate_audio\":null,\"draft\":null,\"tools\":null,\"safety_identifier\":null,\"priority\":null,"
                                + "\"resolution\":null,\"ratio\":null,\"duration\":null,\"frames\":null,\"seed\":null,\"camera_fixed\":null,\"watermark\":null}"),
                Arguments.of(
                        "every 2.0 option",
                        textRequest(V2, "x")
                                .put("resolution", "1080p")
                                .put("ratio", "21:9")
                                .put("duration", -1)
                                .put("seed", 4_294_967_295L)
                                .put("priority", 9)
                                .put("generate_audio", false)
                                .put("watermark", true)
                                .put("return_last_frame", true)
                                .put("execution_expires_after", 3600)
                                .put("safety_identifier", "u1")
                                .put("output_format", "mp4")
                                .put("omni_reference_task_type", "auto")
                                .set(
                                        "tools",
                                        JSON.createArrayNode()
                                                .add(JSON.createObjectNode().put("type", "web_search")))
                                .toString()),
                Arguments.of(
                        "1.0 frames",
                        textRequest(LITE, "x")
                                .put("frames", 289)
                                .put("camera_fixed", true)
                                .put("service_tier", "flex")
                                .toString()),
                Arguments.of(
                        "1.5 pro draft",
                        textRequest(PRO_1_5, "x")
                                .put("draft", true)
                                .put("duration", -1)
                                .toString()),
                Arguments.of(
                        "camera_fixed false on 2.0",
                        textRequest(V2, "x").put("camera_fixed", false).toString()),
                Arguments.of(
                        "30 s, mov and an omni task type on 2.5",
                        textRequest(V2_5, "x")
                                .put("duration", 30)
                                .put("output_format", "mov")
                                .put("omni_reference_task_type", "reference")
                                .toString()),
                Arguments.of(
                        "audio alone on 2.5 (lip-sync)",
                        media(textRequest(V2_5, "x"), "audio_url", wavDataUrl(3))
                                .toString()),
                Arguments.of(
                        "2.0 mini at 720p",
                        textRequest(V2_MINI, "x").put("resolution", "720p").toString()),
                Arguments.of(
                        "BytePlus 2.0 id",
                        textRequest("dreamina-seedance-2-0-260128", "x").toString()),
                Arguments.of(
                        "unknown fields ignored",
                        textRequest(V2, "x").put("temperature", 1).toString()),
                Arguments.of(
                        "weak text command with a bad value",
                        textRequest(V2, "x --rs 9000p --dur abc").toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, String body) {
        Response response = create(emulator, body);
        assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(200);
    }

    @Test
    void moderatedWordsFailInputModeration() {
        try (Emulator moderated = fast().moderatedWords("forbidden").build().start()) {
            Response response = create(moderated, textRequest(V2, "a FORBIDDEN scene"));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("InputTextSensitiveContentDetected");
            assertThat(moderated.stats().faults("input-moderation")).isEqualTo(1);
            assertThat(moderated.stats().creates()).isZero();
        }
    }
}
