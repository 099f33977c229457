package dev.seedance4j.board.internal;

/** An exception's message for a page: the message alone (never a Java class name, never a stack trace). */
final class Messages {
    private Messages() {}

    static String of(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "failed (" + e.getClass().getSimpleName() + ")" : m;
    }
}
