package dev.seedance4j.studio.assembly;

/** How the pictures of an episode were joined; {@link SoundMode} says how its sound was made. */
public enum AssemblyMode {
    /** The clips shared codec, size, frame rate and codec parameters: their video was copied, not re-encoded. */
    STREAM_COPY,
    /**
     * The clips differed (or subtitles were burnt in, or normalising was forced): every clip was scaled and padded
     * to one size at 24 fps and encoded once.
     */
    NORMALISED
}
