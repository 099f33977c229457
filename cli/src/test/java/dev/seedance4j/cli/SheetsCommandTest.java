package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seedance sheets} and the sheets in {@code plan}, on the embedded emulator, as a script sees them. */
class SheetsCommandTest {
    @TempDir
    Path dir;

    @Test
    void planShowsTheSheetsCostThenSheetsMakesThemAndPrintsWhereTheyAreAndAnUnknownNameIsAUsageError()
            throws Exception {
        Path project = dir.resolve("drama.yaml");
        Files.writeString(project, """
                title: 只有描述
                style: realistic
                defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "16:9", duration: 4 }
                characters:
                  lin: { description: 二十岁的女孩，短发 }
                scenes:
                  street: { description: 雨夜的老街, sheet: { size: 1K, seed: 3 } }
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: "@lin 走在 @street 上" }
                """);
        CliRun plan = CliRun.run("plan", project.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out())
                .contains("sheet", "lin", "street", "character", "scene", "0.2")
                .contains("warning: the sheet of lin is 'realistic'")
                .contains("seedance sheets drama.yaml --only lin --style anime");

        CliRun sheets = CliRun.run("sheets", project.toString(), "--emulator");
        assertThat(sheets.exitCode()).as(sheets.err() + sheets.out()).isZero();
        assertThat(sheets.out()).contains("lin", "street", "delivered", "sheets/lin-", "sheets/street-");

        CliRun again = CliRun.run("sheets", project.toString(), "--emulator", "--only", "lin", "--style", "anime");
        assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
        assertThat(again.out()).contains("lin").contains("-t2.").doesNotContain("street");

        CliRun status = CliRun.run("status", project.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("sheet", "lin", "delivered", "(sheets)");

        CliRun planJson = CliRun.run("plan", project.toString(), "--json");
        assertThat(planJson.out()).contains("\"sheets\"", "\"reused\" : true", "\"warnings\"");

        CliRun unknown = CliRun.run("sheets", project.toString(), "--emulator", "--only", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nobody' has no generated sheet");
    }

    @Test
    void aRealFaceRefusalPrintsTheRemedyCommandAndRunningItTurnsTheRunGreen() throws Exception {
        Path project = dir.resolve("drama.yaml");
        Files.writeString(project, """
                title: 写实
                style: realistic
                defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "16:9", duration: 4 }
                characters:
                  lin: { description: 二十岁的女孩，短发 }
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: "@lin 看向窗外" }
                """);
        CliRun refused = CliRun.run("run", project.toString(), "--emulator", "--no-progress", "--no-assemble");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        String said = refused.out() + refused.err();
        assertThat(said).contains("REAL_FACE", "virtual portrait library", "last 30 days");
        var command =
                java.util.regex.Pattern.compile("`(seedance sheets [^`]+)`").matcher(said);
        assertThat(command.find()).as(said).isTrue();
        assertThat(command.group(1)).isEqualTo("seedance sheets drama.yaml --only lin --style anime");

        // the printed command, as a user types it (the project path as given to run)
        String[] remedy = command.group(1)
                .replace("drama.yaml", project.toString())
                .substring("seedance ".length())
                .split(" ");
        String[] withEmulator = java.util.Arrays.copyOf(remedy, remedy.length + 1);
        withEmulator[remedy.length] = "--emulator";
        CliRun applied = CliRun.run(withEmulator);
        assertThat(applied.exitCode()).as(applied.err() + applied.out()).isZero();

        CliRun green = CliRun.run("run", project.toString(), "--emulator", "--no-progress", "--no-assemble");
        assertThat(green.exitCode()).as(green.err() + green.out()).isZero();
    }
}
