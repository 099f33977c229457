package dev.seedance4j.emulator.internal.genai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A model table as data: a text file whose first non-comment line names the columns and whose other lines are one
 * model each, columns separated by blanks ({@code #} starts a comment). The emulator ships one per API as a
 * resource; a user's file of the same shape adds models or replaces rows by id, so that a capability the contract
 * calls UNCERTAIN is a setting, not code.
 */
public final class ModelTable {

    /** One row: its source ("file:line") for error messages and its cells by column name. */
    public record Row(String source, Map<String, String> cells) {

        public String text(String column) {
            String value = cells.get(column);
            if (value == null) throw bad("has no column " + column);
            return value;
        }

        public long number(String column) {
            try {
                return Long.parseLong(text(column));
            } catch (NumberFormatException e) {
                throw bad("needs a whole number in column " + column + ", got " + text(column));
            }
        }

        public boolean yes(String column) {
            return switch (text(column).toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> true;
                case "no", "false" -> false;
                default -> throw bad("needs yes or no in column " + column + ", got " + text(column));
            };
        }

        /** A comma-separated set; {@code -} is the empty set. */
        public Set<String> set(String column) {
            String value = text(column);
            return value.equals("-") ? Set.of() : Set.of(value.split(","));
        }

        public IllegalArgumentException bad(String what) {
            return new IllegalArgumentException(source + ": the row " + what);
        }
    }

    private ModelTable() {}

    /** The resource table, then the user's file (if any) over it, parsed into models by id. */
    public static <M> Map<String, M> load(Class<?> owner, String resource, Path override, Function<Row, M> parse) {
        Map<String, M> models = new LinkedHashMap<>();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            for (Row row : rows(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource)) {
                models.put(row.text("id"), parse.apply(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (override != null) {
            String text;
            try {
                text = Files.readString(override, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the model table " + override + ": " + e.getMessage());
            }
            for (Row row : rows(text, override.toString())) models.put(row.text("id"), parse.apply(row));
        }
        return Map.copyOf(models);
    }

    static List<Row> rows(String text, String source) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.isEmpty()) continue;
                List<String> cells = List.of(content.split("\\s+"));
                if (header == null) {
                    header = cells;
                    if (!header.contains("id"))
                        throw new IllegalArgumentException(source + ":" + lineNumber + ": the header has no id column");
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new IllegalArgumentException(source + ":" + lineNumber + ": " + cells.size()
                            + " columns where the header has " + header.size() + " (" + String.join(" ", header)
                            + ")");
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) row.put(header.get(i), cells.get(i));
                rows.add(new Row(source + ":" + lineNumber, row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
