package dev.seedance4j.studio.assembly.internal;

/** An aspect ratio {@code W:H}, as the projects and the service write it ({@code 9:16}, {@code 16:9}, ...). */
public record AspectRatio(int width, int height) {

    /** Sizes in the service's table are rounded to multiples of 2 or 16, so 864×496 still counts as 16:9. */
    private static final double TOLERANCE = 0.03;

    public AspectRatio {
        if (width <= 0 || height <= 0)
            throw new IllegalArgumentException("ratio parts must be positive: " + width + ":" + height);
    }

    /** The service's word for "whatever the input suggests"; for an episode, the shape of its first clip. */
    public static final String ADAPTIVE = "adaptive";

    /** The episode's ratio: {@code W:H}, or the first clip's shape when {@code text} is {@value #ADAPTIVE}. */
    public static AspectRatio ofEpisode(String text, String what, int firstClipWidth, int firstClipHeight) {
        return ADAPTIVE.equals(text.trim()) ? new AspectRatio(firstClipWidth, firstClipHeight) : parse(text, what);
    }

    /** Parses {@code W:H}; {@code what} names the field in the error, e.g. "ratio of episode ep01". */
    public static AspectRatio parse(String text, String what) {
        String[] parts = text.trim().split(":");
        if (parts.length == 2) {
            try {
                return new AspectRatio(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (IllegalArgumentException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                what + " is '" + text + "'; must be W:H with positive whole numbers, e.g. 9:16, or " + ADAPTIVE);
    }

    public double value() {
        return (double) width / height;
    }

    /** True when a picture of {@code w}×{@code h} has this ratio, within the rounding of the service's size table. */
    public boolean matches(int w, int h) {
        return Math.abs((double) w / h / value() - 1) <= TOLERANCE;
    }

    /** The even-sized picture of this ratio with about {@code pixels} pixels. */
    public int[] sizeWithArea(long pixels) {
        double h = Math.sqrt(pixels / value());
        return new int[] {even(h * value()), even(h)};
    }

    private static int even(double v) {
        return Math.max(2, (int) Math.round(v / 2) * 2);
    }
}
