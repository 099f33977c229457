package dev.seedance4j.studio;

import dev.seedance4j.studio.internal.store.StudioStore;
import java.nio.file.Path;
import java.util.Optional;

/** A {@link StudioView} over any store (the contract suite runs it on every database). */
public final class ViewsForTests {
    private ViewsForTests() {}

    public static StudioView over(StudioStore store, Path outputDir) {
        return new StudioView(store, outputDir, Optional.empty(), false);
    }
}
