package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * A generated reference sheet of a character or scene, as the state says.
 *
 * @param kind {@code character} or {@code scene}
 * @param state {@code delivered} (an image for the current description exists), {@code failed} (the newest take
 *     ended without one) or {@code not_made}
 * @param take the take its shots use, when delivered
 * @param image that take's image, when delivered
 * @param takes how many takes were made for the current description
 * @param reason why the newest take failed
 */
public record SheetView(
        String name,
        String kind,
        String state,
        Integer take,
        Path image,
        int takes,
        String model,
        String size,
        String style,
        BigDecimal estimatedCny,
        ReasonCode reason,
        String message) {}
