package dev.seedance4j.emulator.internal.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the "model" decides from the prompt, deterministically: the aspect ratio of a {@code 1K}/{@code 2K}/{@code 4K}
 * size, how many images {@code sequential_image_generation: auto} makes, and what each image of a set shows.
 *
 * <ul>
 *   <li>Aspect: a ratio written in the prompt ({@code 16:9}, {@code 3比4}), else a word for a shape ({@code 竖屏},
 *       {@code vertical} 9:16; {@code 横屏}, {@code landscape} 16:9; {@code 方形}, {@code square} 1:1;
 *       {@code portrait}, {@code 人像}, {@code 立绘} 3:4; {@code 全景}, {@code panorama} 21:9), else the first
 *       reference image's, else 1:1. The size then has the keyword's area (1024², 2048², 4096²): width and height
 *       are rounded to multiples of 16 and the width lowered until the area fits, which reproduces the service's
 *       observed 1760x2368 (3:4) and 2720x1536 (16:9) at 2K, and raised until the model's minimum is met.
 *   <li>Count: a number of images the prompt asks for ({@code 生成四张图}, {@code 4 images}, {@code three views}),
 *       else the number of items it lists ({@code 1. … 2. …}, or after {@code 分别}), else 1; never more than
 *       {@code max_images} or 15 minus the references.
 *   <li>Captions: the listed items, one per image.
 * </ul>
 */
final class ImagePlan {

    private static final Pattern RATIO = Pattern.compile("(?<!\\d)(\\d{1,2})\\s*[:：比]\\s*(\\d{1,2})(?!\\d)");
    private static final Map<String, double[]> SHAPES = Map.ofEntries(
            Map.entry("竖屏", new double[] {9, 16}),
            Map.entry("竖版", new double[] {9, 16}),
            Map.entry("vertical", new double[] {9, 16}),
            Map.entry("横屏", new double[] {16, 9}),
            Map.entry("横版", new double[] {16, 9}),
            Map.entry("landscape", new double[] {16, 9}),
            Map.entry("widescreen", new double[] {16, 9}),
            Map.entry("方形", new double[] {1, 1}),
            Map.entry("正方形", new double[] {1, 1}),
            Map.entry("square", new double[] {1, 1}),
            Map.entry("portrait", new double[] {3, 4}),
            Map.entry("人像", new double[] {3, 4}),
            Map.entry("立绘", new double[] {3, 4}),
            Map.entry("全景", new double[] {21, 9}),
            Map.entry("panorama", new double[] {21, 9}));
    private static final List<String> SHAPE_ORDER = List.of(
            "竖屏",
            "竖版",
            "vertical",
            "横屏",
            "横版",
            "landscape",
            "widescreen",
            "正方形",
            "方形",
            "square",
            "portrait",
            "人像",
            "立绘",
            "全景",
            "panorama");
    private static final String CHINESE_DIGITS = "零一二三四五六七八九";
    private static final List<String> ENGLISH_NUMBERS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen");
    private static final Pattern CHINESE_COUNT =
            Pattern.compile("([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:张|幅|个|组)?\\s*(?:图片|图像|图|视图|画面|插画|海报)");
    private static final Pattern ENGLISH_COUNT = Pattern.compile(
            "\\b([0-9]{1,2}|" + String.join("|", ENGLISH_NUMBERS) + ")\\s+(?:\\w+\\s+)?"
                    + "(?:images|pictures|views|panels|frames|illustrations|variations|photos)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER = Pattern.compile("(?<![\\d.])(\\d{1,2})[.、)]\\s*");

    private ImagePlan() {}

    /** Width and height for a keyword size. */
    static int[] size(String keyword, ImageModel model, String prompt, int[] firstReference) {
        double area = switch (keyword) {
            case "1K" -> 1024.0 * 1024;
            case "4K" -> 4096.0 * 4096;
            default -> 2048.0 * 2048;
        };
        double ratio = ratio(prompt, firstReference);
        int width = round16(Math.sqrt(area * ratio));
        int height = round16(width / ratio);
        long cap = Math.min((long) area, model.maxPixels());
        while ((long) width * height > cap && width > 16) width -= 16;
        while ((long) width * height < model.minPixels()) height += 16;
        return new int[] {width, height};
    }

    /** Width over height the prompt (or the first reference image) asks for. */
    static double ratio(String prompt, int[] firstReference) {
        Matcher written = RATIO.matcher(prompt);
        while (written.find()) {
            double w = Double.parseDouble(written.group(1));
            double h = Double.parseDouble(written.group(2));
            if (w > 0 && h > 0 && w / h <= 16 && h / w <= 16) return w / h;
        }
        String lower = prompt.toLowerCase(Locale.ROOT);
        for (String word : SHAPE_ORDER) {
            if (lower.contains(word)) return SHAPES.get(word)[0] / SHAPES.get(word)[1];
        }
        if (firstReference != null && firstReference[0] > 0 && firstReference[1] > 0)
            return firstReference[0] / (double) firstReference[1];
        return 1;
    }

    private static int round16(double value) {
        return Math.max(16, (int) Math.round(value / 16) * 16);
    }

    /** Images a sequential request makes, before the caps. */
    static int count(String prompt) {
        Matcher chinese = CHINESE_COUNT.matcher(prompt);
        if (chinese.find()) {
            int n = number(chinese.group(1));
            if (n > 0) return n;
        }
        Matcher english = ENGLISH_COUNT.matcher(prompt);
        if (english.find()) {
            int n = number(english.group(1).toLowerCase(Locale.ROOT));
            if (n > 0) return n;
        }
        return Math.max(1, items(prompt).size());
    }

    /** What each image of a set shows: the items the prompt numbers ({@code 1. … 2. …}) or lists after 分别. */
    static List<String> items(String prompt) {
        List<String> items = new ArrayList<>();
        List<int[]> markers = new ArrayList<>(); // start of the marker, start of the item
        Matcher marker = MARKER.matcher(prompt);
        while (marker.find()) {
            if (Integer.parseInt(marker.group(1)) == markers.size() + 1)
                markers.add(new int[] {marker.start(), marker.end()});
        }
        if (markers.size() >= 2) {
            for (int i = 0; i < markers.size(); i++) {
                int end = i + 1 < markers.size() ? markers.get(i + 1)[0] : prompt.length();
                String item = prompt.substring(markers.get(i)[1], end).split("[\\n。；;，,]")[0];
                items.add(item.strip().replaceAll("[.、]+$", ""));
            }
            return items;
        }
        int respectively = prompt.indexOf("分别");
        if (respectively >= 0) {
            for (String item : prompt.substring(respectively + 2).split("[，,、；;。]")) {
                if (!item.isBlank()) items.add(item.strip());
            }
        }
        return items.size() >= 2 ? items : List.of();
    }

    private static int number(String text) {
        if (text.chars().allMatch(Character::isDigit)) return Integer.parseInt(text);
        int english = ENGLISH_NUMBERS.indexOf(text);
        if (english >= 0) return english;
        int value = 0;
        int current = 0;
        for (char c : text.toCharArray()) {
            int digit = CHINESE_DIGITS.indexOf(c);
            if (c == '十') {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '两') {
                current = 2;
            } else if (digit >= 0) {
                current = digit;
            }
        }
        return value + current;
    }
}
