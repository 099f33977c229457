package dev.seedance4j.media;

import dev.seedance4j.media.internal.Mp4Parser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The tracks of an MP4, MOV or M4A file, read in Java from its {@code moov} box: milliseconds instead of an ffmpeg
 * run, and with every sample's place in the file, so that frames can be copied without ffmpeg reading them.
 *
 * <pre>{@code
 * Mp4Movie movie = Mp4Movie.read(clip).orElse(null);   // null: let ffmpeg read it (and explain what is wrong)
 * Mp4Track sound = movie.firstAudio().orElseThrow();
 * Mp4Samples frames = sound.samples();                 // offset(i), size(i), duration(i), decodeTime(i)
 * }</pre>
 *
 * @param file   the file read
 * @param tracks every track, in file order
 */
public record Mp4Movie(Path file, List<Mp4Track> tracks) {

    public Mp4Movie {
        tracks = List.copyOf(tracks);
    }

    /**
     * Reads the box headers up to the {@code moov} box and that box, never the media data.
     *
     * @return empty (with the reason logged at DEBUG) when the file is no ISO base media file, has no {@code moov},
     *         is fragmented, or has a malformed or truncated box or sample table; ffmpeg can then read the file and
     *         explain any problem to the user
     * @throws IOException when the file cannot be read
     */
    public static Optional<Mp4Movie> read(Path file) throws IOException {
        return Mp4Parser.read(file);
    }

    /** The first video track in file order, if any. */
    public Optional<Mp4Track> firstVideo() {
        return first(MediaStream.Type.VIDEO);
    }

    /** The first audio track in file order, if any. */
    public Optional<Mp4Track> firstAudio() {
        return first(MediaStream.Type.AUDIO);
    }

    private Optional<Mp4Track> first(MediaStream.Type type) {
        return tracks.stream().filter(t -> t.type() == type).findFirst();
    }
}
