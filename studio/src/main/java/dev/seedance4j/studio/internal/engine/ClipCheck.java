package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.Mp4Movie;
import dev.seedance4j.media.Mp4Samples;
import dev.seedance4j.media.Mp4Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a downloaded clip holds, for its verification: read in Java from the MP4's {@code moov} box (milliseconds, no
 * process, so the fetcher leaves the machine's cores to the work that matters), with ffmpeg's probe for anything
 * that is not a plain MP4. A file whose samples reach past its end (a truncated download) is refused.
 *
 * @param durationSeconds the video track's length
 */
record ClipCheck(boolean video, boolean audio, double durationSeconds, int width, int height) {

    static ClipCheck of(Path clip, Ffmpeg ffmpeg) throws IOException {
        Optional<Mp4Movie> movie = Mp4Movie.read(clip);
        Optional<Mp4Track> video = movie.flatMap(Mp4Movie::firstVideo);
        if (video.isPresent()
                && video.get().samples().count() > 0
                && video.get().timescale() > 0) {
            long length = Files.size(clip);
            for (Mp4Track track : movie.get().tracks()) {
                if (end(track.samples()) > length) {
                    throw new IOException(
                            "the clip is cut short: its " + track.type().name().toLowerCase() + " samples reach byte "
                                    + end(track.samples()) + " of " + length);
                }
            }
            Mp4Track v = video.get();
            boolean audio = movie.get()
                    .firstAudio()
                    .filter(a -> a.samples().count() > 0)
                    .isPresent();
            return new ClipCheck(
                    true, audio, v.samples().totalDuration() / (double) v.timescale(), v.width(), v.height());
        }
        MediaInfo info = ffmpeg.probe(clip);
        return new ClipCheck(
                info.video().isPresent(),
                info.audio().isPresent(),
                info.durationSeconds(),
                info.video().map(s -> s.width()).orElse(0),
                info.video().map(s -> s.height()).orElse(0));
    }

    private static long end(Mp4Samples samples) {
        long end = 0;
        for (int i = 0; i < samples.count(); i++) {
            end = Math.max(end, samples.offset(i) + samples.size(i));
        }
        return end;
    }
}
