package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.client.Media;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Characters and scenes described in words only: sheets made with Seedream, used as references, reused, remade. */
class SheetsTest {
    @TempDir
    Path dir;

    static String yaml(String linDescription, String style) {
        return """
        title: 只有文字的剧本
        style: %s
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false, seed: 5 }
        characters:
          lin: { description: "%s" }
          chen: { description: 三十岁的男人，西装，戴眼镜 }
          wang: { description: 白发老人，拄着拐杖, sheet: { size: 1K, seed: 9 } }
        scenes:
          office: { description: 高楼里的开放式办公室，落地窗 }
          street: { description: 雨夜的老街，霓虹灯 }
        episodes:
          - id: ep01
            shots:
              - { id: s01, prompt: "@lin 走进 @office" }
              - { id: s02, prompt: "@chen 看着 @lin" }
              - { id: s03, prompt: "@street 空无一人" }
          - id: ep02
            shots:
              - { id: s01, prompt: "@wang 走在 @street 上" }
              - { id: s02, prompt: "@chen 在 @office 打电话" }
        """.formatted(style, StudioFixtures.MODEL, linDescription);
    }

    @Test
    void describedCharactersAndScenesGetSheetsThatEveryShotUsesAndOnlyAnEditedOneIsMadeAgain() throws Exception {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), yaml("二十岁的女孩，短发，白衬衫", "anime"));
        Path out = dir.resolve("out");
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            List<String> events = new ArrayList<>();
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                Plan plan = studio.plan();
                assertThat(plan.sheets())
                        .extracting(Plan.SheetRow::name)
                        .containsExactly("lin", "chen", "wang", "office", "street");
                assertThat(plan.sheets()).noneMatch(Plan.SheetRow::reused);
                assertThat(plan.warnings()).isEmpty();
                assertThat(plan.toTable()).contains("lin").contains("0.2");
                RunReport report = studio.run(e -> events.add(e.toString()));
                assertThat(report.failures()).as(report.shots() + "\n" + events).isEmpty();
                assertThat(report.delivered()).isEqualTo(5);
                List<TeamView.Claim> during = new ArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean looked = new java.util.concurrent.atomic.AtomicBoolean();
                assertThat(studio.assemble(AssemblySettings.defaults(), (e, s, f) -> {
                                    if (looked.compareAndSet(false, true)) {
                                        try (StudioView view = studio.view()) {
                                            during.addAll(view.team(java.time.Instant.now())
                                                    .claims());
                                        }
                                    }
                                })
                                .episodes())
                        .hasSize(2);
                // while it ran, who holds what listed the episodes it claimed, held by the assembly's own heartbeat
                assertThat(during)
                        .extracting(TeamView.Claim::kind, TeamView.Claim::subject)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("assembly", "ep01"),
                                org.assertj.core.groups.Tuple.tuple("assembly", "ep02"));
                assertThat(during)
                        .allMatch(c -> c.worker().startsWith("assembly/"))
                        .noneMatch(TeamView.Claim::expired);
                try (StudioView view = studio.view()) {
                    assertThat(view.team(java.time.Instant.now()).claims()).isEmpty();
                }
            }
            assertThat(harness.emulator.stats().imagesGenerated()).isEqualTo(5);
            assertThat(harness.emulator.stats().creates()).isEqualTo(5);
            assertThat(events).anyMatch(e -> e.startsWith("SHEET") && e.contains("lin"));
            Map<String, String> sheets = sheetHashes(file, harness, out);
            assertThat(sheets).containsOnlyKeys("lin", "chen", "wang", "office", "street");
            // every shot that mentions a character or scene sends that one's sheet as a reference image
            assertThat(referencesOf(out, "ep01", "s01"))
                    .containsExactlyInAnyOrder(sheets.get("lin"), sheets.get("office"));
            assertThat(referencesOf(out, "ep01", "s02"))
                    .containsExactlyInAnyOrder(sheets.get("chen"), sheets.get("lin"));
            assertThat(referencesOf(out, "ep01", "s03")).containsExactly(sheets.get("street"));
            assertThat(referencesOf(out, "ep02", "s01"))
                    .containsExactlyInAnyOrder(sheets.get("wang"), sheets.get("street"));
            assertThat(referencesOf(out, "ep02", "s02"))
                    .containsExactlyInAnyOrder(sheets.get("chen"), sheets.get("office"));
            assertThat(Files.isRegularFile(out.resolve("episodes/ep01.mp4"))).isTrue();
            assertThat(Ffmpeg.locate().probe(out.resolve("episodes/ep02.mp4")).durationSeconds())
                    .isGreaterThan(7);

            // the ledger: five images billed once each, in the sheets line, beside the videos
            try (StudioView view = StudioView.open(out)) {
                Ledger line = view.ledger().shared().get("sheets");
                assertThat(line.billedImages()).isEqualTo(5);
                assertThat(line.billedCny()).isEqualByComparingTo("1.00");
                // videos and images together: what the service billed (each video's cost is rounded to the fen)
                assertThat(view.ledger().project().billedCny())
                        .isCloseTo(
                                harness.emulator.stats().cnyBilled(),
                                org.assertj.core.data.Offset.offset(new java.math.BigDecimal("0.01")));
                assertThat(view.ledger().kinds().get("image").billedCny()).isEqualByComparingTo("1.00");
            }

            // the read side shows the same sheets from the state alone (a board needs no project file)
            try (StudioView view = StudioView.open(out)) {
                assertThat(view.sheets())
                        .extracting(SheetView::name, SheetView::state)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("lin", "delivered"),
                                org.assertj.core.groups.Tuple.tuple("chen", "delivered"),
                                org.assertj.core.groups.Tuple.tuple("wang", "delivered"),
                                org.assertj.core.groups.Tuple.tuple("office", "delivered"),
                                org.assertj.core.groups.Tuple.tuple("street", "delivered"));
                assertThat(view.charges()).hasSize(5).allMatch(c -> c.status().equals("billed"));
            }

            // a rerun makes nothing
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                assertThat(studio.plan().sheets()).allMatch(Plan.SheetRow::reused);
                RunReport again = studio.run(RunListener.none());
                assertThat(again.reused()).isEqualTo(5);
                assertThat(again.created()).isZero();
            }
            assertThat(harness.emulator.stats().imagesGenerated()).isEqualTo(5);
            assertThat(harness.emulator.stats().creates()).isEqualTo(5);

            // editing lin's description: exactly one new sheet, and only lin's two shots made again
            TestFiles.write(file, yaml("二十岁的女孩，长发，红裙子", "anime"));
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                RunReport edited = studio.run(RunListener.none());
                assertThat(edited.failures()).isEmpty();
                assertThat(edited.shots())
                        .filteredOn(o -> !o.reused())
                        .extracting(o -> o.shot().toString())
                        .containsExactlyInAnyOrder("ep01/s01", "ep01/s02");
            }
            assertThat(harness.emulator.stats().imagesGenerated()).isEqualTo(6);
            assertThat(harness.emulator.stats().creates()).isEqualTo(7);
            Map<String, String> after = sheetHashes(file, harness, out);
            assertThat(after.get("lin")).isNotEqualTo(sheets.get("lin"));
            after.forEach((name, hash) -> {
                if (!name.equals("lin")) assertThat(hash).as(name).isEqualTo(sheets.get(name));
            });
            assertThat(referencesOf(out, "ep01", "s02")).contains(after.get("lin"));

            // regen of a sheet: a new take, picked; the next run remakes the shots that use it (and only them)
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                List<SheetView> made = studio.makeSheets(Set.of("wang"), true, 77L, null, RunListener.none());
                assertThat(made).singleElement().satisfies(v -> {
                    assertThat(v.take()).isEqualTo(2);
                    assertThat(v.takes()).isEqualTo(2);
                });
                RunReport remade = studio.run(RunListener.none());
                assertThat(remade.shots())
                        .filteredOn(o -> !o.reused())
                        .extracting(o -> o.shot().toString())
                        .containsExactly("ep02/s01");
                // pick the first take again: its shot is made again with it
                studio.pickSheet("wang", 1);
                assertThat(studio.sheets())
                        .filteredOn(v -> v.name().equals("wang"))
                        .singleElement()
                        .extracting(SheetView::take)
                        .isEqualTo(1);
            }
            assertThat(harness.emulator.stats().imagesGenerated()).isEqualTo(7);
        }
    }

    @Test
    void aRealisticSheetRefusedAsARealFaceIsReportedWithTheRemediesAndTheRemedyCommandTurnsTheRunGreen()
            throws Exception {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 写实
        style: realistic
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        characters:
          lin: { description: 二十岁的女孩，短发 }
        episodes:
          - id: ep01
            shots:
              - { id: s01, prompt: "@lin 看向窗外" }
              - { id: s02, prompt: "窗外的城市" }
        """.formatted(StudioFixtures.MODEL));
        Path out = dir.resolve("out");
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none());
                Studio studio = Studio.open(file, harness.options(out).build())) {
            // plan warns before anything is spent
            Plan plan = studio.plan();
            assertThat(plan.warnings())
                    .singleElement()
                    .asString()
                    .contains("lin", "real face", "seedance sheets drama.yaml --only lin --style anime", "asset://");
            assertThat(harness.emulator.stats().imagesGenerated()).isZero();

            RunReport refused = studio.run(RunListener.none());
            RunReport.ShotOutcome s01 = refused.shot(new ShotKey("ep01", "s01")).orElseThrow();
            assertThat(s01.reason()).isEqualTo(ReasonCode.REAL_FACE);
            assertThat(s01.message())
                    .contains("PrivacyInformation")
                    .contains("seedance sheets drama.yaml --only lin --style anime")
                    .contains("virtual portrait library")
                    .contains("last 30 days");
            assertThat(refused.shot(new ShotKey("ep01", "s02")).orElseThrow().delivered())
                    .isTrue();

            // the remedy command: a stylised take of the sheet, picked; the next run is green
            List<SheetView> sheets = studio.makeSheets(Set.of("lin"), true, null, "anime", RunListener.none());
            assertThat(sheets).singleElement().satisfies(v -> {
                assertThat(v.style()).isEqualTo("anime");
                assertThat(v.take()).isEqualTo(2);
            });
            RunReport green = studio.run(RunListener.none());
            assertThat(green.failures()).as(green.shots().toString()).isEmpty();
            assertThat(green.shot(new ShotKey("ep01", "s02")).orElseThrow().reused())
                    .isTrue();
        }
    }

    /** Each sheet's used image, as the data URL's hash the request records. */
    private static Map<String, String> sheetHashes(Path file, EmulatorHarness harness, Path out) {
        Map<String, String> hashes = new TreeMap<>();
        try (Studio studio = Studio.open(file, harness.options(out).build())) {
            for (SheetView v : studio.sheets()) {
                assertThat(v.state()).as(v.name()).isEqualTo("delivered");
                assertThat(v.image()).startsWith(out.resolve("sheets"));
                hashes.put(v.name(), Hashing.sha256(Media.file(v.image()).url().getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return hashes;
    }

    /** The hashes of the inline reference images the newest task of a shot sent. */
    static List<String> referencesOf(Path out, String episode, String shot) {
        try (StudioStore store = StudioStore.openSqlite(out.resolve(Studio.DATABASE))) {
            List<TaskRecord> tasks = store.tasksOf(new ShotKey(episode, shot));
            String json = tasks.get(tasks.size() - 1).requestJson();
            List<String> refs = new ArrayList<>();
            var m = java.util.regex.Pattern.compile("sha256=([0-9a-f]{64})").matcher(json);
            while (m.find()) {
                refs.add(m.group(1));
            }
            return refs;
        }
    }
}
