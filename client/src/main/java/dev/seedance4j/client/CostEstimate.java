package dev.seedance4j.client;

import java.math.BigDecimal;

/**
 * What a request costs: tokens = width × height × frames / 1024, frames = 24 × output seconds + 1, plus
 * 24 × input video seconds for the 2.0 series (with the minimum for video input applied), and the CNY that makes
 * at the price of its tier.
 *
 * @param size                the output pixel size
 * @param outputFrames        frames of the output ({@code 24·s + 1}, or {@code frames})
 * @param inputVideoFrames    24 × the seconds of input video counted
 * @param tokens              billed tokens
 * @param minimumApplied      whether the minimum for video input raised the tokens
 * @param tier                which price of the model applies
 * @param cnyPerMillionTokens the price used (flex factor included)
 * @param cny                 the cost in CNY, rounded to 4 decimals
 */
public record CostEstimate(
        VideoSize size,
        long outputFrames,
        long inputVideoFrames,
        long tokens,
        boolean minimumApplied,
        PriceTable.Tier tier,
        BigDecimal cnyPerMillionTokens,
        BigDecimal cny) {}
