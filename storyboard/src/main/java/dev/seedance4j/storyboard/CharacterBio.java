package dev.seedance4j.storyboard;

/**
 * A line of the {@code 人物小传} (or a Fountain title page's notes): who a character is.
 *
 * @param name the name
 * @param age  the age as written ({@code 22岁}), or {@code ""}
 * @param text the description
 * @param line the line it was written on
 */
public record CharacterBio(String name, String age, String text, int line) {}
