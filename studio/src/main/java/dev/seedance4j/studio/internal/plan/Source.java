package dev.seedance4j.studio.internal.plan;

import dev.seedance4j.studio.ShotKey;
import java.nio.file.Path;

/** Where one input of a compiled request comes from; resolved to a URL only when the request is sent. */
public sealed interface Source {

    /** A local image or audio file: sent as a data URL. */
    record LocalFile(Path path, String sha256) implements Source {}

    /** A local video: sent as the URL a {@code VideoPublisher} gives it. */
    record LocalVideo(Path path, String sha256, double seconds) implements Source {}

    /** An https URL or asset id: sent as written. */
    record Remote(String url) implements Source {}

    /** The last frame of another shot (for {@code after:}). */
    record LastFrameOf(ShotKey shot) implements Source {}

    /** The clip of another shot (for {@code edit:} and {@code extend:}), {@code seconds} long as planned. */
    record ClipOf(ShotKey shot, int seconds) implements Source {}
}
