package dev.seedance4j.emulator.internal.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A short string that a regular expression finds, for {@code pattern} keywords: the first alternative, the fewest
 * repetitions a quantifier allows, and digits and letters picked from a seed so that items of one array differ.
 * Covers literals, escapes, classes with ranges and negation, groups, alternation and quantifiers; returns null for
 * anything else (back-references, look-arounds) or when the sample does not match after all.
 */
final class RegexSample {

    private final String regex;
    private final long seed;
    private int at;
    private int picks;

    private RegexSample(String regex, long seed) {
        this.regex = regex;
        this.seed = seed;
    }

    static String sample(String regex, long seed) {
        try {
            String sample = new RegexSample(regex, seed).alternation();
            return SchemaCheck.find(regex, sample) ? sample : null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private String alternation() {
        String first = sequence();
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            sequence(); // later alternatives are parsed and dropped
        }
        return first;
    }

    private String sequence() {
        StringBuilder out = new StringBuilder();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            int start = at;
            String atom = atom();
            int[] times = quantifier();
            if (atom == null) continue;
            for (int i = 0; i < times[0]; i++) {
                if (i == 0) out.append(atom);
                else {
                    int end = at;
                    at = start; // sample the atom again so that repeated classes vary
                    out.append(atom());
                    at = end;
                }
            }
        }
        return out.toString();
    }

    /** The repetitions to produce: the minimum the quantifier allows. */
    private int[] quantifier() {
        if (at >= regex.length()) return new int[] {1};
        char c = regex.charAt(at);
        int times;
        switch (c) {
            case '?', '*' -> {
                at++;
                times = 0;
            }
            case '+' -> {
                at++;
                times = 1;
            }
            case '{' -> {
                int close = regex.indexOf('}', at);
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                times = Integer.parseInt(bounds[0].trim());
                at = close + 1;
            }
            default -> {
                return new int[] {1};
            }
        }
        if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) at++; // lazy, possessive
        return new int[] {times};
    }

    private String atom() {
        char c = regex.charAt(at++);
        switch (c) {
            case '^', '$' -> {
                return null;
            }
            case '.' -> {
                return String.valueOf(letter());
            }
            case '(' -> {
                if (regex.startsWith("?:", at)) at += 2;
                else if (regex.startsWith("?<", at) && !regex.startsWith("?<=", at) && !regex.startsWith("?<!", at))
                    at = regex.indexOf('>', at) + 1;
                else if (at < regex.length() && regex.charAt(at) == '?')
                    throw new IllegalArgumentException("look-around");
                String inner = alternation();
                if (regex.charAt(at++) != ')') throw new IllegalArgumentException("unbalanced group");
                return inner;
            }
            case '[' -> {
                return String.valueOf(charClass());
            }
            case '\\' -> {
                return escape(regex.charAt(at++));
            }
            default -> {
                return String.valueOf(c);
            }
        }
    }

    private String escape(char c) {
        return switch (c) {
            case 'd' -> String.valueOf((char) ('0' + pick(10)));
            case 'w' -> String.valueOf(letter());
            case 's' -> " ";
            case 'D', 'S' -> "a";
            case 'W' -> "-";
            case 'b', 'B', 'A', 'z', 'Z' -> "";
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'u' -> {
                String hex = regex.substring(at, at + 4);
                at += 4;
                yield String.valueOf((char) Integer.parseInt(hex, 16));
            }
            default -> {
                if (Character.isDigit(c)) throw new IllegalArgumentException("back-reference");
                yield String.valueOf(c);
            }
        };
    }

    private char charClass() {
        boolean negated = regex.charAt(at) == '^';
        if (negated) at++;
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        while (regex.charAt(at) != ']' || first) {
            first = false;
            int low = classChar(ranges);
            if (low < 0) continue;
            int high = low;
            if (regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                at++;
                high = classChar(ranges);
                if (high < 0) throw new IllegalArgumentException("range to a class");
            }
            ranges.add(new int[] {low, high});
        }
        at++;
        if (negated) {
            for (char c = 'a'; c <= 'z'; c++) if (!inside(ranges, c)) return c;
            for (char c = '0'; c <= '9'; c++) if (!inside(ranges, c)) return c;
            throw new IllegalArgumentException("nothing outside the class");
        }
        int[] range = ranges.get(pick(ranges.size()));
        return (char) (range[0] + pick(Math.min(26, range[1] - range[0] + 1)));
    }

    /** One character of a class, or -1 after adding a predefined class ({@code \d}, {@code \w}) to the ranges. */
    private int classChar(List<int[]> ranges) {
        char c = regex.charAt(at++);
        if (c != '\\') return c;
        char e = regex.charAt(at++);
        switch (e) {
            case 'd' -> ranges.add(new int[] {'0', '9'});
            case 'w' -> {
                ranges.add(new int[] {'a', 'z'});
                ranges.add(new int[] {'0', '9'});
            }
            case 's' -> ranges.add(new int[] {' ', ' '});
            case 'u' -> {
                int code = Integer.parseInt(regex.substring(at, at + 4), 16);
                at += 4;
                return code;
            }
            case 'n' -> {
                return '\n';
            }
            case 't' -> {
                return '\t';
            }
            default -> {
                return e;
            }
        }
        return -1;
    }

    private static boolean inside(List<int[]> ranges, char c) {
        for (int[] range : ranges) if (c >= range[0] && c <= range[1]) return true;
        return false;
    }

    private char letter() {
        return (char) ('a' + pick(26));
    }

    /** A number in [0, bound) from the seed and how many picks came before. */
    private int pick(int bound) {
        long z = seed + 0x9E3779B97F4A7C15L * ++picks;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) bound);
    }
}
