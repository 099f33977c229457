package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.media.AacConfig;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.media.Mp4Movie;
import dev.seedance4j.media.Mp4Track;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the assembler needs of every clip without decoding anything. MP4 and MOV clips (what the service
 * delivers) are read in Java from their {@code moov} box, which also gives the position of every AAC frame so that
 * the sound can be copied. Any other clip is read by one ffmpeg run over all of them: all streams are copied into ffmpeg's
 * {@code framecrc} format, whose header names each stream's codec, size and codec parameters (the "extradata", the
 * H.264 SPS/PPS) and whose lines list every packet with its duration. One process instead of two per clip matters:
 * starting ffmpeg costs tens of milliseconds, and a season has hundreds of clips.
 *
 * <p>The extradata checksum is what decides whether clips can be joined by stream copy: an MP4 keeps one set of
 * codec parameters per track, so clips whose parameters differ (profile, bit depth, reference frames...) would not
 * decode after the first one.
 */
public final class ClipInspector {

    private static final Pattern HEADER = Pattern.compile("^#(\\w+) (\\d+): (.*)$");
    private static final Pattern NO_VIDEO = Pattern.compile("Stream map '(\\d+):v:0' matches no streams");
    private static final Pattern PACKET = Pattern.compile("^(\\d+),\\s*(-?\\d+),\\s*(-?\\d+),\\s*(\\d+),");

    private ClipInspector() {}

    /** One entry per clip, in order; {@code shotIds} name the clips in messages. */
    public static List<ClipFacts> inspect(Ffmpeg ffmpeg, List<String> shotIds, List<Path> clips, Duration timeout) {
        ClipFacts[] facts = new ClipFacts[clips.size()];
        List<Integer> unread = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            facts[i] = fromMp4(shotIds.get(i), clips.get(i)).orElse(null);
            if (facts[i] == null) unread.add(i);
        }
        if (!unread.isEmpty()) {
            List<ClipFacts> read = withFfmpeg(
                    ffmpeg,
                    unread.stream().map(shotIds::get).toList(),
                    unread.stream().map(clips::get).toList(),
                    timeout);
            for (int k = 0; k < unread.size(); k++) facts[unread.get(k)] = read.get(k);
        }
        return List.of(facts);
    }

    /**
     * The facts of an MP4 or MOV clip with a video track, read in Java; empty for anything else, which ffmpeg then
     * reads (and explains, when it cannot).
     */
    static Optional<ClipFacts> fromMp4(String shotId, Path clip) {
        Mp4Movie movie;
        try {
            movie = Mp4Movie.read(clip).orElse(null);
        } catch (IOException e) {
            return Optional.empty();
        }
        Mp4Track video = movie == null ? null : movie.firstVideo().orElse(null);
        if (video == null || video.samples().count() == 0 || video.samples().totalDuration() <= 0)
            return Optional.empty();
        long frames = video.samples().count();
        double seconds = video.samples().totalDuration() / (double) video.timescale();
        double fps = Math.round(frames / seconds * 1000) / 1000.0;
        // the same fingerprint as ffmpeg's framecrc header gives, so that clips read either way compare alike
        String parameters =
                video.codecConfigFingerprint().replace(" ", "") + " sar " + video.sarNum() + "/" + video.sarDen();
        Mp4Track audio = movie.firstAudio().filter(a -> a.samples().count() > 0).orElse(null);
        return Optional.of(new ClipFacts(
                shotId,
                clip,
                video.codec(),
                parameters,
                video.width(),
                video.height(),
                fps,
                frames,
                audio == null ? 0 : audio.channels(),
                audio == null ? null : copyable(audio)));
    }

    /** The AAC frames of a sound track, or null when it is not AAC with a readable configuration (then it is encoded). */
    private static ClipSound copyable(Mp4Track audio) {
        if (!"aac".equals(audio.codec())) return null;
        AacConfig config;
        try {
            config = AacConfig.parse(audio.codecConfig());
        } catch (IllegalArgumentException e) {
            return null;
        }
        long rate = config.sampleRate();
        return new ClipSound(
                config,
                audio.samples(),
                audio.mediaStart() * rate / audio.timescale(),
                audio.delay() * rate / audio.timescale());
    }

    static List<ClipFacts> withFfmpeg(Ffmpeg ffmpeg, List<String> shotIds, List<Path> clips, Duration timeout) {
        List<String> args = new ArrayList<>();
        for (Path clip : clips) args.addAll(List.of("-i", clip.toAbsolutePath().toString()));
        for (int i = 0; i < clips.size(); i++) args.addAll(List.of("-map", i + ":v:0", "-map", i + ":a:0?"));
        args.addAll(List.of("-c", "copy", "-f", "framecrc", "-"));
        try {
            return parse(shotIds, clips, ffmpeg.run(args, timeout).stdout());
        } catch (FfmpegException e) {
            for (String line : e.lastLines()) {
                Matcher noVideo = NO_VIDEO.matcher(line);
                if (noVideo.find()) {
                    int i = Integer.parseInt(noVideo.group(1));
                    throw new IllegalArgumentException(
                            "shot " + shotIds.get(i) + ": clip " + clips.get(i) + " has no video stream", e);
                }
            }
            throw new IllegalArgumentException(
                    "ffmpeg cannot read the clips of shots " + shotIds + ": " + e.getMessage(), e);
        }
    }

    static List<ClipFacts> parse(List<String> shotIds, List<Path> clips, String framecrc) {
        Map<Integer, Map<String, String>> headers = new HashMap<>();
        Map<Integer, long[]> packets = new HashMap<>();
        for (String line : framecrc.split("\n")) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                headers.computeIfAbsent(Integer.parseInt(h.group(2)), k -> new HashMap<>())
                        .put(h.group(1), h.group(3).trim());
                continue;
            }
            Matcher p = PACKET.matcher(line);
            if (p.find()) {
                long[] countAndDuration = packets.computeIfAbsent(Integer.parseInt(p.group(1)), k -> new long[2]);
                countAndDuration[0]++;
                countAndDuration[1] += Long.parseLong(p.group(4));
            }
        }
        // Output streams follow the -map order: each clip's video, then its audio when it has one.
        List<ClipFacts> facts = new ArrayList<>();
        int stream = 0;
        for (int i = 0; i < clips.size(); i++) {
            Map<String, String> video = headers.getOrDefault(stream, Map.of());
            if (!"video".equals(video.get("media_type"))) {
                throw new IllegalStateException(
                        "ffmpeg's framecrc output lacks the video stream of shot " + shotIds.get(i));
            }
            long[] videoPackets = packets.getOrDefault(stream, new long[2]);
            double seconds = videoPackets[1] * timeBase(video.get("tb"));
            stream++;
            int channels = 0;
            Map<String, String> next = headers.getOrDefault(stream, Map.of());
            if ("audio".equals(next.get("media_type"))) {
                channels = channels(next.getOrDefault("channel_layout_name", "stereo"));
                stream++;
            }
            if (videoPackets[0] == 0 || seconds <= 0) {
                throw new IllegalArgumentException(
                        "shot " + shotIds.get(i) + ": clip " + clips.get(i) + " has no video frames");
            }
            String[] size = video.getOrDefault("dimensions", "0x0").split("x");
            String parameters = video.getOrDefault("extradata", "none").replaceAll("\\s+", "") + " sar "
                    + video.getOrDefault("sar", "?");
            double fps = Math.round(videoPackets[0] / seconds * 1000) / 1000.0;
            facts.add(new ClipFacts(
                    shotIds.get(i),
                    clips.get(i),
                    video.get("codec_id"),
                    parameters,
                    Integer.parseInt(size[0]),
                    Integer.parseInt(size[1]),
                    fps,
                    videoPackets[0],
                    channels));
        }
        return facts;
    }

    /** {@code 1/12288} as a number. */
    private static double timeBase(String text) {
        String[] parts = text.split("/");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    /** Channels of a layout name such as {@code mono}, {@code stereo}, {@code 5.1(side)} or {@code 3 channels}. */
    static int channels(String layout) {
        switch (layout) {
            case "mono":
                return 1;
            case "stereo":
            case "downmix":
                return 2;
            default:
                Matcher count = Pattern.compile("^(\\d+) channels").matcher(layout);
                if (count.find()) return Integer.parseInt(count.group(1));
                Matcher surround = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(layout);
                if (surround.find()) return Integer.parseInt(surround.group(1)) + Integer.parseInt(surround.group(2));
                return 2;
        }
    }
}
