package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.DialogueLine;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.ShotClip;
import dev.seedance4j.studio.internal.Hashing;
import java.nio.file.Path;

/**
 * The identity of everything an episode's files are made from: the ordered take hashes, the dialogue, the episode's
 * title and ratio, every setting (music and font paths included), and the bytes of the music and font files. Clip
 * paths are left out on purpose: a take's hash already names its content, so moving the output folder does not force
 * a new assembly.
 */
public final class ChangeStamp {

    /** Raised when the assembler's output for the same inputs changes, so that old episodes are made again. */
    private static final String FORMAT = "seedance4j-assembly/2";

    private ChangeStamp() {}

    public static String of(EpisodeInput episode, AssemblySettings settings) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        field(text, "episode", episode.episodeId());
        field(text, "title", episode.title());
        field(text, "ratio", episode.ratio());
        for (ShotClip shot : episode.shots()) {
            field(text, "shot", shot.shotId());
            field(text, "take", shot.takeHash());
            for (DialogueLine line : shot.dialogue()) {
                field(text, "who", line.who());
                field(text, "line", line.text());
                field(text, "at", line.startSeconds() + ".." + line.endSeconds());
            }
        }
        field(text, "settings", settings);
        field(text, "music", contentOf(settings.backgroundMusic()));
        field(text, "font", contentOf(settings.subtitleFont()));
        return Hashing.sha256(text.toString());
    }

    /** Length-prefixed, so that no choice of values can make two different inputs read the same. */
    private static void field(StringBuilder text, String name, Object value) {
        String v = String.valueOf(value);
        text.append(name).append(' ').append(v.length()).append(':').append(v).append('\n');
    }

    private static String contentOf(Path file) {
        return file == null ? "-" : Hashing.sha256(file);
    }
}
