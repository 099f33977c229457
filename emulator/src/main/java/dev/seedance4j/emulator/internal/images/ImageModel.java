package dev.seedance4j.emulator.internal.images;

import dev.seedance4j.emulator.internal.genai.ModelTable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** What one image model accepts, a row of {@code image-models.txt} (see that file for the columns and sources). */
public record ImageModel(
        String id,
        long minPixels,
        long maxPixels,
        long maxAspect,
        Set<String> sizes,
        int maxReferences,
        boolean sequential,
        Set<String> optimizeModes,
        long ipm) {

    static final Set<String> SIZE_KEYWORDS = Set.of("1K", "2K", "4K");

    /** The shipped table with the user's file (or null) over it. */
    public static Map<String, ImageModel> table(Path override) {
        return ModelTable.load(ImageModel.class, "image-models.txt", override, ImageModel::of);
    }

    private static ImageModel of(ModelTable.Row row) {
        Set<String> sizes = row.set("sizes");
        if (!SIZE_KEYWORDS.containsAll(sizes)) throw row.bad("has sizes outside 1K,2K,4K");
        long min = row.number("min_pixels");
        long max = row.number("max_pixels");
        if (min <= 0 || max < min) throw row.bad("needs 0 < min_pixels <= max_pixels");
        long references = row.number("max_references");
        if (references < 0 || references > 14) throw row.bad("needs max_references within [0, 14]");
        return new ImageModel(
                row.text("id"),
                min,
                max,
                row.number("max_aspect"),
                sizes,
                (int) references,
                row.yes("sequential"),
                row.set("optimize_modes"),
                row.number("ipm"));
    }
}
