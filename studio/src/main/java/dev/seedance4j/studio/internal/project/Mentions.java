package dev.seedance4j.studio.internal.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Finds {@code @name} mentions in a prompt. Names are matched longest first against the known characters and
 * scenes, so {@code @lin站在} finds {@code lin} even though no space follows (Chinese prompts have none).
 */
public final class Mentions {
    private Mentions() {}

    /** A mention at {@code start} (the index of '@') up to {@code end} (exclusive); {@code name} null if unknown. */
    public record Mention(int start, int end, String name, String written) {}

    public static List<Mention> find(String prompt, Collection<String> knownNames) {
        List<String> byLength = knownNames.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while ((i = prompt.indexOf('@', i)) >= 0) {
            boolean insideWord = i > 0
                    && Character.isLetterOrDigit(prompt.charAt(i - 1))
                    && prompt.charAt(i - 1) < 0x2E80; // "mail@host" is no mention, "的@lin" is
            if (insideWord) {
                i++;
                continue;
            }
            String rest = prompt.substring(i + 1);
            String match =
                    byLength.stream().filter(rest::startsWith).findFirst().orElse(null);
            if (match != null) {
                found.add(new Mention(i, i + 1 + match.length(), match, "@" + match));
                i += 1 + match.length();
            } else {
                int end = i + 1;
                while (end < prompt.length() && end - i <= 20 && isNameChar(prompt.charAt(end))) {
                    end++;
                }
                if (end > i + 1) {
                    found.add(new Mention(i, end, null, prompt.substring(i, end)));
                }
                i = end;
            }
        }
        return found;
    }

    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.charAt(0) == '-') {
            return false;
        }
        return name.chars().allMatch(c -> isNameChar((char) c));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
