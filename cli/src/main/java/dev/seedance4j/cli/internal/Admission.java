package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.BudgetExceededException;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.Studio;
import java.util.function.Supplier;

/**
 * Turns the engine's refusals into exit code 3: a project that reads fine but has shots the service would refuse,
 * or a plan that does not fit the budget. (A file that cannot be read at all is exit code 2.)
 */
final class Admission {

    private Admission() {}

    static Plan plan(Studio studio) {
        return refusing(studio::plan);
    }

    static <T> T run(Supplier<T> action) {
        return refusing(action);
    }

    private static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProjectException e) {
            throw new UserError(
                    ExitCodes.REFUSED, "refused, nothing was sent:" + System.lineSeparator() + e.getMessage());
        } catch (BudgetExceededException e) {
            throw new UserError(
                    ExitCodes.REFUSED,
                    e.getMessage() + System.lineSeparator() + e.plan().toTable());
        }
    }
}
