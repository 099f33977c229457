package dev.seedance4j.board.internal;

import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The project's own reference images (characters and scenes), served by their place in the project
 * ({@code /reference/character/lin/0}), never by a path a request names: only files the project lists, inside its
 * folder, and only images.
 */
final class ProjectFiles {
    private final Supplier<Project> project;

    ProjectFiles(Supplier<Project> project) {
        this.project = project;
    }

    String link(String kind, String name, int index) {
        return "/reference/" + kind + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/" + index;
    }

    Optional<Path> resolve(String kind, String name, String index) {
        Project p = project.get();
        List<MediaRef> images;
        if (kind.equals("character") && p.characters().containsKey(name)) {
            images = p.characters().get(name).images();
        } else if (kind.equals("scene") && p.scenes().containsKey(name)) {
            images = p.scenes().get(name).images();
        } else {
            return Optional.empty();
        }
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (i < 0 || i >= images.size() || !(images.get(i) instanceof MediaRef.LocalFile f)) {
            return Optional.empty();
        }
        try {
            Path real = f.path().toRealPath();
            Path folder = p.folder().toRealPath();
            boolean image =
                    MediaFiles.type(real).filter(t -> t.startsWith("image/")).isPresent();
            return real.startsWith(folder) && image && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
