package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_LEAST;
import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * R3: the {@link MalformedCorpus} against a fresh emulator: how many cases, how many were not refused with an
 * error that names what is wrong, and how many tasks they created (the goal: none). Every message goes into
 * {@code r3-corpus.txt} in the work folder and into the figure's note.
 */
public final class CorpusSuite implements Suite {

    @Override
    public String id() {
        return "R3";
    }

    @Override
    public List<String> figureIds() {
        return List.of("R3a", "R3b", "R3c");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path folder = context.directory("r3-corpus");
        MalformedCorpus.writeAssets(folder);
        List<MalformedCorpus.Case> cases = MalformedCorpus.cases();
        List<MalformedCorpus.Outcome> outcomes = new ArrayList<>();
        long creates;
        try (Emulator emulator =
                        Emulator.builder().apiKeys(context.apiKey()).build().start();
                SeedanceClient client = SeedanceClient.builder()
                        .apiKey(context.apiKey())
                        .baseUrl(emulator.baseUrl())
                        .build()) {
            RawApi raw = new RawApi(RawApi.newHttpClient(), emulator.baseUrl(), context.apiKey());
            for (int i = 0; i < cases.size(); i++)
                outcomes.add(MalformedCorpus.run(cases.get(i), folder, client, raw, i));
            creates = emulator.stats().creates();
        }
        String report = outcomes.stream()
                .map(o -> (o.refused() ? "refused " : "NOT REFUSED ")
                        + o.testCase().kind() + " " + o.testCase().name() + " (expects '"
                        + o.testCase().expected() + "'): " + o.message().replace("\n", " / "))
                .collect(Collectors.joining("\n"));
        Files.writeString(context.workDirectory().resolve("r3-corpus.txt"), report + "\n");
        List<MalformedCorpus.Outcome> unclear =
                outcomes.stream().filter(o -> !o.refused()).toList();
        long projects = cases.stream()
                .filter(c -> c.kind() == MalformedCorpus.Kind.PROJECT)
                .count();
        long requests = cases.stream()
                .filter(c -> c.kind() == MalformedCorpus.Kind.REQUEST)
                .count();
        context.emit(Figure.of(
                        "R3a",
                        "malformed-cases",
                        cases.size(),
                        "cases",
                        projects + " projects through the studio, "
                                + requests + " requests through the client, " + (cases.size() - projects - requests)
                                + " bodies posted to the emulator")
                .withGoal(AT_LEAST, 30));
        context.emit(Figure.of(
                        "R3b",
                        "not-refused-clearly",
                        unclear.size(),
                        "cases",
                        "cases accepted, or refused with an error that does not name the field or rule: "
                                + unclear.stream()
                                        .map(o -> o.testCase().name() + " -> " + o.message())
                                        .toList() + "; every message:\n" + report)
                .withGoal(EQUAL, 0));
        context.emit(Figure.of(
                        "R3c",
                        "malformed-creates",
                        creates,
                        "creates",
                        "tasks the emulator created while the corpus ran")
                .withGoal(EQUAL, 0));
    }
}
