package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Chat completions on the wire: the request body, the answer, validation, retries and the resend setting. */
class ChatTest extends LoopbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"shots\":{\"type\":\"array\"}},\"required\":[\"shots\"],"
                    + "\"additionalProperties\":false}";
    private static final String ANSWER = """
            {"id":"021718067849899d92fcbe0865fdffdde","object":"chat.completion","created":1778754737,
             "model":"doubao-seed-2-0-pro-260215","service_tier":"default",
             "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"shots\\":[]}",
               "reasoning_content":"先看场景"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
               "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":120}}}
            """;

    private static ChatRequest.Builder storyboard() {
        return ChatRequest.builder(Model.SEED_2_0_PRO).system("你是分镜师。").user("把这一场拆成镜头：……");
    }

    @Test
    void everyFieldGoesOnTheWireUnderItsContractName() throws Exception {
        server.enqueue(Reply.json(200, ANSWER));
        client.chat()
                .create(storyboard()
                        .temperature(0.2)
                        .topP(0.9)
                        .maxCompletionTokens(8000)
                        .stop("END")
                        .responseFormat(ResponseFormat.jsonSchema("storyboard", SCHEMA, true))
                        .thinking(Thinking.DISABLED)
                        .reasoningEffort(ReasoningEffort.LOW)
                        .serviceTier(ServiceTier.AUTO)
                        .build());
        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v3/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TestSupport.API_KEY);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("X-Client-Request-Id")).matches("20260514103217[0-9A-Za-z]{20}");
        JsonNode expected = JSON.readTree("""
                {"model":"doubao-seed-2-0-pro-260215",
                 "messages":[{"role":"system","content":"你是分镜师。"},{"role":"user","content":"把这一场拆成镜头：……"}],
                 "temperature":0.2,"top_p":0.9,"max_completion_tokens":8000,"stop":["END"],
                 "response_format":{"type":"json_schema","json_schema":{"name":"storyboard","schema":%s,"strict":true}},
                 "thinking":{"type":"disabled"},"reasoning_effort":"low","service_tier":"auto"}
                """.formatted(SCHEMA));
        assertThat(JSON.readTree(sent.body())).isEqualTo(expected);
    }

    @Test
    void unsetParametersAreLeftOutAndTheLastTokenLimitWins() throws Exception {
        server.enqueue(Reply.json(200, ANSWER));
        client.chat()
                .create(storyboard()
                        .maxCompletionTokens(100)
                        .maxTokens(2000)
                        .responseFormat(ResponseFormat.jsonObject())
                        .user("只输出 JSON")
                        .build());
        JsonNode body = JSON.readTree(server.last().body());
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(2000);
        assertThat(body.get("response_format")).isEqualTo(JSON.readTree("{\"type\":\"json_object\"}"));
        assertThat(body.has("temperature") || body.has("thinking") || body.has("stream"))
                .isFalse();
    }

    @Test
    void theAnswerIsReadWithReasoningUsageAndItsCost() {
        server.enqueue(Reply.json(200, ANSWER));
        ChatResponse answer = client.chat().create(storyboard().build());
        assertThat(answer.id()).isEqualTo("021718067849899d92fcbe0865fdffdde");
        assertThat(answer.model()).isEqualTo(Model.SEED_2_0_PRO);
        assertThat(answer.created()).isEqualTo("2026-05-14T10:32:17Z");
        assertThat(answer.content()).isEqualTo("{\"shots\":[]}");
        assertThat(answer.reasoningContent()).isEqualTo("先看场景");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answer.isTruncated()).isFalse();
        assertThat(answer.serviceTier()).isEqualTo(ServiceTier.DEFAULT);
        assertThat(answer.usage()).isEqualTo(new ChatUsage(1200, 300, 1500, 120L));
        assertThat(answer.unansweredAttempts()).isZero();
        // Seed 2.0 pro: 3.20 in, 16.00 out per million tokens (UNCERTAIN in the contract)
        assertThat(CostEstimator.defaults().chatCost(answer))
                .hasValueSatisfying(cny -> assertThat(cny).isEqualByComparingTo("0.00864"));
    }

    @Test
    void aTruncatedAnswerSaysSo() {
        server.enqueue(Reply.json(
                200,
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"shots\\\":[{\"},"
                        + "\"finish_reason\":\"length\"}]}"));
        ChatResponse answer = client.chat().create(storyboard().build());
        assertThat(answer.isTruncated()).isTrue();
        assertThat(answer.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(answer.usage()).isNull();
        assertThat(CostEstimator.defaults().chatCost(answer)).isEmpty();
    }

    @Test
    void brokenRulesAreRefusedBeforeAnythingIsSent() {
        ChatRequest bad = new ChatRequest(
                Model.SEED_1_6,
                java.util.List.of(new ChatMessage("tool", "x"), ChatMessage.user("列出镜头")),
                2.5,
                1.5,
                100,
                70_000,
                java.util.List.of(""),
                ResponseFormat.jsonObject(),
                Thinking.of("always"),
                ReasoningEffort.of("max"),
                ServiceTier.FLEX);
        assertThatThrownBy(() -> client.chat().create(bad))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::toString)
                                .containsExactly(
                                        "messages[0].role = tool: must be system, user or assistant",
                                        "temperature = 2.5: must be within [0, 2]",
                                        "top_p = 1.5: must be within [0, 1]",
                                        "max_completion_tokens = 70000: may not be sent together with max_tokens; give one of"
                                                + " them",
                                        "max_completion_tokens = 70000: must be within [0, 65536]",
                                        "stop[0] = \"\": must not be empty",
                                        "thinking.type = always: must be one of [auto, disabled, enabled]",
                                        "reasoning_effort = max: must be one of [high, low, medium, minimal]",
                                        "service_tier = flex: must be one of [auto, default]",
                                        "response_format.type = json_object: needs the word \"json\" in the messages (the"
                                                + " service refuses it otherwise)"));
        assertThatThrownBy(() -> ResponseFormat.jsonSchema("s", "[1,2]", true))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("response_format.json_schema.schema = [1,2]: must be a JSON object");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void theModelTableSaysWhichModelsTakeASchema() {
        ModelTable table = ModelTable.bundled()
                .withOverrides("{\"chat\":{\"doubao-seed-2-0-pro-260215\":" + "{\"json_schema\":false}}}");
        try (SeedanceClient strict = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .modelTable(table)
                .build()) {
            ChatRequest withSchema = storyboard()
                    .responseFormat(ResponseFormat.jsonSchema("storyboard", SCHEMA, true))
                    .build();
            assertThatThrownBy(() -> strict.chat().create(withSchema))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("response_format.type = json_schema: is not accepted on "
                            + "doubao-seed-2-0-pro-260215 (model table); use json_object");
            assertThat(server.received()).isEmpty();
            server.enqueue(Reply.json(200, ANSWER));
            strict.chat().create(withSchema, CreateOptions.skipValidation());
            assertThat(server.received()).hasSize(1);
        }
        assertThat(ModelTable.bundled().chat(Model.of("doubao-seed-1-6-lite-251015")))
                .hasValueSatisfying(spec -> {
                    assertThat(spec.id()).isEqualTo("doubao-seed-1-6-*");
                    assertThat(spec.jsonSchema()).isTrue();
                    assertThat(spec.thinkingDefault()).isEqualTo("enabled");
                });
    }

    @Test
    void errorsAreTheTypesOfTheVideoApiAndAreNotRetried() {
        server.enqueue(Reply.error(400, "InputTextSensitiveContentDetected", "the input text may be sensitive"));
        assertThatThrownBy(() -> client.chat().create(storyboard().build()))
                .isInstanceOfSatisfying(ContentModerationException.class, e -> {
                    assertThat(e.isInput()).isTrue();
                    assertThat(e.type()).contains("BadRequest");
                });
        server.enqueue(Reply.error(404, "InvalidEndpointOrModel.NotFound", "no such model"));
        assertThatThrownBy(() -> client.chat().create(storyboard().build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.type()).contains("NotFound"));
        server.enqueue(Reply.error(429, "QuotaExceeded", "free quota used up"));
        assertThatThrownBy(() -> client.chat().create(storyboard().build())).isInstanceOf(QuotaExceededException.class);
        assertThat(server.received()).hasSize(3);
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void aRateLimitIsRetriedAfterRetryAfterBecauseNothingWasAnswered() {
        server.enqueue(Reply.error(429, "ModelAccountTpmRateLimitExceeded", "slow down")
                .header("Retry-After", "2"));
        server.enqueue(Reply.json(200, ANSWER));
        ChatResponse answer = client.chat().create(storyboard().build());
        assertThat(answer.unansweredAttempts()).isZero();
        assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(server.received()).hasSize(2);
        assertThat(server.received())
                .extracting(r -> r.header("X-Client-Request-Id"))
                .containsOnly(server.last().header("X-Client-Request-Id"));
    }

    @Test
    void anUnknownOutcomeIsResentByDefaultAndCounted() {
        server.enqueue(Reply.error(503, "ServiceUnavailable", "busy"));
        server.enqueue(Reply.json(200, "{\"choices\":[").declaredLength(5000)); // cut after sending
        server.enqueue(Reply.json(200, ANSWER));
        ChatResponse answer = client.chat().create(storyboard().build());
        assertThat(answer.content()).isEqualTo("{\"shots\":[]}");
        assertThat(answer.unansweredAttempts()).isEqualTo(2);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void withResendOffAnUnknownOutcomeIsReportedOnce() {
        try (SeedanceClient once = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(sleeper)
                .resendChatAfterUnknownOutcome(false)
                .build()) {
            server.enqueue(Reply.error(502, "BadGateway", "upstream"));
            ChatRequest request = storyboard().build();
            assertThatThrownBy(() -> once.chat().create(request))
                    .isInstanceOfSatisfying(ChatOutcomeUnknownException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.request()).isEqualTo(request);
                        assertThat(e.getCause()).isInstanceOf(ServerException.class);
                        assertThat(e.getMessage()).contains("may have been answered and billed 1 time");
                    });
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void whenTheResendsRunOutEverySendIsCounted() {
        server.otherwise(r -> Reply.error(500, "InternalServiceError", "oops"));
        assertThatThrownBy(() -> client.chat().create(storyboard().build()))
                .isInstanceOfSatisfying(
                        ChatOutcomeUnknownException.class,
                        e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotReadNorResent() {
        try (SeedanceClient small = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(sleeper)
                .maxResponseBytes(4096)
                .build()) {
            server.enqueue(Reply.json(200, "{\"choices\":[],\"pad\":\"" + "x".repeat(10_000) + "\"}"));
            assertThatThrownBy(() -> small.chat().create(storyboard().build()))
                    .isInstanceOf(ChatOutcomeUnknownException.class)
                    .hasMessageContaining("more than the limit of 4096 bytes");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aLongAnswerIsBilledAtTheLongOutputPrice() {
        CostEstimator costs = CostEstimator.defaults();
        Model seed18 = Model.of("doubao-seed-1-8-251228");
        // 0.80 in, 2.00 out; 8.00 out once the answer is longer than 200 tokens (UNCERTAIN)
        assertThat(costs.chatCost(seed18, new ChatUsage(1000, 200, 1200, null)))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0012"));
        assertThat(costs.chatCost(seed18, new ChatUsage(1000, 201, 1201, null)))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.002408"));
        assertThat(costs.chatCost(Model.SEED_1_6, new ChatUsage(1, 1, 2, null))).isEmpty();
        PriceTable mine = PriceTable.defaults().toBuilder()
                .chatPrice(Model.SEED_1_6, ChatPrice.of(new BigDecimal("0.8"), new BigDecimal("2")))
                .build();
        assertThat(CostEstimator.withPrices(mine).chatCost(Model.SEED_1_6, new ChatUsage(1_000_000, 0, 0, null)))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.8"));
    }
}
