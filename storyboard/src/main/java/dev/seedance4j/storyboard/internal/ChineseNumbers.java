package dev.seedance4j.storyboard.internal;

/** {@code 第十二集} → 12: the numbers scripts write in Chinese (up to the thousands) or in Arabic digits. */
final class ChineseNumbers {
    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumbers() {}

    /** The value, or -1 when the text is not a number. */
    static int parse(String text) {
        if (text.isEmpty()) return -1;
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 6 ? -1 : Integer.parseInt(text);
        }
        int section = 0;
        int digit = -1;
        for (char c : text.replace('〇', '零').replace('两', '二').toCharArray()) {
            int d = DIGITS.indexOf(c);
            if (d >= 0) {
                digit = d;
                continue;
            }
            int unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> -1;
            };
            if (unit < 0) return -1;
            section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        return section + Math.max(digit, 0);
    }
}
