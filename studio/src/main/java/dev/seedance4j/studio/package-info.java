/**
 * The production engine: a project file in, every shot generated, durable, never paid twice.
 *
 * <p>Start with {@link Studio#open}: it reads the project ({@link Project},
 * errors as {@link ProjectException} with file, line and column) and opens its state
 * database. {@link Studio#plan} validates and prices every shot without spending;
 * {@link Studio#run} generates what is missing and reports every shot as delivered or with a
 * {@link ReasonCode}; {@link Studio#status},
 * {@link Studio#regen} and {@link Studio#pick} do the rest. Local videos
 * reach the service through a {@link VideoPublisher}.
 */
package dev.seedance4j.studio;
