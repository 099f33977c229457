package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * R4: the API key every suite of this run used, searched for in every file the run produced (state databases with
 * their WAL files, child JVM logs, clips, episodes, projects, reports) and in every figure printed so far: 0 hits.
 * Runs last.
 */
public final class SecretSuite implements Suite {

    @Override
    public String id() {
        return "R4";
    }

    @Override
    public List<String> figureIds() {
        return List.of("R4a", "R4b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        byte[] key = context.apiKey().getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(context.workDirectory())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files++;
                bytes += Files.size(file);
                if (contains(file, key)) hits.add(context.workDirectory().relativize(file));
            }
        }
        long printed = context.emitted().stream()
                .filter(f -> (f.line() + f.note()).contains(context.apiKey()))
                .count();
        context.emit(Figure.of(
                        "R4a",
                        "key-in-files",
                        hits.size(),
                        "files",
                        "searched " + files + " files (" + bytes / 1024
                                + " KiB: databases, logs, clips, projects, reports) for this run's API key"
                                + (hits.isEmpty() ? "" : "; found in " + hits))
                .withGoal(EQUAL, 0));
        context.emit(Figure.of(
                        "R4b",
                        "key-in-output",
                        printed,
                        "figures",
                        "figures and notes printed by this run that contain the key")
                .withGoal(EQUAL, 0));
    }

    /** Streams the file once, keeping an overlap of the key's length between chunks. */
    static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer, carried, buffer.length - carried)) > 0) {
                int length = carried + read;
                if (indexOf(buffer, length, needle) >= 0) return true;
                carried = Math.min(needle.length - 1, length);
                System.arraycopy(buffer, length - carried, buffer, 0, carried);
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
