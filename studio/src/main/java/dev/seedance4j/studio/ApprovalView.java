package dev.seedance4j.studio;

import java.time.Instant;

/**
 * An assembled episode approved for delivery.
 *
 * @param stamp the approved cut's change stamp ({@code stamp} in {@code season.json}): a later assembly with other
 *     takes has another stamp and is not approved by this
 */
public record ApprovalView(String episode, String stamp, String by, Instant at, String note) {}
