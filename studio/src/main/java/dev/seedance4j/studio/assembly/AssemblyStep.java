package dev.seedance4j.studio.assembly;

/** The steps of assembling one episode, in the order they run. */
public enum AssemblyStep {
    /** Reading each clip's streams, size, frame rate and exact length. */
    INSPECT,
    /**
     * Building the episode's sound: the clips' AAC frames copied into one stream, or (when the sound is encoded and
     * normalised) each clip's audio fitted to its picture, joined, music mixed in, and measured on the way.
     */
    MIX_SOUND,
    /** Measuring the loudness of the copied sound. */
    MEASURE_LOUDNESS,
    /** Writing the episode MP4: pictures joined, sound copied or mixed and encoded at the target, subtitles added. */
    JOIN,
    /** Cover image and contact sheet; made on a second thread while the sound is mixed and the episode joined. */
    PICTURES,
    /** Nothing changed since the last assembly; the files on disk are current. */
    SKIPPED,
    /** All files written. */
    DONE
}
