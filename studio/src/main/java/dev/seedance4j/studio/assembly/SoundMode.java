package dev.seedance4j.studio.assembly;

/** How the sound of an episode was made. */
public enum SoundMode {
    /** No clip has sound and there is no music: the episode has no sound track. */
    NONE,
    /**
     * The clips' AAC frames were copied, not re-encoded: the pictures were stream-copied, every clip's sound is AAC-LC
     * of one layout and rate, there is no music, and the sound already measured within the loudness tolerance of the
     * target (or normalisation is off). Each clip's sound starts within half an AAC frame (about 11 ms) of its picture.
     */
    COPIED,
    /** The sound was rebuilt: each clip's sound fitted to its picture, music mixed in, loudness set, encoded once. */
    ENCODED
}
