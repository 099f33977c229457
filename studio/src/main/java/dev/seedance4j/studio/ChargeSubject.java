package dev.seedance4j.studio;

import java.util.Objects;

/**
 * What a charge belongs to: the whole project (e.g. breaking a script down), an episode, a shot, a character's or
 * scene's reference sheet, or a scene of an episode. Episode, shot and scene charges count in their episode's
 * ledger line; project and sheet charges in a line of their own.
 *
 * @param kind {@code project}, {@code episode}, {@code shot}, {@code sheet} or {@code scene}
 * @param episode the episode of an episode, shot or scene subject, else null
 * @param id the shot id, sheet name or scene id, else null
 */
public record ChargeSubject(String kind, String episode, String id) {

    public ChargeSubject {
        Objects.requireNonNull(kind, "kind");
    }

    public static ChargeSubject project() {
        return new ChargeSubject("project", null, null);
    }

    public static ChargeSubject episode(String episode) {
        return new ChargeSubject("episode", Objects.requireNonNull(episode, "episode"), null);
    }

    public static ChargeSubject shot(ShotKey shot) {
        return new ChargeSubject("shot", shot.episode(), shot.shot());
    }

    /** A character's or scene's reference sheet, by its name in the project file. */
    public static ChargeSubject sheet(String name) {
        return new ChargeSubject("sheet", null, Objects.requireNonNull(name, "name"));
    }

    public static ChargeSubject scene(String episode, String scene) {
        return new ChargeSubject(
                "scene", Objects.requireNonNull(episode, "episode"), Objects.requireNonNull(scene, "scene"));
    }

    @Override
    public String toString() {
        return kind + (episode == null ? "" : " " + episode) + (id == null ? "" : (episode == null ? " " : "/") + id);
    }
}
