package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One generation of a shot.
 *
 * @param take its number, 1 for the first
 * @param state {@code pending} (being made), {@code delivered} or {@code failed}
 * @param current true when it was made for the shot's current request (false: the shot changed since)
 * @param used true when it is the take the shot's episode uses
 * @param seed the seed it was asked with, when it was not the project's
 * @param reason why it failed (null unless failed)
 * @param clip the clip (absolute), when delivered
 * @param lastFrame the clip's last frame (absolute), when delivered
 * @param remoteId the service's task id of the task that made the clip (or of the last task tried)
 * @param billedTokens billed over every task of the take
 */
public record TakeView(
        ShotKey shot,
        int take,
        String state,
        boolean current,
        boolean used,
        Long seed,
        ReasonCode reason,
        Path clip,
        Path lastFrame,
        Double seconds,
        Integer width,
        Integer height,
        String remoteId,
        long billedTokens,
        BigDecimal billedCny,
        Instant createdAt,
        Instant finishedAt) {}
