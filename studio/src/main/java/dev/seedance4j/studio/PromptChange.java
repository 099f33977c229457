package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * An edit of one shot's prompt, shown before anything is written or spent ({@link Studio#previewPrompt}): the lines
 * of the project file that change and what the new take is estimated to cost. {@link Studio#regenWithPrompt} writes
 * it only while the file is still as it was when the diff was made.
 *
 * @param diff the changed lines, {@code -} before and {@code +} after
 * @param fileSha256 the project file's hash when the diff was made
 */
public record PromptChange(
        ShotKey shot, String prompt, Path file, String diff, String fileSha256, BigDecimal estimatedCny) {}
