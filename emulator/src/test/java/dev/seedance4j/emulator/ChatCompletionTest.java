package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.GenAiSupport.*;
import static dev.seedance4j.emulator.TestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Chat completions over HTTP: the contract's validation, replies that honour response_format, usage, faults. */
class ChatCompletionTest {

    @RegisterExtension
    static final EmulatorExtension ark = new EmulatorExtension(b ->
            b.timeScale(0).moderatedWords("禁词").endpoint("ep-chat-1", SEED_16).rpm(SEED_FLASH, 2));

    private static ObjectNode storyboard(int maxShots) {
        return withSchema(chatRequest(SEED_16, "你是分镜师。", SCRIPT), storyboardSchema(maxShots));
    }

    @Test
    void aStoryboardSchemaGetsAConformingInstanceBuiltFromTheScriptLines() {
        TestSupport.Response response = chat(ark.get(), storyboard(40));
        JsonNode reply = parse(content(response));
        assertThat(violations(storyboardSchema(40), reply)).isEmpty();
        JsonNode shots = reply.get("shots");
        assertThat(shots).hasSize(4); // one shot per numbered script line
        List<Integer> lines = new ArrayList<>();
        List<String> dialogue = new ArrayList<>();
        for (JsonNode shot : shots) {
            shot.get("source_lines").forEach(l -> lines.add(l.asInt()));
            shot.get("dialogue")
                    .forEach(d -> dialogue.add(
                            d.get("who").asText() + "：" + d.get("text").asText()));
        }
        assertThat(lines).containsExactly(12, 13, 14, 15);
        assertThat(dialogue).containsExactly("沈母：（冷笑）一个乡下丫头，也配进沈家的门？", "沈清：这一次，我不会再忍。");
        assertThat(shots.get(0).get("prompt").asText()).contains("沈清攥着亲子鉴定报告");
        assertThat(shots.get(0).get("characters")).extracting(JsonNode::asText).containsExactly("沈清");
        assertThat(shots.get(1).get("dialogue").get(0).get("emotion").asText()).isEqualTo("冷笑");
        assertThat(shots.get(1).get("duration").asInt()).isBetween(4, 15);
        assertThat(shots.get(0).get("id").asText()).isEqualTo("s01");
        JsonNode choice = response.body().get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(response.body().get("object").asText()).isEqualTo("chat.completion");
        assertThat(response.body().get("model").asText()).isEqualTo(SEED_16);
        assertThat(response.body().get("id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void theSameRequestGivesTheSameReplyAndUsage() {
        TestSupport.Response first = chat(ark.get(), storyboard(40));
        TestSupport.Response second = chat(ark.get(), storyboard(40));
        assertThat(content(second)).isEqualTo(content(first));
        assertThat(second.body().get("usage")).isEqualTo(first.body().get("usage"));
        ObjectNode other = storyboard(40);
        ((ObjectNode) other.get("messages").get(1)).put("content", SCRIPT.replace("茶几", "桌"));
        assertThat(content(chat(ark.get(), other))).isNotEqualTo(content(first));
    }

    @Test
    void fewerAllowedItemsThanLinesPackSeveralLinesIntoOneItemAndDropNone() {
        JsonNode reply = parse(content(chat(ark.get(), storyboard(2))));
        assertThat(violations(storyboardSchema(2), reply)).isEmpty();
        assertThat(reply.get("shots")).hasSize(2);
        assertThat(reply.get("shots").get(0).get("source_lines"))
                .extracting(JsonNode::asInt)
                .containsExactly(12, 13);
        assertThat(reply.get("shots").get(1).get("source_lines"))
                .extracting(JsonNode::asInt)
                .containsExactly(14, 15);
    }

    @Test
    void jsonInputItemsKeepTheirIds() {
        JsonNode schema = parse("""
                {"type":"object","required":["shots"],"additionalProperties":false,"properties":{"shots":{"type":"array",
                  "items":{"type":"object","required":["id","beat_ids","line"],"additionalProperties":false,
                    "properties":{"id":{"type":"string"},"beat_ids":{"type":"array","items":{"type":"string"}},
                                  "line":{"type":"string"}}}}}}
                """);
        String user = "Beats to break down:\n```json\n"
                + "[{\"id\":\"b7\",\"speaker\":\"LIN\",\"text\":\"We leave at dawn.\"},"
                + "{\"id\":\"b8\",\"text\":\"Rain hits the window.\"}]\n```";
        JsonNode reply = parse(content(chat(ark.get(), withSchema(chatRequest(SEED_18, null, user), schema))));
        assertThat(violations(schema, reply)).isEmpty();
        assertThat(reply.get("shots").findValuesAsText("id")).containsExactly("b7", "b8");
        assertThat(reply.get("shots").get(0).get("beat_ids").get(0).asText()).isEqualTo("b7");
        assertThat(reply.get("shots").get(0).get("line").asText()).isEqualTo("LIN：We leave at dawn.");
    }

    @Test
    void jsonObjectFollowsASchemaOrAnExampleInTheMessagesAndTextStaysText() {
        String system = "Answer in JSON with this schema: "
                + "{\"type\":\"object\",\"required\":[\"items\"],\"properties\":{\"items\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"string\"}}}}";
        ObjectNode body = chatRequest(SEED_16, system, "alpha\nbeta");
        body.putObject("response_format").put("type", "json_object");
        JsonNode reply = parse(content(chat(ark.get(), body)));
        assertThat(reply.get("items")).extracting(JsonNode::asText).containsExactly("alpha", "beta");

        ObjectNode example = chatRequest(SEED_16, "Reply as JSON like {\"title\": \"...\", \"count\": 1}", "alpha");
        example.putObject("response_format").put("type", "json_object");
        JsonNode shaped = parse(content(chat(ark.get(), example)));
        assertThat(shaped.get("title").isTextual()).isTrue();
        assertThat(shaped.get("count").isIntegralNumber()).isTrue();

        // prompt-only JSON, as a client falls back to: a fenced block, as models write it
        String fenced = content(chat(ark.get(), chatRequest(SEED_16, system, "alpha\nbeta")));
        assertThat(fenced).startsWith("```json\n").endsWith("\n```");
        assertThat(parse(fenced.substring(8, fenced.length() - 4)).get("items")).hasSize(2);

        String prose = content(chat(ark.get(), chatRequest(SEED_16, null, "第一行\n第二行")));
        assertThat(prose).contains("1. 第一行").contains("2. 第二行");
    }

    @Test
    void usageIsTheDocumentedCount() {
        ObjectNode body = JSON.createObjectNode().put("model", SEED_16);
        body.putArray("messages").addObject().put("role", "user").put("content", "你好，world");
        body.putObject("thinking").put("type", "disabled");
        JsonNode response = chat(ark.get(), body).body();
        JsonNode usage = response.get("usage");
        // 你 好 ， worl d = 5 tokens, + 4 per message, + 3
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(12);
        String content =
                response.get("choices").get(0).get("message").get("content").asText();
        assertThat(content).isEqualTo("好的，以下是对输入的逐条整理：\n1. 你好，world");
        // 好 的 ， 以 下 是 对 输 入 的 逐 条 整 理 ： (15) + 1 . (2) + 你 好 ， worl d (5)
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(22);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(34);
        assertThat(usage.get("completion_tokens_details")
                        .get("reasoning_tokens")
                        .asLong())
                .isZero();
    }

    @Test
    void tokenLimitsTruncateWithFinishReasonLength() {
        String full = content(chat(ark.get(), storyboard(40)));
        ObjectNode limited = storyboard(40).put("max_tokens", 30);
        JsonNode response = chat(ark.get(), limited).body();
        JsonNode choice = response.get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        String cut = choice.get("message").get("content").asText();
        assertThat(full).startsWith(cut);
        assertThat(response.get("usage").get("completion_tokens").asLong()).isEqualTo(30);

        ObjectNode thinking = storyboard(40).put("max_completion_tokens", 10);
        thinking.putObject("thinking").put("type", "enabled");
        JsonNode thought = chat(ark.get(), thinking).body().get("choices").get(0);
        assertThat(thought.get("finish_reason").asText()).isEqualTo("length");
        assertThat(thought.get("message").get("content").asText()).isEmpty(); // the reasoning used the budget
    }

    @Test
    void thinkingAddsReasoningContentThatCountsAsCompletionTokens() {
        ObjectNode body = storyboard(40);
        body.putObject("thinking").put("type", "enabled");
        body.put("reasoning_effort", "high");
        JsonNode response = chat(ark.get(), body.put("model", SEED_18)).body();
        String reasoning = response.get("choices")
                .get(0)
                .get("message")
                .get("reasoning_content")
                .asText();
        assertThat(reasoning).contains("4条输入");
        assertThat(response.get("usage")
                        .get("completion_tokens_details")
                        .get("reasoning_tokens")
                        .asLong())
                .isPositive();
        ObjectNode without = storyboard(40);
        assertThat(chat(ark.get(), without)
                        .body()
                        .get("choices")
                        .get(0)
                        .get("message")
                        .has("reasoning_content"))
                .isFalse();
    }

    @Test
    void stopSequencesCutTheAnswer() {
        ObjectNode body = chatRequest(SEED_16, null, "第一行\n第二行").put("stop", "2.");
        assertThat(content(chat(ark.get(), body))).isEqualTo("好的，以下是对输入的逐条整理：\n1. 第一行\n");
    }

    @Test
    void toolChoiceRequiredCallsTheFunctionWithConformingArguments() {
        ObjectNode body = chatRequest(SEED_16, null, "沈清：我不会再忍。");
        ObjectNode function =
                body.putArray("tools").addObject().put("type", "function").putObject("function");
        JsonNode parameters = parse("""
                {"type":"object","required":["speaker","text"],"properties":{"speaker":{"type":"string"},
                 "text":{"type":"string"}}}""");
        function.put("name", "save_line").set("parameters", parameters);
        body.put("tool_choice", "required");
        JsonNode choice = chat(ark.get(), body).body().get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertThat(call.get("function").get("name").asText()).isEqualTo("save_line");
        JsonNode arguments = parse(call.get("function").get("arguments").asText());
        assertThat(violations(parameters, arguments)).isEmpty();
        assertThat(arguments.get("speaker").asText()).isEqualTo("沈清");
    }

    @Test
    void requestsAreValidatedAsTheContractSays() {
        assertError(
                chat(ark.get(), chatRequest("doubao-seed-0-0", null, "x")),
                404,
                "InvalidEndpointOrModel.NotFound",
                "model");
        assertError(
                chat(ark.get(), withSchema(chatRequest(CODE, null, "x"), storyboardSchema(3))),
                400,
                "InvalidParameter",
                "response_format.type");
        ObjectNode both = chatRequest(SEED_16, null, "x").put("max_tokens", 10).put("max_completion_tokens", 10);
        assertError(chat(ark.get(), both), 400, "InvalidParameter", "max_completion_tokens");
        ObjectNode noJsonWord = chatRequest(SEED_16, null, "x");
        noJsonWord.putObject("response_format").put("type", "json_object");
        assertError(chat(ark.get(), noJsonWord), 400, "InvalidParameter", "messages");
        ObjectNode auto = chatRequest(SEED_FLASH, null, "x");
        auto.putObject("thinking").put("type", "auto");
        assertError(chat(ark.get(), auto), 400, "InvalidParameter", "thinking.type");
        assertError(
                chat(ark.get(), chatRequest(SEED_16, null, "x").put("reasoning_effort", "high")),
                400,
                "InvalidParameter",
                "reasoning_effort");
        assertError(
                chat(ark.get(), chatRequest(SEED_16, null, "x").put("temperature", 3)),
                400,
                "InvalidParameter",
                "temperature");
        ObjectNode noMessages = JSON.createObjectNode().put("model", SEED_16);
        assertError(chat(ark.get(), noMessages), 400, "MissingParameter", "messages");
        ObjectNode badRole = chatRequest(SEED_16, null, "x");
        ((ObjectNode) badRole.get("messages").get(0)).put("role", "narrator");
        assertError(chat(ark.get(), badRole), 400, "InvalidParameter", "messages[0].role");
        assertError(
                chat(ark.get(), chatRequest(SEED_16, null, "x").put("stream_options", "x")),
                400,
                "InvalidParameter",
                "stream_options");
        assertError(
                chat(ark.get(), chatRequest(SEED_16, null, "一个禁词")),
                400,
                "InputTextSensitiveContentDetected",
                "messages");
        // nulls are absent, unknown fields ignored, endpoint ids resolve
        ObjectNode lenient = chatRequest("ep-chat-1", null, "x");
        lenient.putNull("max_tokens").put("frequency_penalty", 0.5);
        assertThat(chat(ark.get(), lenient).status()).isEqualTo(200);
    }

    private static void assertError(TestSupport.Response response, int status, String code, String param) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.param()).isEqualTo(param);
        assertThat(response.body().get("error").get("message").asText()).contains("Request ID: ");
    }

    @Test
    void faultsOnDemandByHeader() {
        String invalid = content(chat(ark.get(), storyboard(40), "invalid-json"));
        assertThatThrownBy(() -> JSON.readTree(invalid)).isInstanceOf(IOException.class);

        JsonNode truncated = chat(ark.get(), storyboard(40), "truncate")
                .body()
                .get("choices")
                .get(0);
        assertThat(truncated.get("finish_reason").asText()).isEqualTo("length");
        assertThat(content(chat(ark.get(), storyboard(40))))
                .startsWith(truncated.get("message").get("content").asText());

        JsonNode violating = parse(content(chat(ark.get(), storyboard(40), "schema-violation")));
        assertThat(violations(storyboardSchema(40), violating)).isNotEmpty();

        JsonNode filtered = chat(ark.get(), storyboard(40), "content-filter")
                .body()
                .get("choices")
                .get(0);
        assertThat(filtered.get("finish_reason").asText()).isEqualTo("content_filter");

        assertThat(chat(ark.get(), storyboard(40), "429").status()).isEqualTo(429);
        assertThat(chat(ark.get(), storyboard(40), "500").status()).isEqualTo(500);
        assertThatThrownBy(() -> chat(ark.get(), storyboard(40), "drop")).isInstanceOf(UncheckedIOException.class);
        assertThat(chat(ark.get(), storyboard(40), "nonsense").param()).isEqualTo("X-Emulator-Fault");

        EmulatorStats stats = ark.get().stats();
        assertThat(stats.faults("chat-invalid-json")).isEqualTo(1);
        assertThat(stats.faults("chat-truncate")).isEqualTo(1);
        assertThat(stats.faults("chat-schema")).isEqualTo(1);
        assertThat(stats.faults("moderation")).isEqualTo(1);
        assertThat(stats.faults("drop")).isEqualTo(1);
        assertThat(stats.requests("chat")).isEqualTo(9);
        assertThat(stats.chatCompletionsByModel()).containsEntry(SEED_16, 5L);
    }

    @Test
    void aDropAfterTheReplyIsBilledButNeverArrives() {
        assertThatThrownBy(() -> chat(ark.get(), storyboard(40), "drop-after"))
                .isInstanceOf(UncheckedIOException.class);
        EmulatorStats stats = ark.get().stats();
        assertThat(stats.chatCompletions()).isEqualTo(1);
        assertThat(stats.chatCompletionTokens()).isPositive();
        assertThat(stats.faults("drop-after")).isEqualTo(1);
    }

    @Test
    void aFaultPlanScriptsTheFirstRepliesThenRatesApply() {
        try (Emulator emulator = TestSupport.fast()
                .chatFaultPlan("invalid-json", "schema-violation", "ok")
                .faults(Faults.parse("chat-truncate=1"))
                .build()
                .start()) {
            assertThatThrownBy(() -> JSON.readTree(content(chat(emulator, storyboard(40)))))
                    .isInstanceOf(IOException.class);
            assertThat(violations(storyboardSchema(40), parse(content(chat(emulator, storyboard(40))))))
                    .isNotEmpty();
            assertThat(violations(storyboardSchema(40), parse(content(chat(emulator, storyboard(40))))))
                    .isEmpty();
            JsonNode afterPlan =
                    chat(emulator, storyboard(40)).body().get("choices").get(0);
            assertThat(afterPlan.get("finish_reason").asText()).isEqualTo("length");
        }
        assertThatThrownBy(() -> Emulator.builder().chatFaultPlan("oops"))
                .hasMessageContaining("'oops'")
                .hasMessageContaining("invalid-json");
    }

    @Test
    void rpmPerModelAnswers429() {
        ObjectNode body = chatRequest(SEED_FLASH, null, "x");
        assertThat(chat(ark.get(), body).status()).isEqualTo(200);
        assertThat(chat(ark.get(), body).status()).isEqualTo(200);
        TestSupport.Response limited = chat(ark.get(), body);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("ModelAccountRpmRateLimitExceeded");
    }

    @Test
    void streamingSendsChunksThatAddUpToTheSameReply() throws Exception {
        String expected = content(chat(ark.get(), storyboard(40)));
        ObjectNode body = storyboard(40).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        HttpResponse<String> response = TestSupport.HTTP.send(
                TestSupport.request(ark.get(), "/chat/completions")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        StringBuilder content = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        List<String> data = response.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        for (String chunk : data.subList(0, data.size() - 1)) {
            JsonNode json = parse(chunk);
            assertThat(json.get("object").asText()).isEqualTo("chat.completion.chunk");
            if (json.get("choices").isEmpty()) usage = json.get("usage");
            else {
                JsonNode choice = json.get("choices").get(0);
                content.append(choice.get("delta").get("content").asText());
                if (choice.has("finish_reason"))
                    finish = choice.get("finish_reason").asText();
            }
        }
        assertThat(content.toString()).isEqualTo(expected);
        assertThat(finish).isEqualTo("stop");
        assertThat(usage.get("completion_tokens").asLong()).isPositive();

        // a dropped connection mid-stream: the chunks stop and the client sees the body end early
        assertThatThrownBy(() -> TestSupport.HTTP.send(
                        TestSupport.request(ark.get(), "/chat/completions")
                                .header("X-Emulator-Fault", "drop-after")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
