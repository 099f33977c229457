package dev.seedance4j.emulator;

import dev.seedance4j.emulator.internal.render.RenderSpec;
import dev.seedance4j.emulator.internal.render.RenderedClip;
import dev.seedance4j.emulator.internal.render.VideoRenderer;
import dev.seedance4j.media.Ffmpeg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Interim test-only renderer (a colour clip) until the real renderer is merged; removed then. */
final class InterimTestRenderer implements VideoRenderer {

    private final Ffmpeg ffmpeg = Ffmpeg.locate();

    @Override
    public RenderedClip render(RenderSpec spec, Path directory) {
        Path video = directory.resolve("video.mp4");
        List<String> args = new ArrayList<>(List.of("-y", "-f", "lavfi", "-i",
                "color=c=0x" + String.format("%06x", spec.seed() & 0xffffff) + ":s=" + spec.width() + "x" + spec.height() + ":r=24:d=" + spec.durationSeconds()));
        if (spec.generateAudio()) args.addAll(List.of("-f", "lavfi", "-i", "sine=f=440:d=" + spec.durationSeconds(), "-c:a", "aac"));
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-shortest", video.toString()));
        ffmpeg.run(args, Duration.ofMinutes(1));
        Path lastFrame = null;
        if (spec.returnLastFrame()) {
            lastFrame = directory.resolve("last_frame.png");
            ffmpeg.extractLastFrame(video, lastFrame);
        }
        return new RenderedClip(video, lastFrame);
    }
}
