package dev.seedance4j.storyboard;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Finds a value of a closed list by the words a person or a model may use for it. */
final class Vocabulary {
    private Vocabulary() {}

    /**
     * The value whose Chinese word, English words (with or without a trailing "shot") or constant name
     * ({@code PUSH_IN}, {@code push-in}) is {@code text}, ignoring case.
     */
    static <E extends Enum<E>> Optional<E> find(
            E[] values, String text, Function<E, String> chinese, Function<E, String> english) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        for (E v : values) {
            String words = english.apply(v);
            if (t.equals(chinese.apply(v))
                    || t.equals(words)
                    || t.equals(words.replaceFirst(" shot$", ""))
                    || t.equals(v.name().toLowerCase(Locale.ROOT).replace('_', ' '))) return Optional.of(v);
        }
        return Optional.empty();
    }
}
