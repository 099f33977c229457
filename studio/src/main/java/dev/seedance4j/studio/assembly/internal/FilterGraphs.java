package dev.seedance4j.studio.assembly.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg filter graphs of an assembly, as text. Kept apart from running them so that each graph can be read and
 * tested on its own.
 */
public final class FilterGraphs {

    /** Sample rate of every episode's sound. */
    public static final int SAMPLE_RATE = 48_000;
    /** How long the music takes to dip under a line and to come back, in seconds. */
    static final double DUCK_RAMP_SECONDS = 0.25;

    private FilterGraphs() {}

    /**
     * The episode's sound before loudness normalisation: each clip's audio resampled, padded with silence or cut to
     * exactly its picture's length (a clip without sound gets silence of that length), joined, and the music mixed in.
     * Clips are inputs {@code first..first+n-1}; the looped music, when there is one, is input {@code first+n}. Output
     * label {@code [mix]}.
     */
    public static String sound(
            JoinPlan plan, int first, boolean withMusic, double musicVolumeDb, double musicDuckDb, List<Cue> cues) {
        String layout = plan.audioChannels() == 1 ? "mono" : "stereo";
        // async + first_pts keep each clip's sound where its timestamps put it: sound that starts late in its clip
        // gets silence in front instead of sliding forward.
        String format =
                "aresample=" + SAMPLE_RATE + ":async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=" + layout;
        StringBuilder graph = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < plan.clips().size(); i++) {
            String fit = "atrim=end_sample=" + plan.samples(i) + ",asetpts=PTS-STARTPTS";
            if (plan.clips().get(i).hasAudio()) {
                graph.append('[')
                        .append(first + i)
                        .append(":a:0]")
                        .append(format)
                        .append(",apad,")
                        .append(fit);
            } else {
                graph.append("anullsrc=r=")
                        .append(SAMPLE_RATE)
                        .append(":cl=")
                        .append(layout)
                        .append(',')
                        .append(fit);
            }
            graph.append("[a").append(i).append("];");
            joins.append("[a").append(i).append(']');
        }
        graph.append(joins).append("concat=n=").append(plan.clips().size()).append(":v=0:a=1");
        if (!withMusic) return graph.append("[mix]").toString();
        long total = Math.round(plan.totalSeconds() * SAMPLE_RATE);
        graph.append("[speech];[")
                .append(first + plan.clips().size())
                .append(":a:0]")
                .append(format)
                .append(",atrim=end_sample=")
                .append(total)
                .append(",asetpts=PTS-STARTPTS")
                .append(",volume='")
                .append(duckExpression(musicVolumeDb, musicDuckDb, cues))
                .append("':eval=frame[music];")
                .append("[speech][music]amix=inputs=2:duration=first:normalize=0[mix]");
        return graph.toString();
    }

    /**
     * The music's gain over time: {@code volumeDb} everywhere, {@code duckDb} lower while a line is on screen, with
     * short ramps so the dip is not heard as a click. A fixed duck on the known dialogue times rather than a
     * side-chain compressor, because the clips' own sound carries effects and ambience too and a compressor would
     * pump on every footstep, while the dialogue times are exact.
     */
    static String duckExpression(double volumeDb, double duckDb, List<Cue> cues) {
        String base = num(Math.pow(10, volumeDb / 20));
        if (cues.isEmpty() || duckDb == 0) return base;
        String depth = num(1 - Math.pow(10, duckDb / 20));
        String r = num(DUCK_RAMP_SECONDS);
        String under = null;
        for (Cue cue : cues) {
            String window = "clip(min((t-" + num(cue.startSeconds()) + "+" + r + ")/" + r + ",(" + num(cue.endSeconds())
                    + "+" + r + "-t)/" + r + "),0,1)";
            under = under == null ? window : "max(" + under + "," + window + ")";
        }
        return base + "*(1-" + depth + "*" + under + ")";
    }

    /**
     * Every clip scaled to fit {@code width}×{@code height} and padded with black bars, at 24 fps, cut or held to its
     * frame count, then joined; subtitles drawn on top when {@code burnIn} is given. Output label {@code [v]}.
     */
    public static String normalisedPicture(JoinPlan plan, BurnIn burnIn) {
        StringBuilder graph = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < plan.clips().size(); i++) {
            graph.append('[')
                    .append(i)
                    .append(":v:0]")
                    .append(fit(plan.width(), plan.height()))
                    .append(",fps=")
                    .append(JoinPlan.NORMALISED_FPS)
                    .append(",format=yuv420p")
                    .append(",tpad=stop_mode=clone:stop=1,trim=end_frame=")
                    .append(plan.frameCounts().get(i))
                    .append(",setpts=PTS-STARTPTS[v")
                    .append(i)
                    .append("];");
            joins.append("[v").append(i).append(']');
        }
        graph.append(joins).append("concat=n=").append(plan.clips().size()).append(":v=1:a=0");
        if (burnIn != null) {
            for (int k = 0; k < burnIn.cues().size(); k++) {
                Cue cue = burnIn.cues().get(k);
                graph.append(",drawtext=fontfile=")
                        .append(escape(burnIn.font().toString()))
                        .append(":textfile=")
                        .append(escape(burnIn.textFiles().get(k).toString()))
                        .append(":expansion=none:fontsize=")
                        .append(burnIn.fontSize())
                        .append(":fontcolor=white:borderw=")
                        .append(Math.max(1, burnIn.fontSize() / 12))
                        .append(":bordercolor=black:line_spacing=")
                        .append(burnIn.fontSize() / 4)
                        .append(":x=(w-text_w)/2:y=h-text_h-")
                        .append(plan.height() / 12)
                        .append(":enable='gte(t,")
                        .append(num(cue.startSeconds()))
                        .append(")*lt(t,")
                        .append(num(cue.endSeconds()))
                        .append(")'");
            }
        }
        return graph.append("[v]").toString();
    }

    /**
     * One frame of each input (each opened with {@code -ss} at its shot's middle, which gives the keyframe at or before it), fitted into a cell, labelled with
     * its shot id (read from {@code labels}, one text file per shot), tiled into {@code columns}×{@code rows}.
     */
    public static String contactSheet(
            int count, int columns, int rows, int cellWidth, int cellHeight, Path font, List<Path> labels, int gap) {
        int fontSize = Math.max(10, cellHeight / 9);
        StringBuilder graph = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < count; i++) {
            graph.append('[')
                    .append(i)
                    .append(":v:0]trim=end_frame=1,")
                    .append(fit(cellWidth, cellHeight))
                    .append(",format=yuv420p,drawtext=fontfile=")
                    .append(escape(font.toString()))
                    .append(":textfile=")
                    .append(escape(labels.get(i).toString()))
                    .append(":expansion=none:fontsize=")
                    .append(fontSize)
                    .append(":fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=")
                    .append(fontSize / 4)
                    .append(":x=")
                    .append(fontSize / 2)
                    .append(":y=h-th-")
                    .append(fontSize / 2)
                    .append(",setpts=N[t")
                    .append(i)
                    .append("];");
            joins.append("[t").append(i).append(']');
        }
        return graph.append(joins)
                .append("concat=n=")
                .append(count)
                .append(":v=1:a=0,tile=")
                .append(columns)
                .append('x')
                .append(rows)
                .append(":margin=")
                .append(gap)
                .append(":padding=")
                .append(gap)
                .append(":color=0x202020")
                .toString();
    }

    /** Scales a picture to fit inside {@code w}×{@code h} without distortion and centres it on black. */
    public static String fit(int w, int h) {
        return "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease:force_divisible_by=2,pad=" + w + ":" + h
                + ":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1";
    }

    /**
     * Escapes a value (such as a file path) for a filter option inside {@code -filter_complex}: once for the
     * option parser ({@code \ ' :}) and once more for the graph parser ({@code \ ' [ ] , ;}).
     */
    static String escape(String value) {
        return backslash(backslash(value, "\\':"), "\\'[],;");
    }

    private static String backslash(String value, String specials) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (specials.indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * What burning subtitles in needs: the cues, one text file per cue (already wrapped to the picture's width) and
     * the font that draws them.
     */
    public record BurnIn(List<Cue> cues, List<Path> textFiles, Path font, int fontSize) {
        public BurnIn {
            cues = List.copyOf(cues);
            textFiles = List.copyOf(textFiles);
        }
    }
}
