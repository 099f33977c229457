package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCpuModelFromCpuinfo() throws Exception {
        Path cpuinfo = Files.writeString(
                dir.resolve("cpuinfo"),
                "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n");
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("AMD EPYC 7B13 64-Core Processor");
        assertThat(Machine.cpuModel(dir.resolve("missing"))).isEqualTo("unknown");
    }

    @Test
    void describesThisMachine() {
        Machine m = Machine.current();
        assertThat(m.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.summary()).contains(m.cores() + " cores").contains("Java " + m.javaVersion());
    }
}
