package dev.seedance4j.cli.internal;

import dev.seedance4j.board.Board;
import dev.seedance4j.studio.Studio;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --serve [--port P] [--bind ADDR]}: a command that works on a project shows it live on the board. */
public final class LiveBoardOption {
    @Option(names = "--serve", description = "Show the work live on the review board while it runs.")
    boolean serve;

    @Mixin
    BoardOptions board;

    /** Checks the board's flags (when {@code --serve} is given) before anything is started. */
    public void check() {
        if (serve) board.check();
    }

    /** The board, started when {@code --serve} was given. */
    public Board startIfAsked(Studio studio, PrintWriter out) {
        return serve ? board.start(studio, out) : null;
    }
}
