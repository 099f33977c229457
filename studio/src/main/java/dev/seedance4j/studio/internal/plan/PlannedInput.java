package dev.seedance4j.studio.internal.plan;

import dev.seedance4j.client.Role;

/** One media item of a compiled request: its type ({@code image}, {@code video}, {@code audio}), role and source. */
public record PlannedInput(String type, Role role, Source source) {}
