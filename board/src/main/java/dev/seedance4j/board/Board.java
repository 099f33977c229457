package dev.seedance4j.board;

import dev.seedance4j.board.internal.ActionLane;
import dev.seedance4j.board.internal.BoardServer;
import dev.seedance4j.studio.Studio;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The review board: a project's shots in a browser, live, playable and regenerable, over the state of a
 * {@link Studio}. Every action goes through the studio's own API (the same as the {@code seedance} command), one at
 * a time, and a shot already being regenerated is not regenerated again until that take is settled.
 *
 * <pre>{@code
 * try (Studio studio = Studio.open(Path.of("drama.yaml"), options);
 *      Board board = Board.builder(studio).port(8080).build().start()) {
 *   System.out.println("board at " + board.uri());
 *   board.act("run", () -> studio.run(RunListener.none())); // the page follows the run live
 * }
 * }</pre>
 *
 * <p>Bound to 127.0.0.1 unless told otherwise; on any other address every request needs {@link #token()}, which is
 * made at start (or given) and never written anywhere by the board.
 */
public final class Board implements AutoCloseable {
    private final Studio studio;
    private final InetAddress bind;
    private final int port;
    private final Optional<String> token;
    private final ActionLane lane;
    private BoardServer server;

    private Board(Builder b) {
        this.studio = b.studio;
        this.bind = b.bind;
        this.port = b.port;
        this.token =
                b.bind.isLoopbackAddress() ? Optional.empty() : Optional.of(b.token == null ? newToken() : b.token);
        this.lane = new ActionLane();
    }

    public static Builder builder(Studio studio) {
        return new Builder(studio);
    }

    /** Starts serving; returns this board. */
    public Board start() {
        server = BoardServer.start(studio, lane, bind, port, token);
        return this;
    }

    /** The board's address (without the token). */
    public URI uri() {
        String host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The address to open in a browser: with {@code ?token=...} when the board needs one. */
    public URI openUri() {
        return token.map(t -> URI.create(uri() + "?token=" + t)).orElse(uri());
    }

    /** The port served on (the one chosen by the system when 0 was asked). */
    public int port() {
        return server.port();
    }

    /** The token every request needs: present when the board is bound to an address other than loopback. */
    public Optional<String> token() {
        return token;
    }

    /**
     * Runs {@code work} on the board's action lane (where the board's own actions run, one at a time, since a
     * {@link Studio} takes one call at a time) and waits for it; the page shows it as the current action. Use it for a
     * run the board should show live.
     */
    public <T> T act(String label, Supplier<T> work) {
        try {
            return lane.call(label, work::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(label + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) server.close();
        lane.close();
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Settings of a {@link Board}; bound to 127.0.0.1 on a port the system picks unless told otherwise. */
    public static final class Builder {
        private final Studio studio;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port;
        private String token;

        private Builder(Studio studio) {
            this.studio = java.util.Objects.requireNonNull(studio, "studio");
        }

        /** The address to listen on: 127.0.0.1 by default; any other needs the token on every request. */
        public Builder bind(InetAddress address) {
            this.bind = java.util.Objects.requireNonNull(address, "address");
            return this;
        }

        /** The address to listen on, as an IP address or host name. */
        public Builder bind(String address) {
            try {
                return bind(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown address to bind: " + address, e);
            }
        }

        /** The port (0, the default, lets the system pick a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            this.port = port;
            return this;
        }

        /** The token to require off loopback, instead of a new random one (at least 16 characters). */
        public Builder token(String token) {
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("a board token needs at least 16 characters");
            }
            this.token = token;
            return this;
        }

        public Board build() {
            return new Board(this);
        }
    }
}
