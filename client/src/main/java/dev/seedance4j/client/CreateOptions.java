package dev.seedance4j.client;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a call that creates something validates its request before sending it, and whether the caller may still send
 * it: {@link Tasks#create(CreateTaskRequest, CreateOptions)}, {@link Chat#create(ChatRequest, CreateOptions)} and
 * {@link Images#generate(ImageRequest, CreateOptions)}. By default a request is checked by its own model's rules in
 * the {@link ModelTable} ({@link RequestValidator}) and sent.
 *
 * <pre>{@code
 * tasks.create(request, CreateOptions.validateAs(Model.SEEDANCE_2_0)); // model is an endpoint id ep-...
 * tasks.create(request, CreateOptions.skipValidation());              // a model this library does not know yet
 * tasks.create(request, CreateOptions.defaults().gatedBy(lease::stillMine)); // asked right before sending
 * }</pre>
 *
 * @param validate whether to validate at all
 * @param rulesOf  the model whose rules apply, or {@code null} for the request's own model
 * @param gate     asked right before each attempt is sent (after the client's own queue of requests), or {@code
 *     null}; when it answers false nothing more is sent and the call throws {@link SendRefusedException}: for a
 *     caller whose right to send may lapse while the call waits (a lease other processes respect)
 */
public record CreateOptions(boolean validate, Model rulesOf, BooleanSupplier gate) {
    private static final CreateOptions DEFAULTS = new CreateOptions(true, null, null);
    private static final CreateOptions SKIP = new CreateOptions(false, null, null);

    /** Validate by the request's own model. */
    public static CreateOptions defaults() {
        return DEFAULTS;
    }

    /** Validate by the rules of {@code model}, e.g. when the request names an endpoint id. */
    public static CreateOptions validateAs(Model model) {
        return new CreateOptions(true, Objects.requireNonNull(model, "model"), null);
    }

    /** Send without client-side validation (the service still validates, and may still refuse). */
    public static CreateOptions skipValidation() {
        return SKIP;
    }

    /** These options, with {@code gate} asked right before each attempt is sent. */
    public CreateOptions gatedBy(BooleanSupplier gate) {
        return new CreateOptions(validate, rulesOf, Objects.requireNonNull(gate, "gate"));
    }
}
