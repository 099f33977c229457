package dev.seedance4j.cli.internal;

import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.ModelTableException;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.PermissionDeniedException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.client.Violation;
import dev.seedance4j.studio.BudgetExceededException;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.ProjectProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command says when it stops on an exception: the exit code of the README's table, a message in the
 * command line's words, and (with {@code --json}) one document with the error, its code and what was spent.
 */
public final class Failures {

    private Failures() {}

    /** The exception as a {@link UserError}: exit code, message for the user, details for the JSON document. */
    public static UserError of(Throwable e) {
        if (e instanceof UserError u) return u;
        if (e instanceof ProjectException p) {
            return new UserError(
                            ExitCodes.BAD_INPUT,
                            Wording.forCli(p.getMessage()) + System.lineSeparator() + "Nothing was sent.")
                    .with(
                            "problems",
                            p.problems().stream().map(Failures::problem).toList());
        }
        if (e instanceof BudgetExceededException b) {
            UserError u = new UserError(
                    ExitCodes.REFUSED,
                    b.getMessage() + System.lineSeparator() + b.plan().toTable());
            u.with("to_spend_cny", b.plan().toSpendCny())
                    .with("spent_cny", b.plan().spentCny());
            b.plan().budgetCny().ifPresent(budget -> u.with("budget_cny", budget));
            return u;
        }
        if (e instanceof ValidationException v) {
            StringBuilder b = new StringBuilder("the request is invalid, nothing was sent:");
            for (Violation violation : v.violations())
                b.append(System.lineSeparator()).append("  - ").append(Wording.forCli(violation.toString()));
            return new UserError(ExitCodes.BAD_INPUT, b.toString());
        }
        Throwable auth = causeOf(e, AuthenticationException.class, PermissionDeniedException.class);
        if (auth != null) {
            return new UserError(
                    ExitCodes.AUTH_OR_CONFIG,
                    Wording.forCli(e.getMessage()) + System.lineSeparator()
                            + "Check ARK_API_KEY (and ARK_BASE_URL or --base-url): the service did not accept them.");
        }
        if (causeOf(e, ModelTableException.class) != null) { // SEEDANCE_MODELS names a broken table
            return new UserError(ExitCodes.AUTH_OR_CONFIG, Wording.forCli(e.getMessage()));
        }
        if (e instanceof NotFoundException) {
            return new UserError(ExitCodes.BAD_INPUT, Wording.forCli(e.getMessage()));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : Wording.forCli(e.getMessage());
        return new UserError(ExitCodes.SOME_FAILED, message);
    }

    /** The JSON document of a command that stopped with {@code error}. */
    public static Map<String, Object> document(UserError error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("kind", kind(error.exitCode()));
        inner.put("message", error.getMessage());
        if (error.details().containsKey("problems"))
            inner.put("problems", error.details().get("problems"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("error", inner);
        doc.put("exit_code", error.exitCode());
        doc.put("created", error.details().getOrDefault("created", 0));
        error.details().forEach((key, value) -> {
            if (!key.equals("problems") && !key.equals("created")) doc.put(key, value);
        });
        return doc;
    }

    private static String kind(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.BAD_INPUT -> "bad_input";
            case ExitCodes.REFUSED -> "refused";
            case ExitCodes.AUTH_OR_CONFIG -> "configuration";
            default -> "failed";
        };
    }

    private static Map<String, Object> problem(ProjectProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.position().file().toString());
        m.put("line", p.position().line());
        m.put("column", p.position().column());
        m.put("field", p.field());
        m.put("message", Wording.forCli(p.message()));
        return m;
    }

    @SafeVarargs
    private static Throwable causeOf(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) return t;
            }
        }
        return null;
    }
}
