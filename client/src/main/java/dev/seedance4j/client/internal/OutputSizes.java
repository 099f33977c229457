package dev.seedance4j.client.internal;

import dev.seedance4j.client.VideoSize;
import java.util.List;
import java.util.Map;

/** Output pixel sizes per resolution and ratio (contract §3.6): one table for 2.0/1.5 pro, one for 1.0. */
public final class OutputSizes {
    /** Ratios in table column order, with their width/height value for matching {@code adaptive}. */
    public static final List<String> RATIOS = List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9");

    private static final double[] ASPECTS = {16 / 9.0, 4 / 3.0, 1.0, 3 / 4.0, 9 / 16.0, 21 / 9.0};

    private static final Map<String, int[]> SERIES_TWO = Map.of(
            "480p", new int[] {864, 496, 752, 560, 640, 640, 560, 752, 496, 864, 992, 432},
            "720p", new int[] {1280, 720, 1112, 834, 960, 960, 834, 1112, 720, 1280, 1470, 630},
            "1080p", new int[] {1920, 1080, 1664, 1248, 1440, 1440, 1248, 1664, 1080, 1920, 2206, 946},
            "4k", new int[] {3840, 2160, 3326, 2494, 2880, 2880, 2494, 3326, 2160, 3840, 4398, 1886});
    private static final Map<String, int[]> SERIES_ONE = Map.of(
            "480p", new int[] {864, 480, 736, 544, 640, 640, 544, 736, 480, 864, 960, 416},
            "720p", new int[] {1248, 704, 1120, 832, 960, 960, 832, 1120, 704, 1248, 1504, 640},
            "1080p", new int[] {1920, 1088, 1664, 1248, 1440, 1440, 1248, 1664, 1088, 1920, 2176, 928});

    private OutputSizes() {}

    /** The size for a concrete ratio (not adaptive), or {@code null} when the table has no such cell. */
    public static VideoSize of(boolean seriesOne, String resolution, String ratio) {
        int[] row = (seriesOne ? SERIES_ONE : SERIES_TWO).get(resolution);
        int column = RATIOS.indexOf(ratio);
        if (row == null || column < 0) {
            return null;
        }
        return new VideoSize(row[2 * column], row[2 * column + 1]);
    }

    /** The table ratio closest to an image's aspect (how {@code adaptive} follows a first image). */
    public static String closestRatio(int width, int height) {
        double aspect = Math.log(width / (double) height);
        int best = 0;
        for (int i = 1; i < ASPECTS.length; i++) {
            if (Math.abs(Math.log(ASPECTS[i]) - aspect) < Math.abs(Math.log(ASPECTS[best]) - aspect)) {
                best = i;
            }
        }
        return RATIOS.get(best);
    }
}
