package dev.seedance4j.media.internal;

import dev.seedance4j.media.FfmpegProgress;
import dev.seedance4j.media.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one external process with a timeout. Standard output and standard error are drained by their own threads
 * from the start, so a chatty process never blocks on a full pipe; on timeout or interruption the whole process
 * tree is killed.
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    static final int MAX_STDERR_LINES = 5000;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /**
     * How a process ended.
     *
     * @param timedOut true when it was killed because the timeout passed (the exit code is then meaningless)
     */
    public record Outcome(
            long pid, int exitCode, boolean timedOut, String stdout, List<String> stderrLines, Duration elapsed) {}

    private ProcessRunner() {}

    /**
     * Runs {@code command}. With a listener, standard output is parsed as ffmpeg {@code -progress} reports;
     * without one it is collected as text.
     *
     * @throws InterruptedException when the calling thread is interrupted (the process tree is killed first)
     */
    public static Outcome run(List<String> command, Duration timeout, ProgressListener listener)
            throws InterruptedException {
        return run(command, process -> process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS), listener);
    }

    /** How long to let a process run: true when it ended by itself, false when it is to be killed as timed out. */
    @FunctionalInterface
    interface Deadline {
        boolean await(Process process) throws InterruptedException;
    }

    static Outcome run(List<String> command, Deadline deadline, ProgressListener listener) throws InterruptedException {
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing is ever written to the process; a failed close of its input changes nothing
        }
        Deque<String> stderr = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        Thread errReader = drain(process.getErrorStream(), "stderr", process.pid(), line -> {
            synchronized (stderr) {
                if (stderr.size() == MAX_STDERR_LINES) stderr.removeFirst();
                stderr.addLast(line);
            }
        });
        Consumer<String> outSink =
                listener == null ? line -> stdout.append(line).append('\n') : new ProgressParser(listener);
        Thread outReader = drain(process.getInputStream(), "stdout", process.pid(), outSink);
        boolean finished;
        try {
            finished = deadline.await(process);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        if (!finished) killTree(process);
        outReader.join();
        errReader.join();
        List<String> lines;
        synchronized (stderr) {
            lines = new ArrayList<>(stderr);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Outcome(
                process.pid(), finished ? process.exitValue() : -1, !finished, stdout.toString(), lines, elapsed);
    }

    /**
     * Kills the process and every descendant, and returns once they have ended (bounded): a SIGKILL only takes
     * effect when the kernel next schedules the target, so without the wait a killed child may still be running
     * when this returns. Descendants are listed before the parent dies, because an orphan can no longer be found
     * through it.
     */
    private static void killTree(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        List<ProcessHandle> tree = new ArrayList<>();
        List<ProcessHandle> found;
        // A process may fork while its children are being killed: list and kill until nothing new appears.
        do {
            found = process.descendants().filter(h -> !tree.contains(h)).toList();
            found.forEach(ProcessHandle::destroyForcibly);
            tree.addAll(found);
        } while (!found.isEmpty() && System.nanoTime() < deadline);
        process.destroyForcibly();
        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn(
                        "process {} (a child of {}) did not end within {} of being killed",
                        handle.pid(),
                        process.pid(),
                        KILL_WAIT);
                return;
            }
        }
    }

    private static Thread drain(InputStream stream, String name, long pid, Consumer<String> sink) {
        Thread thread = new Thread(
                () -> {
                    // ffmpeg ends its status lines with \r; treat it as a line break too
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        StringBuilder line = new StringBuilder();
                        int c;
                        while ((c = reader.read()) != -1) {
                            if (c == '\n' || c == '\r') {
                                if (line.length() > 0) sink.accept(line.toString());
                                line.setLength(0);
                            } else {
                                line.append((char) c);
                            }
                        }
                        if (line.length() > 0) sink.accept(line.toString());
                    } catch (IOException e) {
                        LOG.debug("reading {} of process {} stopped: {}", name, pid, e.toString());
                    }
                },
                "process-" + pid + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Turns {@code key=value} lines into one {@link FfmpegProgress} per {@code progress=} line. */
    static final class ProgressParser implements Consumer<String> {
        private final ProgressListener listener;
        private long frame;
        private double fps;
        private Duration outTime = Duration.ZERO;
        private double speed;

        ProgressParser(ProgressListener listener) {
            this.listener = listener;
        }

        @Override
        public void accept(String line) {
            int eq = line.indexOf('=');
            if (eq < 0) return;
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            switch (key) {
                case "frame" -> frame = parseLong(value, frame);
                case "fps" -> fps = parseDouble(value, fps);
                case "out_time_us" -> {
                    long micros = parseLong(value, -1);
                    if (micros >= 0) outTime = Duration.ofNanos(micros * 1000);
                }
                case "speed" ->
                    speed = parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value, speed);
                case "progress" -> emit(new FfmpegProgress(frame, fps, outTime, speed, value.equals("end")));
                default -> {}
            }
        }

        private void emit(FfmpegProgress progress) {
            try {
                listener.onProgress(progress);
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed; ignoring it", e);
            }
        }

        private static long parseLong(String value, long fallback) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static double parseDouble(String value, double fallback) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
