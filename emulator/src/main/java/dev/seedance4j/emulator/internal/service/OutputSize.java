package dev.seedance4j.emulator.internal.service;

import java.util.List;
import java.util.Map;

/** The output pixel table of contract §3.6 and the resolution of {@code adaptive}. */
public final class OutputSize {

    /** Every concrete ratio, in the table's column order. */
    public static final List<String> RATIOS = List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9");

    private static final Map<String, int[]> SEEDANCE_2 = Map.of(
            "480p", new int[] {864, 496, 752, 560, 640, 640, 560, 752, 496, 864, 992, 432},
            "720p", new int[] {1280, 720, 1112, 834, 960, 960, 834, 1112, 720, 1280, 1470, 630},
            "1080p", new int[] {1920, 1080, 1664, 1248, 1440, 1440, 1248, 1664, 1080, 1920, 2206, 946},
            "4k", new int[] {3840, 2160, 3326, 2494, 2880, 2880, 2494, 3326, 2160, 3840, 4398, 1886});
    private static final Map<String, int[]> SEEDANCE_1 = Map.of(
            "480p", new int[] {864, 480, 736, 544, 640, 640, 544, 736, 480, 864, 960, 416},
            "720p", new int[] {1248, 704, 1120, 832, 960, 960, 832, 1120, 704, 1248, 1504, 640},
            "1080p", new int[] {1920, 1088, 1664, 1248, 1440, 1440, 1248, 1664, 1088, 1920, 2176, 928});

    private OutputSize() {}

    /** {width, height} for a concrete ratio. */
    public static int[] pixels(ModelSpec model, String resolution, String ratio) {
        int[] row = (model.seedance1Sizes() ? SEEDANCE_1 : SEEDANCE_2).get(resolution);
        int column = RATIOS.indexOf(ratio);
        if (row == null || column < 0) throw new IllegalArgumentException("no size for " + resolution + " " + ratio);
        return new int[] {row[2 * column], row[2 * column + 1]};
    }

    /** The table ratio whose aspect is closest (in log space, so 2:1 and 1:2 are equally far from 1:1). */
    public static String nearestRatio(int width, int height) {
        double aspect = Math.log((double) width / height);
        String best = RATIOS.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : RATIOS) {
            String[] parts = ratio.split(":");
            double distance = Math.abs(aspect - Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = ratio;
            }
        }
        return best;
    }
}
