package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.emulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.EmulatorStats;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** client.chat() over real HTTP against the emulator: structured answers, usage and cost, limits, faults. */
class ChatAgainstEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["shots"],
             "properties":{"shots":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,
               "required":["id","prompt","duration"],
               "properties":{"id":{"type":"string"},"prompt":{"type":"string"},
                             "duration":{"type":"integer","minimum":4,"maximum":15}}}}}}
            """;
    private static final String SCRIPT = """
            把下面的剧本行拆成分镜，每行一个镜头：
            L12 △水晶灯下，沈清攥着亲子鉴定报告，指节发白。
            L13 沈母：（冷笑）一个乡下丫头，也配进沈家的门？
            """;

    private static ChatRequest.Builder storyboard(Model model) {
        return ChatRequest.builder(model)
                .system("你是分镜师。只输出 JSON。")
                .user(SCRIPT)
                .responseFormat(ResponseFormat.jsonSchema("storyboard", SCHEMA, true))
                .thinking(Thinking.DISABLED);
    }

    @Test
    void aSchemaAnswerConformsAndItsCostIsWhatTheEmulatorCounted() throws Exception {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ChatResponse answer =
                    client.chat().create(storyboard(Model.SEED_2_0_PRO).build());
            assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(answer.unansweredAttempts()).isZero();
            JsonNode shots = JSON.readTree(answer.content()).get("shots");
            assertThat(shots.isArray()).isTrue();
            assertThat(shots.size()).isPositive();
            for (JsonNode shot : shots) {
                assertThat(shot.get("id").isTextual()).isTrue();
                assertThat(shot.get("duration").asInt()).isBetween(4, 15);
            }
            EmulatorStats stats = ark.stats();
            assertThat(stats.chatCompletionsByModel()).containsEntry(Model.SEED_2_0_PRO.id(), 1L);
            assertThat(answer.usage().promptTokens())
                    .isEqualTo(stats.chatPromptTokens())
                    .isPositive();
            assertThat(answer.usage().completionTokens()).isEqualTo(stats.chatCompletionTokens());
            assertThat(answer.usage().totalTokens())
                    .isEqualTo(answer.usage().promptTokens() + answer.usage().completionTokens());
            // 3.20 in, 16.00 out per million tokens for Seed 2.0 pro (UNCERTAIN prices of the model table)
            BigDecimal expected = new BigDecimal("3.20")
                    .multiply(BigDecimal.valueOf(stats.chatPromptTokens()))
                    .add(new BigDecimal("16.00").multiply(BigDecimal.valueOf(stats.chatCompletionTokens())))
                    .movePointLeft(6)
                    .setScale(6, java.math.RoundingMode.HALF_UP);
            assertThat(CostEstimator.defaults().chatCost(answer))
                    .hasValueSatisfying(cny -> assertThat(cny).isEqualByComparingTo(expected));
            assertThat(client.chat()
                            .create(storyboard(Model.SEED_2_0_PRO).build())
                            .content())
                    .isEqualTo(answer.content()); // deterministic
        }
    }

    @Test
    void thinkingAndTruncationComeBackAsTheContractSays() {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ChatResponse thought = client.chat()
                    .create(storyboard(Model.SEED_1_6)
                            .thinking(Thinking.ENABLED)
                            .build());
            assertThat(thought.reasoningContent()).isNotBlank();
            assertThat(thought.usage().reasoningTokens()).isPositive();
            ChatResponse cut =
                    client.chat().create(storyboard(Model.SEED_1_6).maxTokens(8).build());
            assertThat(cut.isTruncated()).isTrue();
            assertThat(cut.usage().completionTokens()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void whatTheTableRefusesTheEmulatorRefusesToo() {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ChatRequest codeWithSchema =
                    storyboard(Model.of("doubao-seed-code-preview-251028")).build();
            assertThatThrownBy(() -> client.chat().create(codeWithSchema))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("json_schema: is not accepted on doubao-seed-code-preview-251028");
            assertThat(ark.stats().requests("chat")).isZero();
            assertThatThrownBy(() -> client.chat().create(codeWithSchema, CreateOptions.skipValidation()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.type()).contains("BadRequest");
                    });
            ChatRequest both = new ChatRequest(
                    Model.SEED_1_6,
                    java.util.List.of(ChatMessage.user("hi")),
                    null,
                    null,
                    100,
                    100,
                    null,
                    null,
                    null,
                    null,
                    null);
            assertThatThrownBy(() -> client.chat().create(both)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> client.chat().create(both, CreateOptions.skipValidation()))
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void moderationAndUnknownModelsAreTheVideoApisExceptions() {
        try (Emulator ark = emulator(b -> b.moderatedWords("违禁"));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ChatRequest moderated =
                    ChatRequest.builder(Model.SEED_1_6).user("写一段违禁的台词").build();
            assertThatThrownBy(() -> client.chat().create(moderated))
                    .isInstanceOfSatisfying(
                            ContentModerationException.class,
                            e -> assertThat(e.isInput()).isTrue());
            ChatRequest unknown = ChatRequest.builder(Model.of("doubao-seed-9-9-991231"))
                    .user("hi")
                    .build();
            assertThatThrownBy(() -> client.chat().create(unknown)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void aLostAnswerIsResentAndCountedSoTheLedgerMatchesTheBill() {
        try (Emulator ark = emulator(b -> b.chatFaultPlan("500", "drop-after", "429", "ok"));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(3).build()) {
            ChatResponse answer =
                    client.chat().create(storyboard(Model.SEED_2_0_PRO).build());
            assertThat(answer.content()).isNotBlank();
            // the 500 and the answer dropped after it was made may both have been billed; the 429 was not
            assertThat(answer.unansweredAttempts()).isEqualTo(2);
            EmulatorStats stats = ark.stats();
            assertThat(stats.requests("chat")).isEqualTo(4);
            assertThat(stats.chatCompletionsByModel().get(Model.SEED_2_0_PRO.id()))
                    .isBetween(1L, 1L + answer.unansweredAttempts());
        }
    }

    @Test
    void withResendOffALostAnswerIsReportedOnce() {
        try (Emulator ark = emulator(b -> b.chatFaultPlan("drop-after"));
                SeedanceClient client = AgainstEmulator.clientBuilder(ark)
                        .resendChatAfterUnknownOutcome(false)
                        .build()) {
            assertThatThrownBy(() ->
                            client.chat().create(storyboard(Model.SEED_2_0_PRO).build()))
                    .isInstanceOfSatisfying(
                            ChatOutcomeUnknownException.class,
                            e -> assertThat(e.attempts()).isEqualTo(1));
            assertThat(ark.stats().requests("chat")).isEqualTo(1);
            assertThat(ark.stats().chatCompletions()).isEqualTo(1); // billed, never delivered
        }
    }
}
