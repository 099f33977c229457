package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.bench.internal.RawApi;
import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.CreateOptions;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.Violation;
import dev.seedance4j.emulator.Emulator;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The emulator's request parsing and the client's request validator on arbitrary input, over real HTTP: the emulator
 * never answers 5xx and never fails to answer; it creates a task exactly when it answers 200 (checked with its
 * stats); and for text-to-video parameters the client's validator and the emulator agree on what is valid.
 */
class EmulatorRequestPropertyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> FIELDS = List.of(
            "model",
            "content",
            "resolution",
            "ratio",
            "duration",
            "frames",
            "seed",
            "camera_fixed",
            "watermark",
            "generate_audio",
            "return_last_frame",
            "service_tier",
            "execution_expires_after",
            "priority",
            "draft",
            "tools",
            "safety_identifier",
            "callback_url",
            "unknown_field");
    static final List<String> MODELS = List.of(
            Model.SEEDANCE_2_0.id(),
            Model.SEEDANCE_2_0_FAST.id(),
            Model.SEEDANCE_1_5_PRO.id(),
            Model.SEEDANCE_1_0_PRO.id(),
            Model.SEEDANCE_1_0_PRO_FAST.id(),
            Model.SEEDANCE_1_0_LITE_T2V.id());

    static Emulator emulator;
    static SeedanceClient client;
    static RawApi raw;

    @BeforeContainer
    static void start() {
        // One task runs (and renders) at a time and holds its slot for long: valid creates cost no CPU here.
        emulator = Emulator.builder()
                .apiKeys("sk-props")
                .timeScale(1)
                .concurrency(1)
                .rpm(1_000_000)
                .queueLimit(1_000_000)
                .build()
                .start();
        client = SeedanceClient.builder()
                .apiKey("sk-props")
                .baseUrl(emulator.baseUrl())
                .maxRetries(0)
                .build();
        raw = new RawApi(RawApi.newHttpClient(), emulator.baseUrl(), "sk-props");
    }

    @AfterContainer
    static void stop() {
        client.close();
        emulator.close();
    }

    @Property(tries = 200)
    void arbitraryJsonNeverGetsA5xxAndCreatesATaskOnlyWhenAccepted(@ForAll("bodies") String body) throws Exception {
        long before = emulator.stats().creates();
        HttpResponse<String> response = raw.create(body);
        long created = emulator.stats().creates() - before;
        assertThat(response.statusCode()).as(body).isLessThan(500);
        if (response.statusCode() == 200) {
            assertThat(created).as(body).isEqualTo(1);
            assertThat(RawApi.id(response)).startsWith("cgt-");
        } else {
            assertThat(created).as(body).isZero();
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertThat(error.get("code").asText()).as(body).isNotBlank();
            assertThat(error.get("message").asText()).as(body).isNotBlank();
        }
    }

    @Property(tries = 200)
    void theClientsValidatorAndTheEmulatorAgreeOnTextToVideo(@ForAll("textToVideo") CreateTaskRequest request) {
        List<Violation> violations = RequestValidator.validate(request);
        violations.forEach(v -> {
            assertThat(v.field()).isNotBlank();
            assertThat(v.rule()).isNotBlank();
        });
        long before = emulator.stats().creates();
        boolean accepted;
        String refusal = "";
        try {
            client.tasks().create(request, CreateOptions.skipValidation());
            accepted = true;
        } catch (ApiException e) {
            accepted = false;
            refusal = e.getMessage();
            assertThat(e.httpStatus()).isLessThan(500);
        }
        assertThat(emulator.stats().creates() - before).isEqualTo(accepted ? 1 : 0);
        assertThat(accepted)
                .as("client says %s, emulator says %s for %s", violations, refusal, request)
                .isEqualTo(violations.isEmpty());
    }

    @Provide
    Arbitrary<CreateTaskRequest> textToVideo() {
        Arbitrary<String> model = Arbitraries.of(MODELS);
        Arbitrary<String> prompt =
                Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(30), Arbitraries.of("一只猫打哈欠", " "));
        Arbitrary<Integer> duration = Arbitraries.oneOf(Arbitraries.integers().between(-3, 20), Arbitraries.just(null));
        Arbitrary<String> resolution = Arbitraries.of("480p", "720p", "1080p", "4k", "8k", "", null);
        Arbitrary<String> ratio = Arbitraries.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive", "5:4", null);
        Arbitrary<Long> seed = Arbitraries.of(-2L, -1L, 0L, 42L, 4294967295L, 4294967296L, null);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false, null);
        return Combinators.combine(model, prompt, duration, resolution, ratio, seed, flag, flag)
                .as((m, p, d, res, r, s, audio, watermark) -> {
                    CreateTaskRequest.Builder b = CreateTaskRequest.textToVideo(Model.of(m), p);
                    if (d != null) b.duration(d);
                    if (res != null) b.resolution(Resolution.of(res));
                    if (r != null) b.ratio(Ratio.of(r));
                    if (s != null) b.seed(s);
                    // The contract lists generate_audio for 2.0, 2.0 fast and 1.5 pro only, without saying whether the
                    // service refuses it elsewhere: the client refuses it, the emulator ignores it. Not compared here.
                    if (audio != null && !m.contains("1-0")) b.generateAudio(audio);
                    if (watermark != null) b.watermark(watermark);
                    return b.build();
                });
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                json(3).map(JsonNode::toString),
                nearlyValid().map(JsonNode::toString));
    }

    /** A create body with known fields given arbitrary values, some of them valid. */
    private Arbitrary<JsonNode> nearlyValid() {
        Arbitrary<Map<String, JsonNode>> fields = Arbitraries.maps(
                        Arbitraries.of(FIELDS), Arbitraries.oneOf(json(2), plausible()))
                .ofMaxSize(6);
        return Combinators.combine(Arbitraries.of(MODELS), fields, content()).as((model, extra, content) -> {
            ObjectNode body = NODES.objectNode();
            body.put("model", model);
            body.set("content", content);
            extra.forEach(body::set);
            return body;
        });
    }

    private Arbitrary<JsonNode> plausible() {
        return Arbitraries.of(
                NODES.textNode("480p"),
                NODES.textNode("720p"),
                NODES.textNode("16:9"),
                NODES.textNode("adaptive"),
                NODES.numberNode(5),
                NODES.numberNode(-1),
                NODES.numberNode(4),
                NODES.numberNode(99),
                NODES.booleanNode(true),
                NODES.booleanNode(false),
                NODES.nullNode(),
                NODES.textNode("default"),
                NODES.textNode("flex"),
                NODES.numberNode(3600),
                NODES.textNode(""));
    }

    private Arbitrary<JsonNode> content() {
        Arbitrary<JsonNode> text = Arbitraries.strings().ofMaxLength(20).map(t -> {
            ObjectNode item = NODES.objectNode();
            item.put("type", "text");
            item.put("text", t);
            return item;
        });
        Arbitrary<JsonNode> image = Combinators.combine(
                        Arbitraries.of("first_frame", "last_frame", "reference_image", "", "x"),
                        Arbitraries.of("data:image/png;base64,AAAA", "asset://nope", "ftp://x", "data:,", ""))
                .as((role, url) -> {
                    ObjectNode item = NODES.objectNode();
                    item.put("type", "image_url");
                    item.putObject("image_url").put("url", url);
                    item.put("role", role);
                    return item;
                });
        return Arbitraries.oneOf(text, image, json(1)).list().ofMaxSize(4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
    }

    /** Arbitrary JSON values nested at most {@code depth} deep. */
    static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
        if (depth == 0) return scalar;
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(3).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(
                        Arbitraries.oneOf(
                                Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(6)),
                        json(depth - 1))
                .ofMaxSize(3)
                .map(m -> {
                    ObjectNode o = NODES.objectNode();
                    m.forEach(o::set);
                    return o;
                });
        return Arbitraries.oneOf(scalar, array, object);
    }
}
