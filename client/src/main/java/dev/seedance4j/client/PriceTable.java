package dev.seedance4j.client;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CNY per million tokens, per model and price tier, for online inference. The defaults are the contract's §7.2:
 * Seedance 2.0 46 (28 with video input), 2.0 fast 37 (22), 1.5 pro 16 (8 silent), 1.0 pro 15, 1.0 pro fast 4.2,
 * 1.0 lite 10; {@code flex} costs half. Prices change: override what your contract says.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults().toBuilder()
 *     .price(Model.SEEDANCE_2_0, PriceTable.Tier.STANDARD, new BigDecimal("51"))   // e.g. a 1080p price
 *     .price(Model.of("ep-20260101-abcde"), PriceTable.Tier.STANDARD, new BigDecimal("46"))
 *     .build();
 * }</pre>
 */
public final class PriceTable {
    /** Which price of a model applies to a request. */
    public enum Tier {
        /** No video input (2.0 series); with audio (1.5 pro); the only price of 1.0 models. */
        STANDARD,
        /** Seedance 2.0 series with any {@code video_url} in the content. */
        WITH_VIDEO_INPUT,
        /** Seedance 1.5 pro with {@code generate_audio: false}. */
        SILENT
    }

    private static final PriceTable DEFAULTS = builder()
            .price(Model.SEEDANCE_2_0, Tier.STANDARD, new BigDecimal("46"))
            .price(Model.SEEDANCE_2_0, Tier.WITH_VIDEO_INPUT, new BigDecimal("28"))
            .price(Model.SEEDANCE_2_0_FAST, Tier.STANDARD, new BigDecimal("37"))
            .price(Model.SEEDANCE_2_0_FAST, Tier.WITH_VIDEO_INPUT, new BigDecimal("22"))
            .price(Model.SEEDANCE_1_5_PRO, Tier.STANDARD, new BigDecimal("16"))
            .price(Model.SEEDANCE_1_5_PRO, Tier.SILENT, new BigDecimal("8"))
            .price(Model.SEEDANCE_1_0_PRO, Tier.STANDARD, new BigDecimal("15"))
            .price(Model.SEEDANCE_1_0_PRO_FAST, Tier.STANDARD, new BigDecimal("4.2"))
            .price(Model.SEEDANCE_1_0_LITE_T2V, Tier.STANDARD, new BigDecimal("10"))
            .price(Model.SEEDANCE_1_0_LITE_I2V, Tier.STANDARD, new BigDecimal("10"))
            .build();

    private final Map<String, BigDecimal> prices;
    private final BigDecimal flexFactor;

    private PriceTable(Map<String, BigDecimal> prices, BigDecimal flexFactor) {
        this.prices = Map.copyOf(prices);
        this.flexFactor = flexFactor;
    }

    /** The prices of the contract (§7.2). */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    /** An empty table (flex factor 0.5). */
    public static Builder builder() {
        return new Builder(new HashMap<>(), new BigDecimal("0.5"));
    }

    /** A builder starting from this table's prices. */
    public Builder toBuilder() {
        return new Builder(new HashMap<>(prices), flexFactor);
    }

    /**
     * CNY per million tokens of {@code model} in {@code tier}. A {@link Tier#SILENT} price falls back to
     * {@link Tier#STANDARD} when the table has none.
     */
    public Optional<BigDecimal> pricePerMillionTokens(Model model, Tier tier) {
        BigDecimal price = prices.get(key(model, tier));
        if (price == null && tier == Tier.SILENT) {
            price = prices.get(key(model, Tier.STANDARD));
        }
        return Optional.ofNullable(price);
    }

    /** What {@code flex} costs relative to online inference (0.5 by default). */
    public BigDecimal flexFactor() {
        return flexFactor;
    }

    private static String key(Model model, Tier tier) {
        return model.id() + '|' + tier;
    }

    @Override
    public String toString() {
        return "PriceTable" + new java.util.TreeMap<>(prices) + ", flex ×" + flexFactor;
    }

    /** Builds a {@link PriceTable}. */
    public static final class Builder {
        private final Map<String, BigDecimal> prices;
        private BigDecimal flexFactor;

        private Builder(Map<String, BigDecimal> prices, BigDecimal flexFactor) {
            this.prices = prices;
            this.flexFactor = flexFactor;
        }

        /** Sets the CNY per million tokens of {@code model} in {@code tier}. */
        public Builder price(Model model, Tier tier, BigDecimal cnyPerMillionTokens) {
            Objects.requireNonNull(cnyPerMillionTokens, "price");
            if (cnyPerMillionTokens.signum() < 0) {
                throw new IllegalArgumentException("price must not be negative: " + cnyPerMillionTokens);
            }
            prices.put(key(model, tier), cnyPerMillionTokens);
            return this;
        }

        /** Sets what flex costs relative to online inference. */
        public Builder flexFactor(BigDecimal factor) {
            this.flexFactor = Objects.requireNonNull(factor, "flex factor");
            return this;
        }

        public PriceTable build() {
            return new PriceTable(prices, flexFactor);
        }
    }
}
