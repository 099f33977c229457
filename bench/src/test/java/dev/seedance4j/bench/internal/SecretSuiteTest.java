package dev.seedance4j.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSuiteTest {
    @TempDir
    Path dir;

    @Test
    void findsTheKeyAnywhereInAFileIncludingAcrossReadChunks() throws Exception {
        byte[] key = "sk-bench-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        for (int at : new int[] {0, 65_530, 65_536 - key.length, 200_000}) {
            byte[] content = new byte[at + key.length + 10];
            System.arraycopy(key, 0, content, at, key.length);
            Path file = Files.write(dir.resolve("f" + at), content);
            assertThat(SecretSuite.contains(file, key)).as("key at %d", at).isTrue();
        }
        Path almost = Files.writeString(dir.resolve("almost"), "sk-bench-0123456789abcde".repeat(5000));
        assertThat(SecretSuite.contains(almost, key)).isFalse();
        assertThat(SecretSuite.contains(Files.write(dir.resolve("empty"), new byte[0]), key))
                .isFalse();
    }
}
