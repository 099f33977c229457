package dev.seedance4j.export.internal;

import dev.seedance4j.export.EpisodeLabels;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An assembled episode as every writer sees it: the picked takes end to end in whole frames of one rate, each with
 * its clip and note, and the dialogue snapped to frames inside its shot. Built once from the assembler's record, so
 * that all formats agree on every cut to the frame.
 *
 * @param name      the timeline's name in the editor
 * @param episode   the assembler's result it was made from
 * @param labels    the project's and episode's titles and the shots' notes
 * @param rate      the episode's frame rate
 * @param shots     the takes in playing order, each starting where the previous one ends
 * @param captions  the dialogue, in order, never overlapping
 */
public record Cut(
        String name,
        EpisodeResult episode,
        EpisodeLabels labels,
        Rate rate,
        List<Placed> shots,
        List<Caption> captions) {

    private static final Logger LOG = LoggerFactory.getLogger(Cut.class);

    public Cut {
        shots = List.copyOf(shots);
        captions = List.copyOf(captions);
        if (shots.isEmpty()) throw new IllegalArgumentException("episode " + episode.episodeId() + " has no shots");
        long at = 0;
        for (Placed shot : shots) {
            if (shot.start() != at || shot.frames() <= 0) {
                throw new IllegalArgumentException("episode " + episode.episodeId() + " shot " + shot.shotId()
                        + " starts at frame " + shot.start() + " with " + shot.frames()
                        + " frames; the cut needs it at "
                        + at + " with at least one frame (no gaps, no overlaps)");
            }
            at = shot.end();
        }
    }

    /**
     * One take on the timeline.
     *
     * @param index         its place in the episode, from 0
     * @param shotId        the shot
     * @param take          the take's label
     * @param clip          the take's file
     * @param start         its first frame on the timeline
     * @param frames        how many frames it plays, from the clip's first frame (its source range)
     * @param width         the clip's picture width
     * @param height        the clip's picture height
     * @param audioChannels the clip's own sound channels, 0 when silent
     * @param note          the shot's prompt (empty when unknown)
     */
    public record Placed(
            int index,
            String shotId,
            String take,
            Path clip,
            long start,
            long frames,
            int width,
            int height,
            int audioChannels,
            String note) {

        public long end() {
            return start + frames;
        }

        public boolean hasAudio() {
            return audioChannels > 0;
        }
    }

    /**
     * One line of dialogue, in frames of the timeline, inside its shot.
     *
     * @param shot  the index of the shot it belongs to
     * @param who   the speaker
     * @param text  what is shown
     * @param start its first frame
     * @param end   the frame after its last
     */
    public record Caption(int shot, String who, String text, long start, long end) {

        public long frames() {
            return end - start;
        }
    }

    public static Cut of(EpisodeResult episode, EpisodeLabels labels) {
        Rate rate = Rate.of(episode.fps());
        List<Placed> shots = new ArrayList<>();
        for (ShotPlacement p : episode.shots()) {
            shots.add(new Placed(
                    shots.size(),
                    p.shotId(),
                    p.take(),
                    p.clip(),
                    p.startFrame(),
                    p.frames(),
                    p.width(),
                    p.height(),
                    p.audioChannels(),
                    labels.note(p.shotId())));
        }
        List<Caption> captions = new ArrayList<>();
        long previousEnd = 0;
        for (SubtitleCue cue : episode.cues()) {
            Placed shot = shots.stream()
                    .filter(s -> s.shotId().equals(cue.shotId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("episode " + episode.episodeId()
                            + " has a subtitle cue of shot " + cue.shotId() + ", which is not in its timeline"));
            // Snapped to the nearest frame, kept inside the shot, at least one frame long and after the previous line.
            long start = Math.max(clamp(rate.frameAt(cue.startMillis()), shot.start(), shot.end() - 1), previousEnd);
            if (start >= shot.end()) {
                LOG.warn(
                        "episode {} shot {}: the line '{}' is shorter than a frame after the one before it; it is left"
                                + " out of the editor's timeline",
                        episode.episodeId(),
                        shot.shotId(),
                        cue.text());
                continue;
            }
            long end = clamp(rate.frameAt(cue.endMillis()), start + 1, shot.end());
            captions.add(new Caption(shot.index(), cue.who(), cue.text(), start, end));
            previousEnd = end;
        }
        return new Cut(labels.timelineName(episode.episodeId()), episode, labels, rate, shots, captions);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    public String episodeId() {
        return episode.episodeId();
    }

    public int width() {
        return episode.width();
    }

    public int height() {
        return episode.height();
    }

    /** The whole timeline's length in frames. */
    public long frames() {
        return shots.get(shots.size() - 1).end();
    }

    /** The marker name of a shot: {@code episode/shot}. */
    public String markerName(Placed shot) {
        return episodeId() + "/" + shot.shotId();
    }

    /** Whether any take has its own sound. */
    public boolean hasAudio() {
        return shots.stream().anyMatch(Placed::hasAudio);
    }

    /** The most channels any take's sound has (1 or 2 in practice), 0 when silent. */
    public int audioChannels() {
        return shots.stream().mapToInt(Placed::audioChannels).max().orElse(0);
    }

    /** The captions of one shot, in order. */
    public List<Caption> captionsOf(Placed shot) {
        return captions.stream().filter(c -> c.shot() == shot.index()).toList();
    }
}
