package dev.seedance4j.storyboard;

/** A script as a compact text (one line per episode, scene and beat) for comparing with the expected outline. */
final class Outline {
    private Outline() {}

    static String of(Script script) {
        StringBuilder s = new StringBuilder();
        s.append("format ")
                .append(script.format())
                .append(" title ")
                .append(script.title())
                .append('\n');
        for (CharacterBio bio : script.bios()) {
            s.append("bio ")
                    .append(bio.line())
                    .append(' ')
                    .append(bio.name())
                    .append(" [")
                    .append(bio.age())
                    .append("] ")
                    .append(bio.text())
                    .append('\n');
        }
        for (ScriptEpisode e : script.episodes()) {
            s.append("episode ")
                    .append(e.number())
                    .append(" @")
                    .append(e.line())
                    .append(' ')
                    .append(e.title())
                    .append('\n');
            for (ScriptScene c : e.scenes()) {
                s.append("  scene ")
                        .append(c.number())
                        .append(" @")
                        .append(c.line())
                        .append(" place=")
                        .append(c.place())
                        .append(" time=")
                        .append(c.time())
                        .append(" setting=")
                        .append(c.setting())
                        .append(" cast=")
                        .append(String.join("、", c.cast()))
                        .append('\n');
                for (Beat b : c.beats()) {
                    s.append("    ").append(b.line()).append(' ').append(b.kind());
                    if (b.speaker() != null)
                        s.append(' ').append(b.speaker()).append('/').append(b.voice());
                    if (b.emotion() != null) s.append(" (").append(b.emotion()).append(')');
                    if (b.noteKey() != null) s.append(" 【").append(b.noteKey()).append('】');
                    if (b.flashback()) s.append(" flashback");
                    if (b.dual()) s.append(" dual");
                    s.append(": ").append(b.text()).append('\n');
                }
            }
        }
        for (Diagnostic d : script.diagnostics()) {
            s.append("diag ")
                    .append(d.line())
                    .append(' ')
                    .append(d.severity().label())
                    .append(": ")
                    .append(d.message())
                    .append('\n');
        }
        return s.toString();
    }
}
