package dev.seedance4j.emulator.internal.genai;

import dev.seedance4j.emulator.internal.service.ApiException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Faults chosen per request: the {@code X-Emulator-Fault} header of a request wins; otherwise the n-th request of the
 * endpoint gets the n-th entry of the plan ({@code ok} for none); after the plan, the random rates apply.
 */
public final class FaultPlan {

    /** The request header that asks for one fault. */
    public static final String HEADER = "X-Emulator-Fault";

    private final String endpoint;
    private final List<String> plan;
    private final Set<String> allowed;
    private final AtomicInteger next = new AtomicInteger();

    /** @throws IllegalArgumentException naming an entry that is not allowed */
    public FaultPlan(String endpoint, List<String> plan, Set<String> allowed) {
        for (String entry : plan) {
            if (!allowed.contains(entry)) {
                throw new IllegalArgumentException(
                        "the " + endpoint + " fault plan entry '" + entry + "' is not one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        this.endpoint = endpoint;
        this.plan = List.copyOf(plan);
        this.allowed = Set.copyOf(allowed);
    }

    /** The fault for this request, or null for "none asked; let the rates decide". */
    public String next(String header) {
        if (header != null && !header.isBlank()) {
            String asked = header.trim();
            if (!allowed.contains(asked)) {
                throw ApiException.invalid(
                        HEADER,
                        "The " + endpoint + " fault `" + asked + "` is not one of "
                                + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            return asked;
        }
        int n = next.getAndIncrement();
        return n < plan.size() ? plan.get(n) : null;
    }

    /**
     * Applies a fault that happens before any work: 429, 500 (thrown as the API error) or a dropped connection
     * (returned); null for any other outcome. Counts what it injects under the names of {@code /emulator/stats}.
     */
    public static GenAiReply beforeWork(String outcome, Consumer<String> countFault) {
        if (outcome == null) return null;
        switch (outcome) {
            case "429" -> {
                countFault.accept("429");
                throw new ApiException(
                        429, "ServerOverloaded", "The service is currently overloaded. Please try again later.", "");
            }
            case "500" -> {
                countFault.accept("5xx");
                throw new ApiException(
                        500, "InternalServiceError", "The service encountered an unexpected internal error.", "");
            }
            case "drop" -> {
                countFault.accept("drop");
                return new GenAiReply.Drop();
            }
            default -> {
                return null;
            }
        }
    }

    /** Input moderation as for video tasks: a configured word in the text is 400 {@code InputTextSensitiveContentDetected}. */
    public static void moderate(String text, Set<String> words, String param, Consumer<String> countFault) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String word : words) {
            if (!word.isBlank() && lower.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                countFault.accept("input-moderation");
                throw new ApiException(
                        400,
                        "InputTextSensitiveContentDetected",
                        "The request failed because the input text may contain sensitive information.",
                        param);
            }
        }
    }

    public void reset() {
        next.set(0);
    }
}
