package dev.seedance4j.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a chat model costs, CNY per million tokens (input up to 32k tokens). Some models bill the whole answer at a
 * higher price once it is longer than a threshold (Seed 1.8: 2.00, or 8.00 above 200 output tokens; UNCERTAIN).
 *
 * @param inputPerMillion       price of prompt tokens
 * @param outputPerMillion      price of completion tokens (reasoning included)
 * @param longOutputPerMillion  price of completion tokens when there are more than {@code longOutputAboveTokens},
 *                              or {@code null}
 * @param longOutputAboveTokens the threshold of {@code longOutputPerMillion}, or {@code null}
 */
public record ChatPrice(
        BigDecimal inputPerMillion,
        BigDecimal outputPerMillion,
        BigDecimal longOutputPerMillion,
        Integer longOutputAboveTokens) {

    public ChatPrice {
        Objects.requireNonNull(inputPerMillion, "input price");
        Objects.requireNonNull(outputPerMillion, "output price");
        if ((longOutputPerMillion == null) != (longOutputAboveTokens == null)) {
            throw new IllegalArgumentException("a long-output price needs its threshold, and the other way round");
        }
    }

    /** A price without a long-output tier. */
    public static ChatPrice of(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
        return new ChatPrice(inputPerMillion, outputPerMillion, null, null);
    }

    /** The CNY of {@code usage}, rounded to 6 decimals. */
    public BigDecimal cny(ChatUsage usage) {
        BigDecimal output = longOutputAboveTokens != null && usage.completionTokens() > longOutputAboveTokens
                ? longOutputPerMillion
                : outputPerMillion;
        return inputPerMillion
                .multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
    }
}
