package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.emulator.Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several API keys pooled from the command line ({@code --keys} / {@code SEEDANCE_KEYS}: names of environment
 * variables with each key's limits), against an emulator that accepts exactly those keys.
 */
class KeyPoolCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // the emulator accepts only these; any other key (or none) is answered 401
    private static final String KEY_ONE = "sk-pool-one-4c1d7e9a";
    private static final String KEY_TWO = "sk-pool-two-90b2f3c8";

    static Emulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder()
                .port(0)
                .timeScale(0.002)
                .concurrency(50)
                .apiKeys(KEY_ONE, KEY_TWO)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private Path project() throws Exception {
        StringBuilder shots = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            shots.append("      - { id: s0")
                    .append(i)
                    .append(", prompt: \"shot ")
                    .append(i)
                    .append("\", seed: ");
            shots.append(i).append(" }\n");
        }
        return Files.writeString(dir.resolve("pool.yaml"), """
                title: pool
                defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
                episodes:
                  - id: ep01
                    shots:
                """ + shots);
    }

    @Test
    void twoKeysNamedByTheirVariablesShareTheShotsEachWithinItsLimitsAndNeitherIsEverShown() throws Exception {
        Path project = project();
        Path out = dir.resolve("out");
        emulator.reset();
        // in a process of its own with every log on, so that its whole output can be searched for the keys
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                SeedanceCli.class.getName(),
                "run",
                project.toString(),
                "--base-url",
                emulator.baseUrl(),
                "--keys",
                "KEY_ONE:1, KEY_TWO:2:600",
                "--rpm",
                "600",
                "--out",
                out.toString(),
                "--no-assemble",
                "--json"));
        ProcessBuilder child = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("run.out").toFile())
                .redirectError(dir.resolve("run.err").toFile());
        child.environment().remove("ARK_API_KEY");
        child.environment().remove("SEEDANCE_KEYS");
        child.environment().put("KEY_ONE", KEY_ONE);
        child.environment().put("KEY_TWO", KEY_TWO);
        child.environment().put("SEEDANCE_LOG_LEVEL", "debug");
        Process run = child.start();
        assertThat(run.waitFor(4, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(dir.resolve("run.out")) + Files.readString(dir.resolve("run.err"));
        assertThat(run.exitValue()).as(printed).isZero();
        assertThat(printed).as("debug logs were on").contains("DEBUG");

        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("run.out")));
        assertThat(summary.get("delivered").asInt()).isEqualTo(6);
        assertThat(emulator.stats().creates()).as("each shot created once").isEqualTo(6);
        assertThat(emulator.stats().peakRunning())
                .as("never more in flight than the two keys' limits together")
                .isLessThanOrEqualTo(1 + 2);

        // each key has its limits (a limit left out is --concurrency's 10 or --rpm's 600), and both created shots
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("studio.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT k.label, k.max_in_flight, k.requests_per_minute,
                               (SELECT COUNT(*) FROM tasks t WHERE t.key_id = k.key_id)
                        FROM api_keys k ORDER BY k.label""")) {
            while (rs.next()) {
                byKey.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        assertThat(byKey).containsOnlyKeys("KEY_ONE", "KEY_TWO");
        assertThat(byKey.get("KEY_ONE").subList(0, 2)).containsExactly(1L, 600L);
        assertThat(byKey.get("KEY_TWO").subList(0, 2)).containsExactly(2L, 600L);
        assertThat(byKey.get("KEY_ONE").get(2)).isPositive();
        assertThat(byKey.get("KEY_TWO").get(2)).isPositive();
        assertThat(byKey.get("KEY_ONE").get(2) + byKey.get("KEY_TWO").get(2)).isEqualTo(6);

        // status names the keys by their variables, with their limits
        CliRun status = CliRun.run("status", project.toString(), "--out", out.toString(), "--json");
        assertThat(status.exitCode()).as(status.all()).isZero();
        JsonNode keys = JSON.readTree(status.out()).get("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("key").asText()).isEqualTo("KEY_ONE");
        assertThat(keys.get(0).get("max_in_flight").asInt()).isEqualTo(1);
        assertThat(keys.get(1).get("key").asText()).isEqualTo("KEY_TWO");
        assertThat(keys.get(1).get("max_in_flight").asInt()).isEqualTo(2);
        assertThat(keys.get(1).get("in_flight").asInt()).isZero();
        CliRun text = CliRun.run("status", project.toString(), "--out", out.toString());

        // neither key anywhere: output, logs, status, the state database and every other file made
        for (String key : List.of(KEY_ONE, KEY_TWO)) {
            assertThat(printed + status.all() + text.all()).doesNotContain(key);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .as(file.toString())
                            .doesNotContain(key);
                }
            }
        }
    }

    @Test
    void aKeysSettingThatCannotBeUsedIsRefusedNamingTheEntryFieldAndFlagBeforeAnythingIsSent() throws Exception {
        Path project = project();
        emulator.reset();
        Map<String, String> env = Map.of("KEY_ONE", KEY_ONE, "KEY_TWO", KEY_TWO);
        String base = emulator.baseUrl();

        CliRun unset = CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", "KEY_ONE,KEY_THREE");
        assertThat(unset.exitCode()).isEqualTo(4);
        assertThat(unset.err()).contains("--keys names KEY_THREE, which is not set", "export KEY_THREE=");

        CliRun badLimit =
                CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", "KEY_ONE:10,KEY_TWO:0");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--keys: KEY_TWO: concurrency must be a whole number of at least 1");

        CliRun badRpm = CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", "KEY_ONE:10:fast");
        assertThat(badRpm.err()).contains("--keys: KEY_ONE: rpm must be a whole number of at least 1");

        // a key pasted where a name belongs is refused without being repeated
        CliRun pasted = CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", KEY_ONE + ":5");
        assertThat(pasted.exitCode()).isEqualTo(2);
        assertThat(pasted.err())
                .contains("--keys: entry 1", "never a key itself")
                .doesNotContain(KEY_ONE);
        CliRun afterName =
                CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", "KEY_ONE:" + KEY_TWO);
        assertThat(afterName.err()).contains("KEY_ONE: concurrency").doesNotContain(KEY_TWO);

        CliRun twice = CliRun.run(
                Map.of("KEY_ONE", KEY_ONE, "ALSO_ONE", KEY_ONE),
                "run",
                project.toString(),
                "--base-url",
                base,
                "--keys",
                "KEY_ONE,ALSO_ONE");
        assertThat(twice.err())
                .contains("KEY_ONE and ALSO_ONE hold the same key")
                .doesNotContain(KEY_ONE);

        CliRun empty = CliRun.run(env, "run", project.toString(), "--base-url", base, "--keys", "KEY_ONE,,KEY_TWO");
        assertThat(empty.err()).contains("--keys: entry 2 is empty");

        CliRun fromVariable = CliRun.run(
                Map.of("KEY_ONE", KEY_ONE, "SEEDANCE_KEYS", "KEY_ONE:1:2:3"),
                "run",
                project.toString(),
                "--base-url",
                base);
        assertThat(fromVariable.exitCode()).isEqualTo(4);
        assertThat(fromVariable.err()).contains("SEEDANCE_KEYS: KEY_ONE has 4 fields");

        CliRun withEmulator = CliRun.run(env, "run", project.toString(), "--emulator", "--keys", "KEY_ONE");
        assertThat(withEmulator.exitCode()).isEqualTo(2);
        assertThat(withEmulator.err()).contains("--keys", "--emulator");

        assertThat(emulator.stats().requestsByEndpoint().getOrDefault("create", 0L))
                .as("nothing was sent")
                .isZero();
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
