package dev.seedance4j.storyboard;

import java.util.Optional;

/** 景别: a closed list, with the Chinese word the prompt uses and the English word a model may answer with. */
public enum ShotSize {
    LONG("远景", "long shot"),
    WIDE("全景", "wide shot"),
    MEDIUM("中景", "medium shot"),
    CLOSE("近景", "close shot"),
    CLOSE_UP("特写", "close-up");

    private final String chinese;
    private final String english;

    ShotSize(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** By Chinese or English word or constant name ({@code 中景}, {@code medium shot}, {@code MEDIUM_SHOT}). */
    public static Optional<ShotSize> parse(String text) {
        return Vocabulary.find(values(), text, v -> v.chinese, v -> v.english);
    }
}
