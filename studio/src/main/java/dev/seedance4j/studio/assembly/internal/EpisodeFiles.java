package dev.seedance4j.studio.assembly.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The names of an episode's files in the episodes folder. */
public record EpisodeFiles(Path video, Path subtitles, Path cover, Path contactSheet, Path record) {

    public static EpisodeFiles in(Path folder, String episodeId) {
        return new EpisodeFiles(
                folder.resolve(episodeId + ".mp4"),
                folder.resolve(episodeId + ".srt"),
                folder.resolve(episodeId + ".cover.jpg"),
                folder.resolve(episodeId + ".contact.png"),
                folder.resolve(episodeId + ".assembly.json"));
    }

    /** The same names inside another folder (the work folder of a running assembly). */
    public EpisodeFiles within(Path folder) {
        return new EpisodeFiles(
                folder.resolve(video.getFileName()),
                folder.resolve(subtitles.getFileName()),
                folder.resolve(cover.getFileName()),
                folder.resolve(contactSheet.getFileName()),
                folder.resolve(record.getFileName()));
    }

    /** The media files, which must all exist for an earlier assembly to count as current. */
    public List<Path> media() {
        return List.of(video, subtitles, cover, contactSheet);
    }

    public boolean allExist() {
        return media().stream().allMatch(Files::isRegularFile);
    }
}
