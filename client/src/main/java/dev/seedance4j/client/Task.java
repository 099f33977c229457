package dev.seedance4j.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A video generation task as the service reports it (get, list items, callbacks). Every field of the contract is
 * here; a field the response did not carry (or carried as {@code null}) is {@code null}, never a made-up default.
 * Unknown fields are ignored, unknown enum-like values are kept ({@link TaskStatus#of}, {@link Ratio#of}...).
 *
 * <p>{@code videoUrl} and {@code lastFrameUrl} are signed links valid for 24 hours: download them promptly
 * ({@link SeedanceClient#download}).
 *
 * @param id                    task id, {@code cgt-...}
 * @param model                 model name and version that ran the task
 * @param status                current status
 * @param error                 why it failed; {@code null} unless failed (and possibly expired)
 * @param createdAt             creation time (second precision)
 * @param updatedAt             last status change (second precision)
 * @param videoUrl              {@code content.video_url}: the mp4, once succeeded
 * @param lastFrameUrl          {@code content.last_frame_url}: png of the last frame, if requested
 * @param fileUrl               {@code content.file_url} (3D tasks only)
 * @param seed                  the seed actually used
 * @param resolution            actual resolution
 * @param ratio                 actual ratio ({@code adaptive} resolved)
 * @param duration              output seconds (absent when {@code frames} was requested)
 * @param frames                output frames, only when requested (1.0 models)
 * @param framesPerSecond       {@code framespersecond}, 24
 * @param generateAudio         whether the output has an audio track
 * @param draft                 whether this is a 1.5 pro draft
 * @param draftTaskId           the draft this task rendered, if any
 * @param tools                 tools actually used
 * @param safetyIdentifier      end-user id echoed back
 * @param serviceTier           actual tier
 * @param executionExpiresAfter {@code execution_expires_after} in seconds
 * @param priority              queue priority
 * @param outputFormat          container format (2.5)
 * @param usage                 tokens used, once finished
 * @param revisedPrompt         {@code revised_prompt}, if the service rewrote the prompt
 * @param subdivisionLevel      {@code subdivisionlevel} (3D tasks)
 * @param fileFormat            {@code fileformat} (3D tasks)
 */
public record Task(
        String id,
        Model model,
        TaskStatus status,
        TaskError error,
        Instant createdAt,
        Instant updatedAt,
        String videoUrl,
        String lastFrameUrl,
        String fileUrl,
        Long seed,
        Resolution resolution,
        Ratio ratio,
        Integer duration,
        Integer frames,
        Integer framesPerSecond,
        Boolean generateAudio,
        Boolean draft,
        String draftTaskId,
        List<Tool> tools,
        String safetyIdentifier,
        ServiceTier serviceTier,
        Long executionExpiresAfter,
        Integer priority,
        String outputFormat,
        Usage usage,
        String revisedPrompt,
        String subdivisionLevel,
        String fileFormat) {

    public Task {
        tools = tools == null ? null : List.copyOf(tools);
    }

    /** True once the task can no longer change. */
    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }

    /** True when the task succeeded (and {@link #videoUrl()} holds the result). */
    public boolean isSucceeded() {
        return TaskStatus.SUCCEEDED.equals(status);
    }

    /** The failure reason, if any. */
    public Optional<TaskError> failure() {
        return Optional.ofNullable(error);
    }
}
