package dev.seedance4j.studio.assembly;

/**
 * How the pictures of an episode were joined. The sound is rebuilt either way (fitted clip by clip to the picture,
 * mixed, normalised, encoded once), because that is what keeps it in sync and at an even loudness.
 */
public enum AssemblyMode {
    /** The clips shared codec, size, frame rate and codec parameters: their video was copied, not re-encoded. */
    STREAM_COPY,
    /**
     * The clips differed (or subtitles were burnt in, or normalising was forced): every clip was scaled and padded
     * to one size at 24 fps and encoded once.
     */
    NORMALISED
}
