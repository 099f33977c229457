package dev.seedance4j.studio.internal.plan;

import dev.seedance4j.client.Role;
import dev.seedance4j.studio.SourcePosition;

/**
 * One media item of a compiled request: its type ({@code image}, {@code video}, {@code audio}), role and source, and
 * where the project file brought it in (a problem with the item is reported there, once, however many shots use
 * it).
 *
 * @param field the key that brought it in, e.g. {@code characters.lin.images} or {@code episodes[ep01].shots[s02].after}
 */
public record PlannedInput(String type, Role role, Source source, SourcePosition origin, String field) {}
