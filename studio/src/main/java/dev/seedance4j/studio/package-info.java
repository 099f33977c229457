/**
 * The production engine: a project file in, every shot generated, durable, never paid twice.
 *
 * <p>Start with {@link dev.seedance4j.studio.Studio#open}: it reads the project ({@link dev.seedance4j.studio.Project},
 * errors as {@link dev.seedance4j.studio.ProjectException} with file, line and column) and opens its state
 * database. {@link dev.seedance4j.studio.Studio#plan} validates and prices every shot without spending;
 * {@link dev.seedance4j.studio.Studio#run} generates what is missing and reports every shot as delivered or with a
 * {@link dev.seedance4j.studio.ReasonCode}; {@link dev.seedance4j.studio.Studio#status},
 * {@link dev.seedance4j.studio.Studio#regen} and {@link dev.seedance4j.studio.Studio#pick} do the rest. Local videos
 * reach the service through a {@link dev.seedance4j.studio.VideoPublisher}.
 */
package dev.seedance4j.studio;
