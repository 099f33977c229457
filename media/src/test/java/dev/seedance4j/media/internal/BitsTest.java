package dev.seedance4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BitsTest {

    @Test
    void fieldsCrossByteBoundariesMostSignificantBitFirstAndTheLastByteIsPadded() {
        byte[] bytes = new BitWriter()
                .write(3, 0b101)
                .write(7, 0b1100110)
                .write(12, 0xABC)
                .write(1, 1)
                .toByteArray();

        // 101 1100110 101010111100 1 + 0 padding = 10111001 10101010 11110010
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("b9aaf2");
        BitReader in = new BitReader(bytes);
        assertThat(in.read(3)).isEqualTo(0b101);
        assertThat(in.read(7)).isEqualTo(0b1100110);
        assertThat(in.read(12)).isEqualTo(0xABC);
        assertThat(in.read(1)).isEqualTo(1);
        assertThat(in.bitsLeft()).isEqualTo(1);
        assertThatThrownBy(() -> in.read(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read 2 bits, only 1 are left");
    }

    @Test
    void aValueWiderThanItsFieldIsRefused() {
        assertThatThrownBy(() -> new BitWriter().write(3, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("8 does not fit in 3 bits");
        assertThat(new BitWriter().write(32, -1).toByteArray()).containsExactly(-1, -1, -1, -1);
        assertThat(new BitWriter().toByteArray()).isEmpty();
    }
}
