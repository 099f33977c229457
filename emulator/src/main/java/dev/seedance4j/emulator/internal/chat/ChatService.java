package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.internal.genai.FaultPlan;
import dev.seedance4j.emulator.internal.genai.GenAiReply;
import dev.seedance4j.emulator.internal.genai.RateWindow;
import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.FaultInjector;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * {@code POST /api/v3/chat/completions}: validation, input moderation, RPM and TPM per model, the deterministic
 * reply, stop sequences and token limits ({@code finish_reason} {@code length}), faults on demand, usage, and the
 * answer as JSON or as a server-sent event stream.
 *
 * <p>Usage is counted by {@link Tokens}: prompt tokens are each message's tokens plus 4, plus 3, plus the tokens of
 * the {@code json_schema} and {@code tools} JSON, plus 1000 per image part (UNCERTAIN: the service counts by
 * pixels); completion tokens are the answer's (or the tool call's) plus the reasoning's.
 */
public final class ChatService {

    /** Faults a request can ask for ({@code X-Emulator-Fault}) or a plan can list. */
    public static final Set<String> FAULTS = Set.of(
            "ok", "invalid-json", "truncate", "schema-violation", "content-filter", "429", "500", "drop", "drop-after");
    /** {@code max_tokens} when a request sets neither limit (contract: default 4096). */
    static final long DEFAULT_MAX_TOKENS = 4096;

    static final int IMAGE_PART_TOKENS = 1000;
    private static final int PIECES_PER_CHUNK = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChatValidator validator;
    private final Set<String> moderatedWords;
    private final Map<String, Integer> rpmOverrides;
    private final Clock clock;
    private final FaultInjector faults;
    private final FaultPlan plan;
    private final Consumer<String> countFault;
    private final ReplyGenerator generator = new ReplyGenerator();
    private final RateWindow requests = new RateWindow();
    private final RateWindow tokens = new RateWindow();
    private final Map<String, LongAdder> completions = new ConcurrentHashMap<>();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();

    public ChatService(
            Map<String, ChatModel> models,
            Map<String, String> endpoints,
            Set<String> moderatedWords,
            Map<String, Integer> rpmOverrides,
            Clock clock,
            FaultInjector faults,
            FaultPlan plan,
            Consumer<String> countFault) {
        this.validator = new ChatValidator(models, endpoints);
        this.moderatedWords = Set.copyOf(moderatedWords);
        this.rpmOverrides = Map.copyOf(rpmOverrides);
        this.clock = clock;
        this.faults = faults;
        this.plan = plan;
        this.countFault = countFault;
    }

    public GenAiReply complete(JsonNode body, String faultHeader, String requestId) {
        String outcome = plan.next(faultHeader);
        GenAiReply early = FaultPlan.beforeWork(outcome, countFault);
        if (early != null) return early;
        ChatRequest request = validator.validate(body);
        for (ChatRequest.Message message : request.messages()) {
            if (!message.role().equals("assistant"))
                FaultPlan.moderate(message.text(), moderatedWords, "messages", countFault);
        }
        String model = request.model().id();
        Instant now = clock.instant();
        long prompt = promptTokens(request);
        long rpm = rpmOverrides.containsKey(model)
                ? rpmOverrides.get(model)
                : request.model().rpm();
        if (tokens.used(model, now) + prompt > request.model().tpm()) {
            throw new ApiException(
                    429,
                    "ModelAccountTpmRateLimitExceeded",
                    "The request has exceeded the TPM (tokens per minute) limit of model " + model
                            + ". Please try again later.",
                    "");
        }
        if (!requests.tryAdd(model, now, 1, rpm)) {
            throw new ApiException(
                    429,
                    "ModelAccountRpmRateLimitExceeded",
                    "The request has exceeded the RPM (requests per minute) limit of model " + model
                            + ". Please try again later.",
                    "");
        }
        Completion completion = finish(request, generator.generate(request), outcome);
        long completionCount = Tokens.count(completion.content)
                + Tokens.count(completion.reasoning == null ? "" : completion.reasoning)
                + (completion.toolCall == null
                        ? 0
                        : Tokens.count(completion.toolCall.name() + completion.toolCall.arguments()));
        tokens.add(model, now, prompt + completionCount);
        completions.computeIfAbsent(model, k -> new LongAdder()).increment();
        promptTokens.add(prompt);
        completionTokens.add(completionCount);
        boolean dropAfter =
                outcome == null ? faults.inject(FaultInjector.Kind.DROP_AFTER) : outcome.equals("drop-after");
        if (dropAfter) countFault.accept(FaultInjector.Kind.DROP_AFTER.label());
        ObjectNode usage = usage(prompt, completionCount, completion.reasoning);
        if (request.stream()) return stream(request, completion, usage, requestId, now, dropAfter);
        ObjectNode response = envelope(requestId, model, now, "chat.completion");
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", completion.finishReason);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.content);
        if (completion.reasoning != null) message.put("reasoning_content", completion.reasoning);
        if (completion.toolCall != null)
            message.set("tool_calls", NODES.arrayNode().add(toolCall(completion.toolCall)));
        response.set("usage", usage);
        return new GenAiReply.Json(200, response, dropAfter);
    }

    /** The reply after faults, stop sequences and token limits. */
    private record Completion(
            String content, String reasoning, ReplyGenerator.ToolCall toolCall, String finishReason) {}

    private Completion finish(ChatRequest request, ReplyGenerator.Reply reply, String outcome) {
        String content = reply.content();
        String reasoning = reply.reasoning();
        ReplyGenerator.ToolCall toolCall = reply.toolCall();
        String finish = toolCall != null ? "tool_calls" : "stop";
        String fault = outcome != null ? outcome : drawFault(reply);
        if (fault != null && !fault.equals("ok") && !fault.equals("drop-after")) {
            if (!fault.equals("truncate") && !fault.equals("content-filter") && !reply.json()) fault = null;
            if (fault != null) countFault.accept(label(fault));
        }
        if ("invalid-json".equals(fault)) content = ReplyFaults.invalidJson(content, reply.seed());
        if ("schema-violation".equals(fault)) content = violated(reply);
        for (String stop : request.stop()) {
            int at = content.indexOf(stop);
            if (at >= 0) content = content.substring(0, at);
        }
        String answer = toolCall != null ? toolCall.arguments() : content;
        long answerTokens = Tokens.count(answer);
        long reasoningTokens = reasoning == null ? 0 : Tokens.count(reasoning);
        long allowed = Long.MAX_VALUE;
        if (request.maxCompletionTokens() != null) {
            if (reasoningTokens >= request.maxCompletionTokens()) {
                reasoning = Tokens.prefix(reasoning, request.maxCompletionTokens());
                allowed = 0;
            } else {
                allowed = request.maxCompletionTokens() - reasoningTokens;
            }
        } else {
            allowed = request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS;
        }
        if ("truncate".equals(fault)) allowed = Math.min(allowed, answerTokens / 2);
        if ("content-filter".equals(fault)) {
            answer = Tokens.prefix(answer, answerTokens / 3);
            finish = "content_filter";
        } else if (answerTokens > allowed) {
            answer = Tokens.prefix(answer, allowed);
            finish = "length";
        }
        if (toolCall != null) {
            toolCall = new ReplyGenerator.ToolCall(toolCall.id(), toolCall.name(), answer);
            return new Completion("", reasoning, toolCall, finish);
        }
        return new Completion(answer, reasoning, null, finish);
    }

    /** A fault from the configured rates, for replies it applies to; null for none. */
    private String drawFault(ReplyGenerator.Reply reply) {
        if (reply.json() && inject(FaultInjector.Kind.CHAT_INVALID_JSON)) return "invalid-json";
        if (reply.json() && reply.schema() != null && inject(FaultInjector.Kind.CHAT_SCHEMA)) return "schema-violation";
        if (inject(FaultInjector.Kind.CHAT_TRUNCATE)) return "truncate";
        if (inject(FaultInjector.Kind.MODERATION)) return "content-filter";
        return null;
    }

    private boolean inject(FaultInjector.Kind kind) {
        return faults.inject(kind);
    }

    private static String label(String fault) {
        return switch (fault) {
            case "invalid-json" -> FaultInjector.Kind.CHAT_INVALID_JSON.label();
            case "schema-violation" -> FaultInjector.Kind.CHAT_SCHEMA.label();
            case "truncate" -> FaultInjector.Kind.CHAT_TRUNCATE.label();
            case "content-filter" -> FaultInjector.Kind.MODERATION.label();
            default -> fault;
        };
    }

    private static String violated(ReplyGenerator.Reply reply) {
        String text = reply.content();
        boolean fenced = reply.fenced();
        String json = fenced ? text.substring("```json\n".length(), text.lastIndexOf("\n```")) : text;
        try {
            JsonNode broken = ReplyFaults.violation(reply.schema(), JSON.readTree(json));
            if (broken == null) return text;
            String written = fenced
                    ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(broken)
                    : ReplyGenerator.write(broken);
            return fenced ? "```json\n" + written + "\n```" : written;
        } catch (IOException e) {
            throw new IllegalStateException("the generated reply is JSON", e);
        }
    }

    static long promptTokens(ChatRequest request) {
        long tokens = 3;
        for (ChatRequest.Message message : request.messages())
            tokens += Tokens.count(message.text()) + 4 + (long) IMAGE_PART_TOKENS * message.images();
        if (request.schema() != null) tokens += Tokens.count(request.schema().toString());
        JsonNode tools = request.body().get("tools");
        if (tools != null && !tools.isNull()) tokens += Tokens.count(tools.toString());
        return tokens;
    }

    private static ObjectNode usage(long prompt, long completion, String reasoning) {
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", reasoning == null ? 0 : Tokens.count(reasoning));
        return usage;
    }

    private static ObjectNode envelope(String id, String model, Instant now, String object) {
        ObjectNode response = NODES.objectNode();
        response.put("id", id);
        response.put("object", object);
        response.put("created", now.getEpochSecond());
        response.put("model", model);
        response.put("service_tier", "default");
        return response;
    }

    private static ObjectNode toolCall(ReplyGenerator.ToolCall call) {
        ObjectNode node = NODES.objectNode();
        node.put("id", call.id());
        node.put("type", "function");
        node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        return node;
    }

    /** Chunks as the service streams them: reasoning first, then the answer, then the finish, then usage if asked. */
    private GenAiReply stream(
            ChatRequest request, Completion completion, ObjectNode usage, String id, Instant now, boolean dropAfter) {
        String model = request.model().id();
        List<GenAiReply.Event> events = new ArrayList<>();
        if (completion.reasoning != null) {
            for (String piece : chunks(completion.reasoning)) {
                ObjectNode delta = NODES.objectNode().put("content", "").put("reasoning_content", piece);
                events.add(chunk(id, model, now, delta.put("role", "assistant"), null));
            }
        }
        if (completion.toolCall != null) {
            ObjectNode delta = NODES.objectNode().put("content", "").put("role", "assistant");
            ObjectNode call = toolCall(completion.toolCall).put("index", 0);
            delta.set("tool_calls", NODES.arrayNode().add(call));
            events.add(chunk(id, model, now, delta, null));
        } else {
            for (String piece : chunks(completion.content))
                events.add(chunk(
                        id, model, now, NODES.objectNode().put("content", piece).put("role", "assistant"), null));
        }
        events.add(chunk(
                id,
                model,
                now,
                NODES.objectNode().put("content", "").put("role", "assistant"),
                completion.finishReason));
        if (request.includeUsage()) {
            ObjectNode last = envelope(id, model, now, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage);
            events.add(new GenAiReply.Event(null, ReplyGenerator.write(last)));
        }
        return new GenAiReply.Stream(events, dropAfter ? events.size() / 2 : -1);
    }

    private static GenAiReply.Event chunk(String id, String model, Instant now, ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope(id, model, now, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.set("delta", delta);
        if (finishReason != null) choice.put("finish_reason", finishReason);
        choice.put("index", 0);
        chunk.putNull("usage");
        return new GenAiReply.Event(null, ReplyGenerator.write(chunk));
    }

    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int pieces = 0;
        for (String piece : Tokens.pieces(text)) {
            chunk.append(piece);
            if (++pieces == PIECES_PER_CHUNK) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                pieces = 0;
            }
        }
        if (chunk.length() > 0) chunks.add(chunk.toString());
        return chunks;
    }

    /** Completions answered, by model. */
    public Map<String, Long> completionsByModel() {
        Map<String, Long> copy = new TreeMap<>();
        completions.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long promptTokens() {
        return promptTokens.sum();
    }

    public long completionTokens() {
        return completionTokens.sum();
    }

    public void reset() {
        completions.clear();
        promptTokens.reset();
        completionTokens.reset();
        requests.clear();
        tokens.clear();
        plan.reset();
    }
}
