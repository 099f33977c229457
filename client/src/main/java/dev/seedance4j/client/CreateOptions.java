package dev.seedance4j.client;

import java.util.Objects;

/**
 * How a call that creates something validates its request before sending it:
 * {@link Tasks#create(CreateTaskRequest, CreateOptions)}, {@link Chat#create(ChatRequest, CreateOptions)} and
 * {@link Images#generate(ImageRequest, CreateOptions)}. By default a request is checked by its own model's rules in the
 * {@link ModelTable} ({@link RequestValidator}).
 *
 * <pre>{@code
 * tasks.create(request, CreateOptions.validateAs(Model.SEEDANCE_2_0)); // model is an endpoint id ep-...
 * tasks.create(request, CreateOptions.skipValidation());              // a model this library does not know yet
 * }</pre>
 *
 * @param validate whether to validate at all
 * @param rulesOf  the model whose rules apply, or {@code null} for the request's own model
 */
public record CreateOptions(boolean validate, Model rulesOf) {
    private static final CreateOptions DEFAULTS = new CreateOptions(true, null);
    private static final CreateOptions SKIP = new CreateOptions(false, null);

    /** Validate by the request's own model. */
    public static CreateOptions defaults() {
        return DEFAULTS;
    }

    /** Validate by the rules of {@code model}, e.g. when the request names an endpoint id. */
    public static CreateOptions validateAs(Model model) {
        return new CreateOptions(true, Objects.requireNonNull(model, "model"));
    }

    /** Send without client-side validation (the service still validates, and may still refuse). */
    public static CreateOptions skipValidation() {
        return SKIP;
    }
}
