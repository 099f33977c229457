package dev.seedance4j.storyboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The breakdown without a language model: beats are grouped into shots within their scene, a new shot starting when
 * the next beat would make the shot longer than {@value #TARGET_SECONDS} s (or the model's longest), when a
 * flashback starts or ends, or after a third spoken line. Durations come from the dialogue
 * ({@link ShotTiming}), within the model's range; prompts from the action lines, the scene and the characters as
 * {@code @mentions}; the dialogue stays the shot's {@code dialogue:} lines. Notes and transitions go with the shot
 * they stand in. The same script always gives the same shots.
 */
public final class DeterministicBreakdown implements Breakdown {
    /** The length a shot grows to before the next beat starts a new one (the field's 8–12 s generations). */
    static final int TARGET_SECONDS = 10;

    static final int MAX_LINES_PER_SHOT = 3;

    @Override
    public String label() {
        return "deterministic";
    }

    @Override
    public List<ShotDraft> scene(SceneInput input, List<Diagnostic> diagnostics) {
        List<List<Beat>> groups = group(input.scene().beats(), input.limits());
        List<ShotDraft> shots = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            shots.add(shot(input, groups.get(i), i == 0, diagnostics));
        }
        return shots;
    }

    static List<List<Beat>> group(List<Beat> beats, ShotLimits limits) {
        double target = Math.min(TARGET_SECONDS, limits.maxDuration());
        List<List<Beat>> groups = new ArrayList<>();
        List<Beat> current = new ArrayList<>();
        List<Beat> pending = new ArrayList<>(); // notes and transitions wait for the beat they stand before
        for (Beat b : beats) {
            if (b.kind() == Beat.Kind.NOTE || b.kind() == Beat.Kind.TRANSITION) {
                pending.add(b);
                continue;
            }
            boolean visible = current.stream().anyMatch(x -> x.kind() == Beat.Kind.ACTION || x.isDialogue());
            boolean longer = ShotTiming.seconds(current) + ShotTiming.seconds(b) > target;
            boolean flashback = visible && current.get(current.size() - 1).flashback() != b.flashback();
            long lines = current.stream().filter(Beat::isDialogue).count();
            if (visible && (longer || flashback || (b.isDialogue() && lines >= MAX_LINES_PER_SHOT))) {
                // a transition written after the last beat closes the shot before it
                List<Beat> closing = pending.stream()
                        .filter(p -> p.kind() == Beat.Kind.TRANSITION)
                        .toList();
                current.addAll(closing);
                pending.removeAll(closing);
                groups.add(current);
                current = new ArrayList<>();
            }
            current.addAll(pending);
            pending.clear();
            current.add(b);
        }
        current.addAll(pending);
        if (!current.isEmpty()) groups.add(current);
        return groups;
    }

    static ShotDraft shot(SceneInput input, List<Beat> beats, boolean first, List<Diagnostic> diagnostics) {
        Set<String> speakers = new LinkedHashSet<>();
        beats.stream().filter(Beat::isDialogue).forEach(b -> speakers.add(b.speaker()));
        boolean action = beats.stream().anyMatch(b -> b.kind() == Beat.Kind.ACTION);
        ShotSize size;
        CameraMove camera;
        if (first && action) {
            size = ShotSize.WIDE;
            camera = CameraMove.PUSH_IN;
        } else if (speakers.size() == 1 && !action) {
            size = ShotSize.CLOSE;
            camera = CameraMove.STATIC;
        } else if (!speakers.isEmpty()) {
            size = ShotSize.MEDIUM;
            camera = CameraMove.STATIC;
        } else {
            size = ShotSize.MEDIUM;
            camera = CameraMove.TRACKING;
        }
        List<String> review = new ArrayList<>();
        String prompt = Prompts.build(input.scene(), beats, size, camera, null, input.cast(), input.limits(), review);
        int line = beats.isEmpty() ? input.scene().line() : beats.get(0).line();
        review.forEach(r -> diagnostics.add(new Diagnostic(Severity.REVIEW, input.file(), line, "", r)));
        int duration = input.limits().clamp(ShotTiming.seconds(beats) + 1);
        return new ShotDraft(
                null, input.scene(), beats, duration, prompt, size, camera, fingerprint(input.scene(), beats));
    }

    /** A hash of the scene heading and the beats' words: what decides whether a shot is unchanged. */
    static String fingerprint(ScriptScene scene, List<Beat> beats) {
        StringBuilder s = new StringBuilder(scene.label());
        for (Beat b : beats) {
            s.append('\n')
                    .append(b.kind())
                    .append('|')
                    .append(b.speaker())
                    .append('|')
                    .append(b.voice())
                    .append('|')
                    .append(b.emotion())
                    .append('|')
                    .append(b.noteKey())
                    .append('|')
                    .append(b.text())
                    .append('|')
                    .append(b.flashback());
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
