package dev.seedance4j.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The editors' formats an episode can be exported to. */
public enum ExportFormat {
    /** 剪映 (Jianying) draft folder and ZIP: {@code draft_content.json}, {@code draft_info.json}, media inside. */
    JIANYING("jianying", "Jianying (剪映) draft"),
    /** CapCut draft folder and ZIP, the same structure as Jianying's with CapCut's platform stamp. */
    CAPCUT("capcut", "CapCut draft"),
    /** OpenTimelineIO JSON ({@code .otio}) referring to the clips where they are. */
    OTIO("otio", "OpenTimelineIO"),
    /** OpenTimelineIO bundle ({@code .otioz}): the {@code .otio} and its media in one ZIP. */
    OTIOZ("otioz", "OpenTimelineIO bundle with media"),
    /** Final Cut Pro XML 1.9 ({@code .fcpxml}), which Final Cut Pro and DaVinci Resolve import. */
    FCPXML("fcpxml", "Final Cut Pro XML 1.9"),
    /** MLT XML ({@code .mlt}), Shotcut's project format, which {@code melt} renders. */
    MLT("mlt", "MLT XML (Shotcut)");

    private final String id;
    private final String description;

    ExportFormat(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name on the command line and in folder names, e.g. {@code jianying}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether the export is a draft folder for Jianying or CapCut. */
    public boolean isDraft() {
        return this == JIANYING || this == CAPCUT;
    }

    /**
     * The format named {@code name} (its id, any case).
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static ExportFormat parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown export format '" + name + "'; use one of "
                        + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
