package dev.seedance4j.media;

/** Where the ffmpeg executable in use came from, in the order {@link Ffmpeg#locate()} tries them. */
public enum FfmpegSource {
    /** The {@code seedance.ffmpeg} system property (meant for tests and embedding applications). */
    SYSTEM_PROPERTY,
    /** The {@code SEEDANCE_FFMPEG} environment variable. */
    ENVIRONMENT,
    /** The first {@code ffmpeg} on {@code PATH}. */
    PATH,
    /**
     * The static build shipped in the Maven artifact {@code ws.schild:jave-nativebin-linux64}, extracted once to the
     * per-user cache directory.
     */
    BUNDLED,
    /** A path given to {@link Ffmpeg#at(java.nio.file.Path)}. */
    EXPLICIT
}
