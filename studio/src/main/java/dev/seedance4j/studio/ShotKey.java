package dev.seedance4j.studio;

import java.util.Objects;

/** The name of a shot across the project: episode id and shot id, written {@code ep01/s03}. */
public record ShotKey(String episode, String shot) implements Comparable<ShotKey> {
    public ShotKey {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(shot, "shot");
    }

    /** Parses {@code ep01/s03}. */
    public static ShotKey parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("a shot is written EPISODE/SHOT, e.g. ep01/s03 (got '" + text + "')");
        }
        return new ShotKey(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ShotKey other) {
        int byEpisode = episode.compareTo(other.episode);
        return byEpisode != 0 ? byEpisode : shot.compareTo(other.shot);
    }

    @Override
    public String toString() {
        return episode + "/" + shot;
    }
}
