package dev.seedance4j.client.internal;

import dev.seedance4j.client.Task;
import dev.seedance4j.client.VideoSize;
import java.util.List;
import java.util.Locale;

/**
 * How large a result can be, so that a download stops there: a clip by its pixel size, length and a bit rate far
 * above what a generator writes; a png frame or an image by its pixels, uncompressed. A server that sends more
 * (a 1 GB body for a 5 s clip) is refused instead of filling the disk.
 */
public final class DownloadLimits {
    /** Bits per pixel per frame allowed: 2 is about 20 Mbit/s at 480p and 400 Mbit/s at 4k, far above real clips. */
    static final double BITS_PER_PIXEL = 2;
    /** Room for the audio track and the container. */
    static final long CLIP_OVERHEAD = 16L * 1024 * 1024;
    /** Room for a picture's headers and metadata. */
    static final long PICTURE_OVERHEAD = 1024 * 1024;
    /** Longest output of the line-up (2.5: 30 s), for a task that does not say. */
    static final int LONGEST_SECONDS = 30;

    private static final VideoSize LARGEST = new VideoSize(4398, 2160);

    private DownloadLimits() {}

    /** A limit and what it was computed for, e.g. {@code a 480p 16:9 5 s clip}. */
    public record Limit(long bytes, String basis) {}

    /** The largest file the task's video can be. */
    public static Limit video(Task task) {
        VideoSize size = size(task);
        int seconds = task.duration() != null && task.duration() > 0
                ? task.duration() + 1
                : task.frames() != null ? task.frames() / 24 + 1 : LONGEST_SECONDS + 1;
        long bytes = (long) (size.width() * (double) size.height() * 24 * seconds * BITS_PER_PIXEL / 8) + CLIP_OVERHEAD;
        return new Limit(bytes, "a " + describe(task) + " " + (seconds - 1) + " s clip");
    }

    /** The largest png the task's last frame can be. */
    public static Limit lastFrame(Task task) {
        VideoSize size = size(task);
        return picture(size.width(), size.height(), "a " + describe(task) + " frame");
    }

    /** The largest file a picture of {@code width}×{@code height} can be (8-bit RGBA, uncompressed). */
    public static Limit picture(long width, long height, String basis) {
        return new Limit(width * height * 4 + PICTURE_OVERHEAD, basis);
    }

    private static VideoSize size(Task task) {
        String resolution = task.resolution() == null ? null : task.resolution().value();
        String ratio = task.ratio() == null ? null : task.ratio().value();
        VideoSize best = null;
        for (boolean seedance1 : new boolean[] {false, true}) {
            for (String r : ratio != null && OutputSizes.RATIOS.contains(ratio) ? List.of(ratio) : OutputSizes.RATIOS) {
                VideoSize s = resolution == null ? null : OutputSizes.of(seedance1, resolution, r);
                if (s != null
                        && (best == null || (long) s.width() * s.height() > (long) best.width() * best.height())) {
                    best = s;
                }
            }
        }
        return best != null ? best : LARGEST;
    }

    private static String describe(Task task) {
        return (task.resolution() == null
                        ? "(any resolution)"
                        : task.resolution().value().toLowerCase(Locale.ROOT))
                + (task.ratio() == null ? "" : " " + task.ratio().value());
    }
}
