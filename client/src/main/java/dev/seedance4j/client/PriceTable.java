package dev.seedance4j.client;

import dev.seedance4j.client.internal.IdLookup;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the models cost, in CNY for online inference: video models per million tokens by price tier and
 * resolution, chat models per million input and output tokens ({@link ChatPrice}), image models per image. The
 * defaults are the prices of the {@link ModelTable} (contract §7.2 and the chat/images contract; many marked
 * UNCERTAIN there); {@code flex} costs half. Prices change: override what your contract says, here or in the model
 * table's override file.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults().toBuilder()
 *     .price(Model.SEEDANCE_2_0, PriceTable.Tier.STANDARD, new BigDecimal("44"))            // every resolution
 *     .price(Model.SEEDANCE_2_0, Resolution.P1080, PriceTable.Tier.STANDARD, new BigDecimal("51"))
 *     .price(Model.of("ep-20260101-abcde"), PriceTable.Tier.STANDARD, new BigDecimal("46"))
 *     .chatPrice(Model.of("doubao-seed-1-6-250615"), ChatPrice.of(new BigDecimal("0.8"), new BigDecimal("8")))
 *     .imagePrice(Model.SEEDREAM_4_0, new BigDecimal("0.2"))
 *     .build();
 * }</pre>
 */
public final class PriceTable {
    /** Which price of a video model applies to a request. */
    public enum Tier {
        /** No video input (2.x series); with audio (1.5 pro); the only price of 1.0 models. */
        STANDARD,
        /** A 2.x model with any {@code video_url} in the content. */
        WITH_VIDEO_INPUT,
        /** Seedance 1.5 pro with {@code generate_audio: false}. */
        SILENT
    }

    private static final String ANY_RESOLUTION = "*";

    private final Map<String, BigDecimal> video;
    private final Map<String, ChatPrice> chat;
    private final Map<String, BigDecimal> images;
    private final BigDecimal flexFactor;

    private PriceTable(Builder b) {
        this.video = Map.copyOf(b.video);
        this.chat = Map.copyOf(b.chat);
        this.images = Map.copyOf(b.images);
        this.flexFactor = b.flexFactor;
    }

    /** The prices of {@link ModelTable#defaults()}. */
    public static PriceTable defaults() {
        return ModelTable.defaults().prices();
    }

    /** An empty table (flex factor 0.5). */
    public static Builder builder() {
        return new Builder(new HashMap<>(), new HashMap<>(), new HashMap<>(), new BigDecimal("0.5"));
    }

    /** A builder starting from this table's prices. */
    public Builder toBuilder() {
        return new Builder(new HashMap<>(video), new HashMap<>(chat), new HashMap<>(images), flexFactor);
    }

    /**
     * CNY per million tokens of {@code model} in {@code tier} at any resolution (the price set for every
     * resolution). A {@link Tier#SILENT} price falls back to {@link Tier#STANDARD} when the table has none.
     */
    public Optional<BigDecimal> pricePerMillionTokens(Model model, Tier tier) {
        return pricePerMillionTokens(model, null, tier);
    }

    /**
     * CNY per million tokens of {@code model} in {@code tier} at {@code resolution}: the price set for that
     * resolution, else the one for every resolution. A {@link Tier#SILENT} price falls back to
     * {@link Tier#STANDARD}.
     */
    public Optional<BigDecimal> pricePerMillionTokens(Model model, Resolution resolution, Tier tier) {
        BigDecimal price = videoPrice(model, resolution, tier);
        if (price == null && tier == Tier.SILENT) {
            price = videoPrice(model, resolution, Tier.STANDARD);
        }
        return Optional.ofNullable(price);
    }

    private BigDecimal videoPrice(Model model, Resolution resolution, Tier tier) {
        BigDecimal price = resolution == null ? null : video.get(key(model, resolution.value(), tier));
        return price != null ? price : video.get(key(model, ANY_RESOLUTION, tier));
    }

    /** The price of a chat model (by exact id, else by the longest {@code prefix*} entry), if known. */
    public Optional<ChatPrice> chatPrice(Model model) {
        return Optional.ofNullable(IdLookup.find(chat, model.id()));
    }

    /** CNY per generated image of an image model, if known. */
    public Optional<BigDecimal> pricePerImage(Model model) {
        return Optional.ofNullable(IdLookup.find(images, model.id()));
    }

    /** What {@code flex} costs relative to online inference (0.5 by default). */
    public BigDecimal flexFactor() {
        return flexFactor;
    }

    private static String key(Model model, String resolution, Tier tier) {
        return model.id() + '|' + resolution + '|' + tier;
    }

    @Override
    public String toString() {
        return "PriceTable[video " + new TreeMap<>(video) + ", chat " + new TreeMap<>(chat) + ", images "
                + new TreeMap<>(images) + ", flex ×" + flexFactor + "]";
    }

    /** Builds a {@link PriceTable}. */
    public static final class Builder {
        private final Map<String, BigDecimal> video;
        private final Map<String, ChatPrice> chat;
        private final Map<String, BigDecimal> images;
        private BigDecimal flexFactor;

        private Builder(
                Map<String, BigDecimal> video,
                Map<String, ChatPrice> chat,
                Map<String, BigDecimal> images,
                BigDecimal flexFactor) {
            this.video = video;
            this.chat = chat;
            this.images = images;
            this.flexFactor = flexFactor;
        }

        /**
         * Sets the CNY per million tokens of {@code model} in {@code tier} for every resolution; prices set for
         * single resolutions of the model keep precedence.
         */
        public Builder price(Model model, Tier tier, BigDecimal cnyPerMillionTokens) {
            video.put(key(model, ANY_RESOLUTION, tier), nonNegative(cnyPerMillionTokens));
            return this;
        }

        /** Sets the CNY per million tokens of {@code model} in {@code tier} at one resolution. */
        public Builder price(Model model, Resolution resolution, Tier tier, BigDecimal cnyPerMillionTokens) {
            video.put(key(model, resolution.value(), tier), nonNegative(cnyPerMillionTokens));
            return this;
        }

        /**
         * Sets the price of a chat model; {@code model} may be a pattern ending in {@code *} that covers every id
         * starting with what precedes it.
         */
        public Builder chatPrice(Model model, ChatPrice price) {
            Objects.requireNonNull(price, "price");
            nonNegative(price.inputPerMillion());
            nonNegative(price.outputPerMillion());
            chat.put(model.id(), price);
            return this;
        }

        /** Sets the CNY per generated image of an image model. */
        public Builder imagePrice(Model model, BigDecimal cnyPerImage) {
            images.put(model.id(), nonNegative(cnyPerImage));
            return this;
        }

        /** Sets what flex costs relative to online inference. */
        public Builder flexFactor(BigDecimal factor) {
            this.flexFactor = nonNegative(factor);
            return this;
        }

        public PriceTable build() {
            return new PriceTable(this);
        }

        private static BigDecimal nonNegative(BigDecimal price) {
            Objects.requireNonNull(price, "price");
            if (price.signum() < 0) {
                throw new IllegalArgumentException("a price must not be negative: " + price);
            }
            return price;
        }
    }
}
