package dev.seedance4j.studio.internal.engine;

import java.util.regex.Pattern;

/** Which remote ids the engine follows: the client's rule for a task id (anything else is a hostile answer). */
final class TaskIds {
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private TaskIds() {}

    static boolean valid(String id) {
        return id != null && TASK_ID.matcher(id).matches();
    }
}
