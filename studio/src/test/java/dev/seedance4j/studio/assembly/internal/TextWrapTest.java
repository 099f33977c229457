package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void cjkCharactersCountDouble() {
        assertThat(TextWrap.wrap("一二三四五六七八", 8)).isEqualTo("一二三四\n五六七八");
    }

    @Test
    void latinTextBreaksAtSpaces() {
        assertThat(TextWrap.wrap("this time I will not lose", 12)).isEqualTo("this time I\nwill not\nlose");
    }

    @Test
    void shortTextIsLeftAlone() {
        assertThat(TextWrap.wrap("短句", 20)).isEqualTo("短句");
    }
}
