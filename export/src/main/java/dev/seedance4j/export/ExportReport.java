package dev.seedance4j.export;

import java.util.List;
import java.util.Map;

/**
 * What {@link TimelineExport#project} exported.
 *
 * @param exported each episode written, in project order
 * @param skipped  episodes left out when no episode was named, with why (not assembled yet, or assembled from other
 *                 takes than the project uses now)
 */
public record ExportReport(List<ExportedEpisode> exported, Map<String, String> skipped) {

    public ExportReport {
        exported = List.copyOf(exported);
        skipped = Map.copyOf(skipped);
    }
}
