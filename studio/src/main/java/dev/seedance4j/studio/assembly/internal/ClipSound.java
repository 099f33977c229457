package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.media.AacConfig;
import dev.seedance4j.media.Mp4Samples;

/**
 * A clip's AAC sound as it lies in its MP4: what copying it frame by frame needs.
 *
 * @param config         the AudioSpecificConfig (object type, sample rate, channels)
 * @param frames         where each AAC frame is in the file
 * @param primingSamples samples at the start of the frames that are not played (the edit list's media start: the
 *                       encoder's priming, 1024 for ffmpeg's encoder, 2112 for Apple's)
 * @param delaySamples   samples of silence before the first frame plays in its clip (empty edits), usually 0
 */
public record ClipSound(AacConfig config, Mp4Samples frames, long primingSamples, long delaySamples) {}
