package dev.seedance4j.storyboard;

import dev.seedance4j.studio.Project;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules every breakdown is checked against, both ways: each beat of a scene in exactly one shot (so every
 * dialogue line in exactly one), in order; every shot cites its script lines; duration within the model's range;
 * the dialogue fits the duration; every {@code @mention} names a character or scene; at most the model's reference
 * images (9) per shot. (First/last-frame shots carrying no reference images is checked on the written project by
 * the project parser.) The LLM breakdown sends the violations back to the model.
 */
public final class BreakdownRules {
    private BreakdownRules() {}

    /** The broken rules of one scene's shots, as sentences a person (or a model) can act on. */
    public static List<String> violations(SceneInput input, List<ShotDraft> shots) {
        List<String> v = new ArrayList<>();
        Map<Beat, Integer> seen = new IdentityHashMap<>();
        for (ShotDraft s : shots) for (Beat b : s.beats()) seen.merge(b, 1, Integer::sum);
        for (Beat b : input.scene().beats()) {
            int times = seen.getOrDefault(b, 0);
            if (times == 0) v.add("line " + b.line() + " (" + describe(b) + ") is in no shot");
            if (times > 1)
                v.add("line " + b.line() + " (" + describe(b) + ") is in " + times
                        + " shots; it must be in exactly one");
        }
        for (Beat b : seen.keySet()) {
            if (!input.scene().beats().contains(b))
                v.add("line " + b.line() + " is not part of scene "
                        + input.scene().number());
        }
        List<Beat> order = new ArrayList<>();
        shots.forEach(s -> order.addAll(s.beats()));
        List<Integer> positions =
                order.stream().map(b -> indexOf(input.scene().beats(), b)).toList();
        List<Integer> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        if (!positions.equals(sorted)) v.add("the shots do not follow the script's order of lines");
        ShotLimits limits = input.limits();
        for (int i = 0; i < shots.size(); i++) {
            ShotDraft s = shots.get(i);
            String which = "shot " + (i + 1)
                    + (s.beats().isEmpty() ? "" : " (lines " + s.firstLine() + "–" + s.lastLine() + ")");
            if (s.beats().isEmpty()) v.add(which + " cites no script lines");
            if (s.duration() < limits.minDuration() || s.duration() > limits.maxDuration()) {
                v.add(which + ": duration " + s.duration() + " s is outside " + limits.minDuration() + "–"
                        + limits.maxDuration() + " s (" + limits.model() + ")");
            }
            double speech = ShotTiming.speechSeconds(s.beats());
            if (speech > s.duration() + 1e-9 && speech <= limits.maxDuration()) {
                v.add(which + ": its dialogue needs " + (int) Math.ceil(speech) + " s (at most "
                        + ShotTiming.CHARS_PER_SECOND + " characters a second plus a breath) but the shot is "
                        + s.duration() + " s");
            }
            if (s.prompt() == null || s.prompt().isBlank()) v.add(which + " has no prompt");
            else {
                for (String unknown : unknownMentions(s.prompt(), input.cast())) {
                    v.add(which + ": @" + unknown + " is no character or scene; known: "
                            + String.join(", ", knownKeys(input.cast())));
                }
                int images = referenceImages(s.prompt(), input.cast());
                if (images > limits.maxReferenceImages()) {
                    v.add(which + ": its @mentions bring " + images + " reference images, more than "
                            + limits.maxReferenceImages());
                }
            }
        }
        return v;
    }

    /** What needs a person after the breakdown: dialogue too long for any shot (a line to split in the script). */
    static List<Diagnostic> review(SceneInput input, List<ShotDraft> shots) {
        List<Diagnostic> d = new ArrayList<>();
        for (ShotDraft s : shots) {
            double speech = ShotTiming.speechSeconds(s.beats());
            if (speech > s.duration() + 1e-9) {
                Beat first = s.dialogue().isEmpty() ? null : s.dialogue().get(0);
                d.add(new Diagnostic(
                        Severity.REVIEW,
                        input.file(),
                        first == null ? s.firstLine() : first.line(),
                        first == null ? "" : first.original(),
                        "the dialogue of this shot needs " + (int) Math.ceil(speech) + " s but a shot of "
                                + input.limits().model() + " is at most "
                                + input.limits().maxDuration()
                                + " s: split the line in the script (it is kept whole, never cut)"));
            }
        }
        return d;
    }

    static Set<String> knownKeys(Cast cast) {
        Set<String> keys = new LinkedHashSet<>();
        cast.characters().values().stream()
                .filter(k -> !k.equals(Cast.NARRATOR))
                .forEach(keys::add);
        keys.addAll(cast.scenes().values());
        cast.existing().ifPresent(p -> {
            keys.addAll(p.characters().keySet());
            keys.addAll(p.scenes().keySet());
        });
        return keys;
    }

    /** The names after '@' that are no key (matched longest first, as the project parser does). */
    static List<String> unknownMentions(String prompt, Cast cast) {
        List<String> unknown = new ArrayList<>();
        mentions(prompt, cast, unknown);
        return unknown;
    }

    static int referenceImages(String prompt, Cast cast) {
        int images = 0;
        for (String key : new LinkedHashSet<>(mentions(prompt, cast, new ArrayList<>()))) {
            images += cast.existing()
                    .map(p -> {
                        Project.Character c = p.characters().get(key);
                        if (c != null) return c.images().size();
                        Project.Scene s = p.scenes().get(key);
                        return s == null ? 0 : s.images().size();
                    })
                    .orElse(0);
        }
        return images;
    }

    private static List<String> mentions(String prompt, Cast cast, List<String> unknown) {
        List<String> keys = new ArrayList<>(knownKeys(cast));
        keys.sort(Comparator.comparingInt(String::length).reversed());
        List<String> found = new ArrayList<>();
        int i = 0;
        while ((i = prompt.indexOf('@', i)) >= 0) {
            boolean insideWord =
                    i > 0 && Character.isLetterOrDigit(prompt.charAt(i - 1)) && prompt.charAt(i - 1) < 0x2E80;
            String rest = prompt.substring(i + 1);
            String match = keys.stream().filter(rest::startsWith).findFirst().orElse(null);
            if (!insideWord && match != null) {
                found.add(match);
                i += 1 + match.length();
                continue;
            }
            int end = i + 1;
            while (end < prompt.length()
                    && end - i <= 20
                    && (Character.isLetterOrDigit(prompt.charAt(end)) || "_-".indexOf(prompt.charAt(end)) >= 0)) end++;
            if (!insideWord && end > i + 1) unknown.add(prompt.substring(i + 1, end));
            i = Math.max(end, i + 1);
        }
        return found;
    }

    private static int indexOf(List<Beat> beats, Beat b) {
        for (int i = 0; i < beats.size(); i++) if (beats.get(i) == b) return i;
        return -1;
    }

    private static String describe(Beat b) {
        String text = b.text().length() > 16 ? b.text().substring(0, 16) + "…" : b.text();
        return switch (b.kind()) {
            case DIALOGUE -> b.speaker() + "：" + text;
            case NOTE -> "【" + b.noteKey() + "】";
            default -> b.kind().name().toLowerCase(Locale.ROOT) + " " + text;
        };
    }
}
