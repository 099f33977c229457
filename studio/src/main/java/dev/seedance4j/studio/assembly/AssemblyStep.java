package dev.seedance4j.studio.assembly;

/** The steps of assembling one episode, in the order they run. */
public enum AssemblyStep {
    /** Reading each clip's streams, size, frame rate and exact length. */
    INSPECT,
    /** Building the episode's sound: each clip's audio fitted to its picture, joined, music mixed in. */
    MIX_SOUND,
    /** First loudness pass: measuring the mix. */
    MEASURE_LOUDNESS,
    /** Writing the episode MP4: pictures joined, sound normalised, subtitles added. */
    JOIN,
    /** Cover image and contact sheet; made on a second thread while the sound is mixed and the episode joined. */
    PICTURES,
    /** Nothing changed since the last assembly; the files on disk are current. */
    SKIPPED,
    /** All files written. */
    DONE
}
