package dev.seedance4j.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Ffmpeg#probe(Path)} found in a file.
 *
 * @param file     the probed file
 * @param format   container as ffmpeg names its demuxer ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code png_pipe},
 *                 {@code wav}, {@code matroska,webm})
 * @param duration container duration (10 ms precision), {@link Duration#ZERO} for still images and when unknown
 * @param bitRate  overall bit rate in kb/s, 0 when unknown
 * @param metadata container-level tags ({@code comment}, {@code title}, {@code encoder}), in file order
 * @param streams  every stream, in index order
 */
public record MediaInfo(
        Path file,
        String format,
        Duration duration,
        long bitRate,
        Map<String, String> metadata,
        List<MediaStream> streams) {

    public MediaInfo {
        metadata = Map.copyOf(metadata);
        streams = List.copyOf(streams);
    }

    /** Duration in seconds, convenient for comparisons with a tolerance. */
    public double durationSeconds() {
        return duration.toNanos() / 1e9;
    }

    /** The first video stream, if any (a still image counts as one video stream). */
    public Optional<MediaStream> video() {
        return first(MediaStream.Type.VIDEO);
    }

    /** The first audio stream, if any. */
    public Optional<MediaStream> audio() {
        return first(MediaStream.Type.AUDIO);
    }

    /** All streams of one type, in index order. */
    public List<MediaStream> streams(MediaStream.Type type) {
        return streams.stream().filter(s -> s.type() == type).toList();
    }

    private Optional<MediaStream> first(MediaStream.Type type) {
        return streams.stream().filter(s -> s.type() == type).findFirst();
    }
}
