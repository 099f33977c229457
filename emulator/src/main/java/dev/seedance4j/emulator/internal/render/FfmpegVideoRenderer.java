package dev.seedance4j.emulator.internal.render;

import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.RenderedClip;
import dev.seedance4j.emulator.VideoRenderer;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a clip with one ffmpeg run: an H.264 (yuv420p, 8-bit) MP4 of exactly {@code 24 × seconds + 1} frames at
 * 24 fps (the frame count the contract bills; its returned duration is {@code floor(frames / 24)}), an AAC mono
 * track at 48 kHz when audio is asked for, and optionally a PNG of the last frame.
 *
 * <p>The picture is built from lavfi sources inside the filter graph (no frames are drawn in Java, so 720p renders
 * several times faster than real time): a slowly turning gradient in colours derived from seed and prompt, a
 * moving disc, a progress bar, thumbnails of the reference images and of the first frame of each reference video
 * along the top, the wrapped prompt, the seed, a timecode, the first-frame image over the first second, the
 * last-frame image over the last second, and "AI生成" bottom-right when watermarked.
 *
 * <p>Determinism: encoders run bit-exact with a fixed thread count, nothing depends on the clock or the task id
 * (which goes into the MP4's {@code comment} tag only), so the same spec decodes to the same frames and samples.
 *
 * <p>The last-frame PNG is the final frame as composed before the watermark, as the contract says the service
 * returns it ("same WxH as video, no watermark"); without a watermark it is the MP4's last frame before lossy
 * compression.
 */
public final class FfmpegVideoRenderer implements VideoRenderer {

    static final int FPS = 24;
    static final int SAMPLE_RATE = 48_000;
    static final String VIDEO_FILE = "video.mp4";
    static final String LAST_FRAME_FILE = "last_frame.png";
    private static final String WATERMARK_FILE = ".watermark.png";
    /** x264 output depends on its thread count; fixing it keeps renders identical across machines. */
    private static final String ENCODER_THREADS = "2";

    private final Ffmpeg ffmpeg;
    private final RenderFonts fonts;

    /** Uses the given ffmpeg, the shipped Latin font and the CJK font of {@code CjkFont} (shipped or configured). */
    public FfmpegVideoRenderer(Ffmpeg ffmpeg) {
        this(ffmpeg, RenderFonts.discover());
    }

    FfmpegVideoRenderer(Ffmpeg ffmpeg, RenderFonts fonts) {
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        this.fonts = Objects.requireNonNull(fonts, "fonts");
    }

    @Override
    public RenderedClip render(RenderSpec spec, Path directory) throws IOException {
        if (spec.width() % 2 != 0 || spec.height() % 2 != 0) {
            throw new IllegalArgumentException(
                    "H.264 yuv420p needs even dimensions, got " + spec.width() + "x" + spec.height());
        }
        Path video = directory.resolve(VIDEO_FILE);
        Path lastFrame = spec.returnLastFrame() ? directory.resolve(LAST_FRAME_FILE) : null;
        Path watermark = directory.resolve(WATERMARK_FILE);
        boolean done = false;
        try {
            Layout layout = new Layout(spec);
            if (spec.watermark()) WatermarkGlyphs.writePng(layout.watermarkScale, watermark);
            List<String> args = command(spec, layout, watermark, video, lastFrame);
            ffmpeg.run(args, timeout(spec));
            done = true;
            return new RenderedClip(video, lastFrame);
        } catch (FfmpegException e) {
            throw new IOException("rendering " + spec.taskId() + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(watermark);
            if (!done) {
                Files.deleteIfExists(video);
                if (lastFrame != null) Files.deleteIfExists(lastFrame);
            }
        }
    }

    private static Duration timeout(RenderSpec spec) {
        double megapixelSeconds = spec.width() * (double) spec.height() * spec.durationSeconds() / 1e6;
        return Duration.ofSeconds(60 + (long) (megapixelSeconds * 10));
    }

    private List<String> command(RenderSpec spec, Layout layout, Path watermark, Path video, Path lastFrame) {
        RenderLook look = new RenderLook(spec.seed(), spec.prompt());
        int frames = FPS * spec.durationSeconds() + 1;
        Inputs inputs = new Inputs();
        Graph graph = new Graph();

        String still = still(spec, layout, look, inputs, graph);
        Integer firstFrame = spec.firstFrame() == null ? null : inputs.add(spec.firstFrame());
        Integer lastFrameImage = spec.lastFrame() == null ? null : inputs.add(spec.lastFrame());
        String png = null;
        if (lastFrame != null) {
            // The PNG branch renders only the final frame, from its own copy of the still layer, so that ffmpeg
            // never has to hold the whole video in memory while waiting for a last frame.
            String[] copies = graph.split(still);
            still = copies[0];
            String single = graph.apply(copies[1], "setpts=%d", frames - 1);
            png = animate(single, frames - 1, frames, spec, layout, look, firstFrame, lastFrameImage, graph);
        }
        String looped = graph.apply(still, "loop=loop=-1:size=1:start=0,setpts=N,trim=end_frame=%d", frames);
        String videoOut = animate(looped, 0, frames, spec, layout, look, firstFrame, lastFrameImage, graph);
        if (spec.watermark()) {
            String mark = graph.source("[%d:v]format=yuva420p", inputs.add(watermark));
            videoOut = graph.overlay(videoOut, mark, "x=W-w-%d:y=H-h-%d", layout.margin, layout.margin + layout.bar);
        }
        videoOut = graph.apply(videoOut, "format=yuv420p");

        String audioOut = null;
        if (spec.generateAudio()) {
            long samples = (long) frames * SAMPLE_RATE / FPS;
            if (!spec.referenceAudios().isEmpty()) {
                audioOut = graph.source(
                        "[%d:a]aresample=%d,aformat=sample_fmts=fltp:channel_layouts=mono,apad,"
                                + "atrim=end_sample=%d",
                        inputs.add(spec.referenceAudios().get(0)), SAMPLE_RATE, samples);
            } else {
                audioOut = graph.source(
                        "aevalsrc=exprs=%s:s=%d:c=mono,atrim=end_sample=%d",
                        Graph.quote(look.voiceExpression), SAMPLE_RATE, samples);
            }
        }

        List<String> args = new ArrayList<>(List.of("-y"));
        args.addAll(inputs.args);
        args.addAll(List.of("-filter_complex", graph.text(), "-map", "[" + videoOut + "]"));
        if (audioOut != null) args.addAll(List.of("-map", "[" + audioOut + "]"));
        args.addAll(List.of(
                "-frames:v",
                Integer.toString(frames),
                "-r",
                Integer.toString(FPS),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-crf",
                "23",
                "-pix_fmt",
                "yuv420p",
                "-threads",
                ENCODER_THREADS,
                "-fflags",
                "+bitexact",
                "-flags:v",
                "+bitexact"));
        if (audioOut != null) {
            args.addAll(List.of(
                    "-c:a",
                    "aac",
                    "-b:a",
                    "96k",
                    "-ar",
                    Integer.toString(SAMPLE_RATE),
                    "-ac",
                    "1",
                    "-flags:a",
                    "+bitexact"));
        }
        args.addAll(List.of(
                "-map_metadata",
                "-1",
                "-metadata",
                "comment=" + spec.taskId(),
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
                video.toString()));
        if (png != null) {
            args.addAll(List.of(
                    "-map",
                    "[" + png + "]",
                    "-frames:v",
                    "1",
                    "-update",
                    "1",
                    "-c:v",
                    "png",
                    "-f",
                    "image2",
                    lastFrame.toString()));
        }
        return args;
    }

    /**
     * The layer that never changes, composed once as a single frame (time base 1/24): the background gradient,
     * reference thumbnails with labels, the prompt and the seed line.
     */
    private String still(RenderSpec spec, Layout layout, RenderLook look, Inputs inputs, Graph graph) {
        int w = spec.width();
        int h = spec.height();
        double angle = 2 * Math.PI * look.gradientAngle;
        String still = graph.source(
                "gradients=s=%dx%d:r=%d:n=3:c0=%s:c1=%s:c2=%s:x0=%d:y0=%d:x1=%d:y1=%d:seed=1,"
                        + "trim=end_frame=1,format=yuv420p",
                w,
                h,
                FPS,
                look.background0,
                look.background1,
                look.background2,
                Math.round(w / 2.0 - Math.cos(angle) * w / 2),
                Math.round(h / 2.0 - Math.sin(angle) * h / 2),
                Math.round(w / 2.0 + Math.cos(angle) * w / 2),
                Math.round(h / 2.0 + Math.sin(angle) * h / 2));

        List<Path> thumbnails = new ArrayList<>(spec.referenceImages());
        thumbnails.addAll(spec.referenceVideos());
        for (int i = 0; i < thumbnails.size(); i++) {
            boolean isVideo = i >= spec.referenceImages().size();
            // a reference video needs only its first frame: read half a second of it
            int input = isVideo ? inputs.add(thumbnails.get(i), "-t", "0.5") : inputs.add(thumbnails.get(i));
            int boxX = layout.margin + i * (layout.thumbWidth + layout.margin);
            String thumb = graph.source(
                    "[%d:v]trim=end_frame=1,scale=w=%d:h=%d:force_original_aspect_ratio=decrease," + "setsar=1",
                    input, layout.thumbWidth, layout.thumbHeight);
            still = graph.overlay(still, thumb, "x='%d+(%d-w)/2':y=%d", boxX, layout.thumbWidth, layout.margin);
            String label = isVideo ? "video " + (i - spec.referenceImages().size() + 1) : "image " + (i + 1);
            still = graph.apply(
                    still,
                    "drawtext=fontfile=%s:text=%s:expansion=none:fontsize=%d:fontcolor=white"
                            + ":x=%d:y=%d:box=1:boxcolor=black@0.5:boxborderw=1",
                    Graph.quote(fonts.latin().toString()),
                    Graph.quote(label),
                    layout.labelSize,
                    boxX,
                    layout.margin + layout.thumbHeight + 2);
        }

        PromptText prompt = PromptText.layout(
                spec.prompt().isBlank() ? "(no prompt)" : spec.prompt(),
                fonts,
                layout.promptColumns,
                layout.promptLines(!thumbnails.isEmpty()));
        still = graph.apply(
                still,
                "drawtext=fontfile=%s:text=%s:expansion=none:fontsize=%d:fontcolor=white"
                        + ":line_spacing=%d:x=%d:y=%d:box=1:boxcolor=black@0.45:boxborderw=%d",
                Graph.quote(prompt.font().toString()),
                Graph.quote(String.join("\n", prompt.lines())),
                layout.promptSize,
                layout.promptSize / 4,
                layout.margin + layout.promptBorder,
                layout.promptTop(!thumbnails.isEmpty()),
                layout.promptBorder);
        return graph.apply(
                still,
                "drawtext=fontfile=%s:text=%s:expansion=none:fontsize=%d:fontcolor=white"
                        + ":x=%d:y=%d:box=1:boxcolor=black@0.45:boxborderw=%d",
                Graph.quote(fonts.latin().toString()),
                Graph.quote(layout.info),
                layout.infoSize,
                layout.margin,
                layout.infoTop,
                Layout.INFO_BORDER);
    }

    /**
     * What changes per frame, as functions of the frame's time only (so that a single frame at the end comes out
     * exactly as in the video): a disc on a Lissajous path, a progress bar, a timecode, and the first-frame and
     * last-frame images over the first and last second. Thresholds sit half a frame early to be safe from rounding.
     */
    private String animate(
            String base,
            int firstIndex,
            int frames,
            RenderSpec spec,
            Layout layout,
            RenderLook look,
            Integer firstFrame,
            Integer lastFrameImage,
            Graph graph) {
        double lastTime = (frames - 1) / (double) FPS;
        int disc = even(Math.max(8, spec.height() / 8));
        double radius = disc / 2.0 - 0.5;
        String dot = graph.source(
                "color=c=%s:s=%dx%d:r=%d,trim=end_frame=1,format=yuva420p,"
                        + "geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='255*lte(hypot(X-%s,Y-%s),%s)'",
                look.accent, disc, disc, FPS, RenderLook.num(radius), RenderLook.num(radius), RenderLook.num(radius));
        String frame = graph.overlay(
                base,
                dot,
                "x='(W-w)*(0.5+0.42*sin(2*PI*(t*%s+%s)))'" + ":y='(H-h)*(0.5+0.38*sin(2*PI*(t*%s+%s)))'",
                RenderLook.num(look.dotFrequencyX),
                RenderLook.num(look.dotPhaseX),
                RenderLook.num(look.dotFrequencyY),
                RenderLook.num(look.dotPhaseY));
        String bar =
                graph.source("color=c=%s:s=%dx%d:r=%d,trim=end_frame=1", look.accent, spec.width(), layout.bar, FPS);
        frame = graph.overlay(frame, bar, "x='-w+w*min(1,t/%s)':y=H-h", RenderLook.num(Math.max(lastTime, 1.0 / FPS)));
        frame = graph.apply(
                frame,
                "drawtext=fontfile=%s:timecode=%s:timecode_rate=%d:fontsize=%d:fontcolor=white"
                        + ":x=%d:y=%d:box=1:boxcolor=black@0.45:boxborderw=%d",
                Graph.quote(fonts.latin().toString()),
                Graph.quote(timecode(firstIndex)),
                FPS,
                layout.infoSize,
                layout.margin,
                layout.timecodeTop,
                Layout.INFO_BORDER);
        if (firstFrame != null) {
            String image = graph.source("[%d:v]%s", firstFrame, coverFilter(spec.width(), spec.height()));
            frame = graph.overlay(frame, image, "enable='lt(t,%s)'", RenderLook.num((FPS - 0.5) / FPS));
        }
        if (lastFrameImage != null) {
            String image = graph.source("[%d:v]%s", lastFrameImage, coverFilter(spec.width(), spec.height()));
            frame = graph.overlay(frame, image, "enable='gte(t,%s)'", RenderLook.num((frames - FPS - 0.5) / FPS));
        }
        return frame;
    }

    /** The SMPTE timecode of a frame index at 24 fps. */
    static String timecode(int frame) {
        int seconds = frame / FPS;
        return "%02d:%02d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60, frame % FPS);
    }

    /** The {@code -i} arguments in order; {@link #add} returns the input's index for {@code [N:v]} references. */
    private static final class Inputs {
        final List<String> args = new ArrayList<>();
        private int count;

        int add(Path file, String... options) {
            args.addAll(List.of(options));
            args.addAll(List.of("-i", file.toString()));
            return count++;
        }
    }

    private static String coverFilter(int w, int h) {
        return "trim=end_frame=1,scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,setsar=1,format=yuv420p"
                .formatted(w, h, w, h);
    }

    private static int even(int value) {
        return value + (value & 1);
    }
}
