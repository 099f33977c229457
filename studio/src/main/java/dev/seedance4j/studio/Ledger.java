package dev.seedance4j.studio;

import java.math.BigDecimal;

/**
 * Money of a shot, an episode, a line of shared charges or the project: video tasks, image generations and chat
 * completions together.
 *
 * @param estimatedTokens the plan's estimate of video tokens (one generation of each shot's current request), plus
 *     the chat tokens estimated before each chat call
 * @param estimatedCny the plan's estimate of the videos plus the estimate of every image and chat call made
 * @param billedTokens what the service billed in tokens, over every task ever sent (every take and version) and
 *     every chat call
 * @param billedCny every yuan billed: videos, images and chat
 * @param inFlightCny the estimates of what may still be billed: tasks sent and not yet finished, image and chat
 *     calls not yet answered, and calls whose outcome can never be known (they may have been paid)
 * @param estimatedImages images estimated before each image call
 * @param billedImages images billed
 */
public record Ledger(
        long estimatedTokens,
        BigDecimal estimatedCny,
        long billedTokens,
        BigDecimal billedCny,
        BigDecimal inFlightCny,
        long estimatedImages,
        long billedImages) {}
