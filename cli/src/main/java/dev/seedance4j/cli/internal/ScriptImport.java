package dev.seedance4j.cli.internal;

import dev.seedance4j.client.Model;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.storyboard.AnswerFormat;
import dev.seedance4j.storyboard.Breakdown;
import dev.seedance4j.storyboard.ChatCall;
import dev.seedance4j.storyboard.DeterministicBreakdown;
import dev.seedance4j.storyboard.Diagnostic;
import dev.seedance4j.storyboard.LlmBreakdown;
import dev.seedance4j.storyboard.ScriptImporter;
import dev.seedance4j.storyboard.Severity;
import dev.seedance4j.storyboard.Storyboard;
import dev.seedance4j.studio.Charges;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What import and make share: the import itself, its report (diagnostics, shot table, chat calls) and exit code. */
final class ScriptImport {

    private ScriptImport() {}

    /**
     * The importer {@code options} ask for: deterministic, or with {@code --llm} through {@code client}, each chat
     * call recorded in {@code ledger} (the project's state folder).
     */
    static ScriptImporter importer(ImportOptions options, SeedanceClient client, Charges ledger) {
        int[] episodes = options.episodeRange();
        AnswerFormat format = options.format();
        Breakdown breakdown = new DeterministicBreakdown();
        if (options.llm != null) {
            LlmBreakdown.Builder llm =
                    LlmBreakdown.builder(client, Model.of(options.llm.strip())).ledger(ledger);
            if (format != null) llm.format(format);
            breakdown = llm.build();
        }
        return ScriptImporter.builder()
                .breakdown(breakdown)
                .episodes(episodes[0], episodes[1])
                .build();
    }

    /**
     * Imports {@code script} into {@code projectFile} and reports on {@code out}: diagnostics, the shot table, the
     * chat calls.
     *
     * @throws UserError exit code 2 when a diagnostic is fatal (nothing written, nothing spent)
     */
    static Storyboard run(ScriptImporter importer, Path script, Path projectFile, boolean isEmulator, PrintWriter out) {
        return report(importer, script, projectFile, isEmulator, out);
    }

    private static Storyboard report(
            ScriptImporter importer, Path script, Path projectFile, boolean isEmulator, PrintWriter out) {
        ScriptImporter.ImportResult result = importer.importScript(script, projectFile);
        Storyboard board = result.storyboard();
        List<Diagnostic> diagnostics = board.diagnostics();
        for (Diagnostic d : diagnostics) out.println(d);
        long fatal =
                diagnostics.stream().filter(d -> d.severity() == Severity.FATAL).count();
        if (!result.written()) {
            out.flush();
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "the script cannot be imported: " + fatal
                            + " fatal problem(s) above; nothing was written or spent");
        }
        out.print(board.toTable());
        long review = diagnostics.stream()
                .filter(d -> d.severity() == Severity.REVIEW)
                .count();
        out.println("wrote " + projectFile + (review == 0 ? "" : " (" + review + " line(s) need review, see above)"));
        if (board.chatCalls().isEmpty()) {
            out.println("nothing was spent (deterministic breakdown)");
        } else {
            long tokens = board.chatCalls().stream()
                    .mapToLong(c -> c.promptTokens() + c.completionTokens())
                    .sum();
            BigDecimal cny = board.chatCalls().stream()
                    .map(ChatCall::cny)
                    .flatMap(Optional::stream)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            out.println("chat: " + board.chatCalls().size() + " call(s), " + tokens + " tokens, "
                    + cny.toPlainString() + " CNY" + (isEmulator ? " (as if billed: emulator)" : "")
                    + ", in the project's ledger (seedance status)");
        }
        out.flush();
        return board;
    }
}
