package dev.seedance4j.client.internal;

import java.util.Map;

/**
 * Finds a table entry for a model id: the entry of that exact id, else the entry whose key ends in {@code *} and
 * is the longest prefix of the id ({@code doubao-seed-1-6-*} covers {@code doubao-seed-1-6-250615}), so that a
 * family can be described without inventing the dates of its versions.
 */
public final class IdLookup {
    private IdLookup() {}

    public static <T> T find(Map<String, T> entries, String id) {
        T exact = entries.get(id);
        if (exact != null || entries.containsKey(id)) {
            return exact;
        }
        String best = null;
        for (String key : entries.keySet()) {
            if (key.endsWith("*")
                    && id.startsWith(key.substring(0, key.length() - 1))
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? null : entries.get(best);
    }
}
