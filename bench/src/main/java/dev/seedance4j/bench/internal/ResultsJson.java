package dev.seedance4j.bench.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.bench.BenchReport;
import dev.seedance4j.bench.Figure;
import dev.seedance4j.bench.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The JSON form of a {@link BenchReport}: the machine, then one object per figure with its printed line. */
public final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    public static ObjectNode toJson(BenchReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mode", report.quick() ? "quick" : "full");
        root.put("started", report.started().toString());
        root.put("elapsed_seconds", report.elapsed().toMillis() / 1000.0);
        Machine m = report.machine();
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", m.cores());
        machine.put("memory_bytes", m.memoryBytes());
        machine.put("max_heap_bytes", m.maxHeapBytes());
        machine.put("os", m.os());
        machine.put("java_version", m.javaVersion());
        machine.put("cpu_model", m.cpuModel());
        machine.put("load_average", m.loadAverage());
        ArrayNode figures = root.putArray("figures");
        for (Figure f : report.figures()) {
            ObjectNode o = figures.addObject();
            o.put("id", f.id());
            o.put("name", f.name());
            o.put("value", f.value());
            o.put("unit", f.unit());
            if (f.baseline() != null) {
                ObjectNode b = o.putObject("baseline");
                b.put("label", f.baseline().label());
                b.put("value", f.baseline().value());
                b.put("ratio", f.ratio());
            }
            if (f.goal() != null) {
                ObjectNode g = o.putObject("goal");
                g.put("op", f.goal().op().symbol());
                g.put("target", f.goal().target());
                g.put("met", f.met());
            }
            o.put("note", f.note());
            o.put("line", f.line());
        }
        ArrayNode failures = root.putArray("failures");
        report.failures().forEach(failures::add);
        root.put("passed", report.passed());
        return root;
    }

    /** Writes atomically (temporary file, then move), so a reader never sees half a file. */
    public static void write(BenchReport report, Path file) {
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), toJson(report));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
