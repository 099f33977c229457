package dev.seedance4j.cli.internal;

import dev.seedance4j.board.Board;
import dev.seedance4j.studio.Studio;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/**
 * Where the review board listens: {@code --port} and {@code --bind}. A mixin, so that every command that shows a
 * board ({@code serve}, and {@code run --serve} through {@link LiveBoardOption}) takes the same flags.
 */
public final class BoardOptions {
    @Option(
            names = "--port",
            paramLabel = "P",
            description = "Port of the board (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8765;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Address the board listens on (default: ${DEFAULT-VALUE}). Any other address than loopback"
                    + " needs the token printed at start on every request.")
    String bind = "127.0.0.1";

    /** An IP address (or {@code localhost}); names are not looked up, so a typo never waits on DNS. */
    static InetAddress address(String bind) {
        String usage = "--bind " + bind + " is not an IP address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1)";
        boolean v4 = bind.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(bind.split("\\.")).allMatch(p -> Integer.parseInt(p) <= 255);
        if (!bind.equals("localhost") && !v4 && !bind.contains(":")) {
            throw new UserError(ExitCodes.BAD_INPUT, usage);
        }
        try {
            return bind.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError(ExitCodes.BAD_INPUT, usage);
        }
    }

    /** Checks the flags before anything is started. */
    public void check() {
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCodes.BAD_INPUT, "--port must be 0 to 65535, was " + port);
        }
        address(bind);
    }

    /** Starts the board over {@code studio} and prints its address (and, off loopback, its token, this once). */
    public Board start(Studio studio, PrintWriter out) {
        check();
        InetAddress address = address(bind);
        Board board;
        try {
            board = Board.builder(studio).bind(address).port(port).build().start();
        } catch (RuntimeException e) {
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                            + "); choose another --port or --bind");
        }
        out.println("board: " + board.uri());
        board.token().ifPresent(t -> {
            out.println("board token (shown once; every request needs it): " + t);
            out.println("open: " + board.openUri());
        });
        out.flush();
        return board;
    }
}
