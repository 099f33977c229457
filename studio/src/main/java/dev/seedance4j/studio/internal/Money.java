package dev.seedance4j.studio.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** CNY amounts as the store keeps them: whole millionths of a yuan, so that sums are exact. */
public final class Money {
    private Money() {}

    /** Millionths of a yuan, rounded half up. */
    public static long micros(BigDecimal cny) {
        return cny.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Yuan with at least two decimals and no trailing zeros beyond them. */
    public static BigDecimal cny(long micros) {
        BigDecimal yuan = BigDecimal.valueOf(micros).movePointLeft(6).stripTrailingZeros();
        return yuan.setScale(Math.max(2, yuan.scale()), RoundingMode.UNNECESSARY);
    }
}
