package dev.seedance4j.studio.internal.store;

import java.util.Locale;

/** Where a create request stands, as the store records it. */
public enum TaskState {
    /** Written before the create call: nothing is known to exist remotely yet. */
    INTENT,
    /** The create call's outcome is unknown (a task may exist): reconcile against the task list before anything else. */
    UNKNOWN,
    QUEUED,
    RUNNING,
    /** The service finished it; the file is not yet downloaded and verified. */
    SUCCEEDED,
    /** Downloaded, verified and kept under clips/. */
    DELIVERED,
    FAILED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Still needs the engine's attention (a remote task may be running or a result waiting to be fetched). */
    public boolean isOpen() {
        return this != DELIVERED && this != FAILED;
    }
}
