package dev.seedance4j.storyboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A script broken down into shots: what {@link ScriptImporter} makes and {@link ProjectWriter} writes.
 *
 * @param script      the script (only the selected episodes)
 * @param cast        the cast matched to the project
 * @param limits      what a shot may be for the project's video model
 * @param episodes    the episodes and their shots
 * @param diagnostics the script's diagnostics, then the cast's, the breakdown's and the rule checks'
 * @param chatCalls   the chat completions the breakdown sent (none for the deterministic breakdown)
 */
public record Storyboard(
        Script script,
        Cast cast,
        ShotLimits limits,
        List<EpisodeDraft> episodes,
        List<Diagnostic> diagnostics,
        List<ChatCall> chatCalls) {

    public Storyboard {
        episodes = List.copyOf(episodes);
        diagnostics = List.copyOf(diagnostics);
        chatCalls = List.copyOf(chatCalls);
    }

    /** The worst severity said. */
    public Severity grade() {
        return diagnostics.stream()
                .map(Diagnostic::severity)
                .min(Comparator.naturalOrder())
                .orElse(Severity.OK);
    }

    /** Every shot, in episode order. */
    public List<ShotDraft> shots() {
        List<ShotDraft> all = new ArrayList<>();
        episodes.forEach(e -> all.addAll(e.shots()));
        return all;
    }

    /** The shot table: episode, shot, seconds, script lines, size, speakers and the prompt's start. */
    public String toTable() {
        StringBuilder t = new StringBuilder(String.format(
                "%-6s %-8s %4s %-9s %-6s %-16s %s%n", "ep", "shot", "sec", "lines", "size", "dialogue", "prompt"));
        for (EpisodeDraft e : episodes) {
            for (ShotDraft s : e.shots()) {
                String speakers = String.join(
                        "、", s.dialogue().stream().map(Beat::speaker).distinct().toList());
                String prompt = s.prompt().replace('\n', ' ');
                t.append(String.format(
                        "%-6s %-8s %4d %-9s %-6s %-16s %s%n",
                        e.id(),
                        s.id(),
                        s.duration(),
                        s.firstLine() == s.lastLine()
                                ? String.valueOf(s.firstLine())
                                : s.firstLine() + "-" + s.lastLine(),
                        s.size().chinese(),
                        speakers.isEmpty() ? "-" : speakers,
                        prompt.length() > 40 ? prompt.substring(0, 40) + "…" : prompt));
            }
        }
        t.append(String.format(
                "%d episode(s), %d shot(s), %d s in all%n",
                episodes.size(),
                shots().size(),
                shots().stream().mapToInt(ShotDraft::duration).sum()));
        return t.toString();
    }
}
