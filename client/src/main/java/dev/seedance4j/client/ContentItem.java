package dev.seedance4j.client;

import java.util.Objects;

/**
 * One item of a create request's {@code content[]}: the prompt text, an image, a video, an audio clip or a draft
 * task to render. Usually built through {@link CreateTaskRequest.Builder}; the scene factories of
 * {@link CreateTaskRequest} put the right roles in the right order.
 */
public sealed interface ContentItem {

    /** The wire value of {@code type}. */
    String type();

    /** {@code {"type":"text","text":...}}: the prompt. */
    record Text(String text) implements ContentItem {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /**
     * {@code {"type":"image_url","image_url":{"url":...},"role":...}}. The role may be {@code null} only for the
     * single image of the first-frame scene.
     */
    record Image(Media media, Role role) implements ContentItem {
        public Image {
            Objects.requireNonNull(media, "media");
        }

        @Override
        public String type() {
            return "image_url";
        }
    }

    /** {@code {"type":"video_url","video_url":{"url":...},"role":"reference_video"}} (Seedance 2.0 series). */
    record Video(Media media, Role role) implements ContentItem {
        public Video {
            Objects.requireNonNull(media, "media");
        }

        @Override
        public String type() {
            return "video_url";
        }
    }

    /** {@code {"type":"audio_url","audio_url":{"url":...},"role":"reference_audio"}} (Seedance 2.0 series). */
    record Audio(Media media, Role role) implements ContentItem {
        public Audio {
            Objects.requireNonNull(media, "media");
        }

        @Override
        public String type() {
            return "audio_url";
        }
    }

    /** {@code {"type":"draft_task","draft_task":{"id":...}}}: renders a Seedance 1.5 pro draft in full. */
    record DraftTask(String taskId) implements ContentItem {
        public DraftTask {
            Objects.requireNonNull(taskId, "draft task id");
        }

        @Override
        public String type() {
            return "draft_task";
        }
    }
}
