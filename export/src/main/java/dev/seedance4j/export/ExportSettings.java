package dev.seedance4j.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How episodes are exported. Immutable; {@link #defaults()} or {@link #builder()}.
 *
 * <p>Defaults: the project's {@code exports/<format>/} folder (for {@link TimelineExport#project}), every assembled
 * episode, a ZIP beside each Jianying/CapCut draft, subtitles tagged {@code zh}, no draft root (media paths inside a
 * draft are written relative to the draft folder).
 */
public final class ExportSettings {

    private final Path outputDirectory;
    private final Set<String> episodes;
    private final String draftRoot;
    private final boolean zip;
    private final String subtitleLanguage;
    private final Clock clock;

    private ExportSettings(Builder b) {
        this.outputDirectory = b.outputDirectory;
        this.episodes = Set.copyOf(b.episodes);
        this.draftRoot = b.draftRoot;
        this.zip = b.zip;
        this.subtitleLanguage = b.subtitleLanguage;
        this.clock = b.clock;
    }

    public static ExportSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.outputDirectory = outputDirectory;
        b.episodes.addAll(episodes);
        b.draftRoot = draftRoot;
        b.zip = zip;
        b.subtitleLanguage = subtitleLanguage;
        b.clock = clock;
        return b;
    }

    /** Where the files go; empty for the caller's default. */
    public Optional<Path> outputDirectory() {
        return Optional.ofNullable(outputDirectory);
    }

    /** The episodes to export; empty for every assembled one. */
    public Set<String> episodes() {
        return episodes;
    }

    /** The draft root on the editor's machine (as that machine writes it), when the media paths should be absolute. */
    public Optional<String> draftRoot() {
        return Optional.ofNullable(draftRoot);
    }

    /** Whether a Jianying/CapCut draft is also packed into a ZIP to unpack into the draft root. */
    public boolean zip() {
        return zip;
    }

    /** The subtitles' language as a BCP 47 tag, e.g. {@code zh}, {@code zh-Hans}, {@code en}. */
    public String subtitleLanguage() {
        return subtitleLanguage;
    }

    public Clock clock() {
        return clock;
    }

    /** Builds {@link ExportSettings}. */
    public static final class Builder {
        private Path outputDirectory;
        private final Set<String> episodes = new LinkedHashSet<>();
        private String draftRoot;
        private boolean zip = true;
        private String subtitleLanguage = "zh";
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder outputDirectory(Path directory) {
            this.outputDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Export only these episodes (each must be assembled and current). */
        public Builder episodes(Collection<String> ids) {
            episodes.clear();
            episodes.addAll(ids);
            return this;
        }

        /**
         * The Jianying/CapCut draft root where the draft will be unpacked, e.g.
         * {@code C:/Users/me/AppData/Local/JianyingPro/User Data/Projects/com.lveditor.draft}: media paths in the
         * draft then point there, absolute. Without it they are written relative to the draft folder.
         */
        public Builder draftRoot(String root) {
            Objects.requireNonNull(root, "root");
            String trimmed = root.strip();
            if (trimmed.isEmpty()) throw new IllegalArgumentException("the draft root is empty");
            if (!trimmed.startsWith("/") && !trimmed.startsWith("\\\\") && !trimmed.matches("(?s)[A-Za-z]:[\\\\/].*")) {
                throw new IllegalArgumentException("the draft root '" + root
                        + "' must be an absolute path on the editor's machine (e.g. C:/Users/me/AppData/Local/"
                        + "JianyingPro/User Data/Projects/com.lveditor.draft or /Users/me/Movies/CapCut/User Data/"
                        + "Projects/com.lveditor.draft)");
            }
            this.draftRoot = trimmed;
            return this;
        }

        public Builder zip(boolean zip) {
            this.zip = zip;
            return this;
        }

        public Builder subtitleLanguage(String tag) {
            Objects.requireNonNull(tag, "tag");
            Locale locale = Locale.forLanguageTag(tag.strip());
            if (locale.getLanguage().isEmpty()) {
                throw new IllegalArgumentException(
                        "subtitle language '" + tag + "' is not a BCP 47 language tag (e.g. zh, zh-Hans, en)");
            }
            this.subtitleLanguage = locale.toLanguageTag();
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ExportSettings build() {
            return new ExportSettings(this);
        }
    }
}
