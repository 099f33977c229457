package dev.seedance4j.bench.internal;

import java.util.List;

/** A group of figures measured together, e.g. the emulator's throughput and render speed (P6). */
public interface Suite {

    /** The suite's id, e.g. {@code P6}; {@code --only} selects by it or by a figure id. */
    String id();

    /** The ids of the figures it emits, in order. */
    List<String> figureIds();

    /** Measures and emits its figures through {@link BenchContext#emit}. */
    void run(BenchContext context) throws Exception;
}
