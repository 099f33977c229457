package dev.seedance4j.storyboard;

import java.util.List;

/**
 * Breaks one scene into shots (分镜). Two ways give the same output: {@link DeterministicBreakdown} (no language
 * model, the default) and {@link LlmBreakdown} (Ark chat completions with a JSON Schema). Every beat of the scene
 * must be in exactly one shot, in order; ids are given afterwards by the importer.
 */
public interface Breakdown {

    /** The shots of {@code input.scene()} in order; problems that need a person go into {@code diagnostics}. */
    List<ShotDraft> scene(SceneInput input, List<Diagnostic> diagnostics);

    /** {@code deterministic} or {@code llm MODEL}: written into the project file's header. */
    String label();
}
