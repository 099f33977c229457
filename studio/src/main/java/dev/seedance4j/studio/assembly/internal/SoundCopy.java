package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.media.AacConfig;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The episode's sound made by copying the clips' AAC frames into one ADTS stream instead of decoding and encoding
 * them: no generation loss, and a few milliseconds instead of seconds per minute of episode.
 *
 * <p>An AAC frame always decodes to 1024 samples, so the output is a sequence of 1024-sample slots. Each clip's frames
 * are laid into the slots so that the clip's sound starts within half a slot (about 11 ms at 48 kHz) of its picture,
 * with the clip's priming frame (the encoder's warm-up, which the decoder needs to rebuild the first real samples)
 * taking the slot just before. A clip's frames stop where the next clip's begin, so a clip whose sound runs longer
 * than its picture loses the surplus, and one whose sound is shorter is filled with silent frames; a clip without
 * sound is silence. The muxer is told that the stream starts {@link Layout#leadSamples} early, so that the first
 * clip's priming lands before zero as an edit list, as in the clips themselves.
 */
public final class SoundCopy {

    /** Samples one AAC-LC frame decodes to. */
    static final int FRAME = 1024;

    private SoundCopy() {}

    /**
     * Why this episode's sound cannot be copied, or null when it can: the pictures are copied, there is no music, and
     * every clip with sound has AAC-LC of one sample rate and channel layout, read from its MP4.
     */
    public static String whyNot(JoinPlan plan, AssemblySettings settings) {
        if (plan.mode() != AssemblyMode.STREAM_COPY) return "the pictures are re-encoded";
        if (settings.backgroundMusic() != null) return "music is mixed in";
        AacConfig common = null;
        for (ClipFacts clip : plan.clips()) {
            if (!clip.hasAudio()) continue;
            if (clip.sound() == null) return "the sound of shot " + clip.shotId() + " is not AAC in an MP4";
            AacConfig config = clip.sound().config();
            if (!config.copyableAsAdts()) return "the sound of shot " + clip.shotId() + " is not mono or stereo AAC-LC";
            if (common != null && !common.equals(config)) {
                return "shots " + plan.clips().get(0).shotId() + ".." + clip.shotId()
                        + " differ in sample rate or channels";
            }
            common = config;
        }
        return common == null ? "no clip has sound" : null;
    }

    /** The AAC configuration the copied sound has; only for plans {@link #whyNot} accepts. */
    public static AacConfig config(JoinPlan plan) {
        return plan.clips().stream()
                .filter(ClipFacts::hasAudio)
                .findFirst()
                .orElseThrow()
                .sound()
                .config();
    }

    /**
     * A run of output slots: the first {@code frames} frames of clip {@code clip}, or, when {@code clip} is
     * {@link #SILENCE}, that many silent frames.
     */
    record Span(int clip, int frames) {
        static final int SILENCE = -1;
    }

    /**
     * Where every clip's frames go.
     *
     * @param spans       the output, slot by slot, as runs
     * @param leadSamples how far before the episode's start the first slot begins (the first clip's priming)
     */
    record Layout(List<Span> spans, long leadSamples) {
        int slots() {
            return spans.stream().mapToInt(Span::frames).sum();
        }
    }

    /** Lays the clips' frames out; only for plans {@link #whyNot} accepts. */
    static Layout layout(JoinPlan plan) {
        int rate = config(plan).sampleRate();
        List<ClipFacts> clips = plan.clips();
        ClipSound first = clips.get(0).sound();
        long lead = first == null ? 0 : first.primingSamples();
        int n = clips.size();
        long[] owned = new long[n + 1];
        long[] firstSlot = new long[n];
        for (int i = 0; i < n; i++) {
            long pictureStart = Math.round(plan.startSeconds(i) * rate);
            ClipSound sound = clips.get(i).sound();
            long priming = sound == null ? 0 : sound.primingSamples();
            long delay = sound == null ? 0 : sound.delaySamples();
            owned[i] = i == 0 ? 0 : Math.max(owned[i - 1], slot(pictureStart - priming + lead));
            firstSlot[i] = Math.max(owned[i], slot(pictureStart + delay - priming + lead));
        }
        owned[n] = Math.max(owned[n - 1], slot(Math.round(plan.totalSeconds() * rate) + lead));
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long end = owned[i + 1];
            long start = Math.min(firstSlot[i], end);
            add(spans, Span.SILENCE, start - owned[i]);
            int available = clips.get(i).sound() == null
                    ? 0
                    : clips.get(i).sound().frames().count();
            long copied = Math.min(available, end - start);
            add(spans, i, copied);
            add(spans, Span.SILENCE, end - start - copied);
        }
        return new Layout(List.copyOf(spans), lead);
    }

    /** The slot whose start is nearest to {@code samples} on the output's timeline. */
    private static long slot(long samples) {
        return Math.floorDiv(samples + FRAME / 2, FRAME);
    }

    private static void add(List<Span> spans, int clip, long frames) {
        if (frames <= 0) return;
        Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (clip == Span.SILENCE && last != null && last.clip() == Span.SILENCE) {
            spans.set(spans.size() - 1, new Span(Span.SILENCE, last.frames() + Math.toIntExact(frames)));
        } else {
            spans.add(new Span(clip, Math.toIntExact(frames)));
        }
    }

    /**
     * Writes the copied sound as ADTS to {@code target}.
     *
     * @return how far before the episode's start the stream begins, in seconds: ffmpeg's {@code -itsoffset} for it is
     *         the negative of this
     */
    public static double write(JoinPlan plan, Path target) throws IOException {
        Layout layout = layout(plan);
        AacConfig config = config(plan);
        byte[] silent = config.silentFrame();
        byte[] silentHeader = config.adtsHeader(silent.length);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            for (Span span : layout.spans()) {
                if (span.clip() == Span.SILENCE) {
                    for (int k = 0; k < span.frames(); k++) {
                        out.write(silentHeader);
                        out.write(silent);
                    }
                } else {
                    copyFrames(plan.clips().get(span.clip()), span, config, out);
                }
            }
        }
        return layout.leadSamples() / (double) config.sampleRate();
    }

    private static void copyFrames(ClipFacts clip, Span span, AacConfig config, OutputStream out) throws IOException {
        ClipSound sound = clip.sound();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try (FileChannel file = FileChannel.open(clip.file(), StandardOpenOption.READ)) {
            for (int f = 0; f < span.frames(); f++) {
                int size = sound.frames().size(f);
                if (size > buffer.capacity()) buffer = ByteBuffer.allocate(size);
                buffer.clear().limit(size);
                long at = sound.frames().offset(f);
                while (buffer.hasRemaining()) {
                    if (file.read(buffer, at + buffer.position()) < 0) {
                        throw new IOException(
                                "clip " + clip.file() + " of shot " + clip.shotId() + " ends inside AAC frame " + f);
                    }
                }
                out.write(config.adtsHeader(size));
                out.write(buffer.array(), 0, size);
            }
        }
    }
}
