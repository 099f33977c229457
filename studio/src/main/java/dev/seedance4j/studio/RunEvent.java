package dev.seedance4j.studio;

import java.time.Instant;

/**
 * Something that happened during a run, as a {@link RunListener} sees it. {@code shot} is null for run-wide events.
 *
 * @param reason set on {@link Kind#FAILED} and {@link Kind#BUDGET_REACHED}
 */
public record RunEvent(Instant at, Kind kind, ShotKey shot, String message, ReasonCode reason) {

    public enum Kind {
        /** The run was admitted: how many shots are reused and how many will be generated. */
        STARTED,
        /** The shot already has a verified clip for its exact request: nothing is sent. */
        REUSED,
        /** A create request was accepted; the message carries the task id. */
        SUBMITTED,
        /** A task from an earlier (interrupted) run was found again and is followed to its end. */
        RESUMED,
        /** A create whose outcome was unknown was matched (or not) against the account's task list. */
        RECONCILED,
        /** The service said 429: submissions pause. */
        RATE_LIMITED,
        /** An output-moderation failure is tried again with a new seed. */
        REROLLED,
        /** The clip is downloaded, verified and kept. */
        DELIVERED,
        FAILED,
        /** A reference sheet was made, reused or failed (the message names it; {@code shot} is null). */
        SHEET,
        /** New submissions stopped because the budget would be passed. */
        BUDGET_REACHED,
        FINISHED
    }

    @Override
    public String toString() {
        return kind + (shot == null ? "" : " " + shot) + (reason == null ? "" : " [" + reason + "]") + ": " + message;
    }
}
