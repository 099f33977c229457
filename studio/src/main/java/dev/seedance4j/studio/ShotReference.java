package dev.seedance4j.studio;

/**
 * One input of a shot's compiled request, with the name the writer knows it by: the compiled prompt says
 * {@code [图2]}, the project file said {@code @lin}.
 *
 * @param tag how the compiled prompt refers to it: {@code [图N]}, {@code 视频N} or {@code 音频N}
 * @param type image, video or audio
 * @param role the request's role (first_frame, last_frame, reference_image, reference_video, reference_audio)
 * @param name e.g. {@code @lin (assets/lin-front.png)}, {@code assets/door.png}, {@code last frame of ep01/s01}
 */
public record ShotReference(String tag, String type, String role, String name) {}
