package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.ServiceTier;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.client.Violation;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The client's request validator on arbitrary requests (any model id, any numbers, any strings, media URLs with
 * arbitrary bytes): it never throws, and each violation names a field and a rule. Unknown models are refused on
 * {@code model} rather than let through unchecked.
 */
class RequestValidatorPropertyTest {

    @Property(tries = 300)
    void arbitraryRequestsAreJudgedWithoutThrowing(@ForAll("requests") Supplier<CreateTaskRequest> build) {
        CreateTaskRequest request;
        try {
            request = build.get();
        } catch (ValidationException e) {
            // refused while being built: as good as a violation, as long as it names the field
            assertThat(e.violations())
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v.field()).isNotBlank());
            return;
        }
        List<Violation> violations = RequestValidator.validate(request);
        for (Violation v : violations) {
            assertThat(v.field()).isNotBlank();
            assertThat(v.rule()).isNotBlank();
            assertThat(v.toString()).contains(v.field());
        }
        if (!RequestValidator.knows(request.model())) {
            assertThat(violations).extracting(Violation::field).contains("model");
        }
    }

    @Provide
    Arbitrary<Supplier<CreateTaskRequest>> requests() {
        Arbitrary<String> model = Arbitraries.oneOf(
                Arbitraries.of(
                        Model.SEEDANCE_2_0.id(),
                        Model.SEEDANCE_2_0_FAST.id(),
                        Model.SEEDANCE_1_5_PRO.id(),
                        Model.SEEDANCE_1_0_PRO.id(),
                        Model.SEEDANCE_1_0_LITE_I2V.id()),
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars('-')
                        .ofMinLength(1)
                        .ofMaxLength(20));
        Arbitrary<Integer> anyInt =
                Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(-2, 300));
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("480p", "720p", "1080p", "4k", "16:9", "adaptive", "9:16"));
        Arbitrary<List<Media>> media = Arbitraries.oneOf(
                        Arbitraries.bytes()
                                .array(byte[].class)
                                .ofMaxSize(64)
                                .map(b -> "data:image/png;base64,"
                                        + Base64.getEncoder().encodeToString(b)),
                        Arbitraries.of(
                                "https://example.invalid/a.png",
                                "asset://asset-1",
                                "data:,",
                                "data:audio/wav;base64,AAAA",
                                "http://example.invalid/y.mp4",
                                "https://example.invalid/v.mp4"))
                .map(Media::url)
                .list()
                .ofMaxSize(5);
        Arbitrary<Integer> roleMix = Arbitraries.integers().between(0, 5);
        return Combinators.combine(
                        model, Arbitraries.strings().ofMaxLength(40), anyInt, anyInt, word, word, media, roleMix)
                .as((m, prompt, duration, number, resolution, ratio, items, mix) -> () -> {
                    CreateTaskRequest.Builder b = CreateTaskRequest.builder(Model.of(m));
                    if (!prompt.isEmpty()) b.text(prompt);
                    for (Media item : items) {
                        switch ((mix + items.indexOf(item)) % 6) {
                            case 0 -> b.firstFrame(item);
                            case 1 -> b.lastFrame(item);
                            case 2 -> b.referenceImage(item);
                            case 3 -> b.referenceVideo(item);
                            case 4 -> b.referenceAudio(item);
                            default -> b.draftTask("cgt-" + number);
                        }
                    }
                    b.duration(duration).resolution(Resolution.of(resolution)).ratio(Ratio.of(ratio));
                    switch (mix) {
                        case 0 -> b.frames(number);
                        case 1 -> b.priority(number);
                        case 2 -> b.seed(number * 65536L);
                        case 3 -> b.executionExpiresAfter(Duration.ofSeconds(number * 100L));
                        case 4 -> b.serviceTier(ServiceTier.FLEX).draft(true);
                        default ->
                            b.cameraFixed(true)
                                    .watermark(true)
                                    .returnLastFrame(true)
                                    .generateAudio(false);
                    }
                    return b.build();
                });
    }
}
