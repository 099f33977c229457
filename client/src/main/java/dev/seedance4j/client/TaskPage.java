package dev.seedance4j.client;

import java.util.List;

/**
 * One page of a list call.
 *
 * @param total number of tasks matching the filter, over all pages
 * @param items the tasks of this page
 */
public record TaskPage(long total, List<Task> items) {
    public TaskPage {
        items = List.copyOf(items);
    }
}
