package dev.seedance4j.storyboard;

import java.util.Optional;

/** 运镜: a closed list, with the Chinese words the prompt uses and the English word a model may answer with. */
public enum CameraMove {
    STATIC("固定镜头", "static"),
    PUSH_IN("缓慢推镜", "push in"),
    PULL_OUT("缓慢拉远", "pull out"),
    PAN("横摇", "pan"),
    TRACKING("跟拍", "tracking"),
    TRUCK("横移", "truck");

    private final String chinese;
    private final String english;

    CameraMove(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** By Chinese or English word or constant name ({@code 跟拍}, {@code tracking}, {@code PUSH_IN}). */
    public static Optional<CameraMove> parse(String text) {
        return Vocabulary.find(values(), text, v -> v.chinese, v -> v.english);
    }
}
