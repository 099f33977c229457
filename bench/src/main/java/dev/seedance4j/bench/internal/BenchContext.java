package dev.seedance4j.bench.internal;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.media.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What every suite gets: the mode, a work folder of its own, ffmpeg, the API key of this run (fresh and random, so
 * that R4 can search for it) and the sink of figures.
 */
public final class BenchContext {
    private final boolean quick;
    private final Path workDirectory;
    private final Consumer<Figure> sink;
    private final String apiKey = "sk-bench-" + UUID.randomUUID().toString().replace("-", "");
    private final List<Figure> emitted = new ArrayList<>();
    private Ffmpeg ffmpeg;

    public BenchContext(boolean quick, Path workDirectory, Consumer<Figure> sink) {
        this.quick = quick;
        this.workDirectory = workDirectory;
        this.sink = sink;
    }

    public boolean quick() {
        return quick;
    }

    /** {@code quick} in the quick mode, {@code full} otherwise. */
    public int size(int quickSize, int fullSize) {
        return quick ? quickSize : fullSize;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** A fresh folder {@code name} under the work folder. */
    public Path directory(String name) {
        try {
            return Files.createDirectories(workDirectory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDirectory.resolve(name), e);
        }
    }

    /** The key every client of this run uses; the emulators of this run accept only it. */
    public String apiKey() {
        return apiKey;
    }

    public synchronized Ffmpeg ffmpeg() {
        if (ffmpeg == null) ffmpeg = Ffmpeg.locate();
        return ffmpeg;
    }

    public void emit(Figure figure) {
        synchronized (emitted) {
            emitted.add(figure);
        }
        sink.accept(figure);
    }

    /** Every figure emitted so far in this run. */
    public List<Figure> emitted() {
        synchronized (emitted) {
            return List.copyOf(emitted);
        }
    }
}
