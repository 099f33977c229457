package dev.seedance4j.studio;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL server started from the machine's binaries ({@code /usr/lib/postgresql/<version>/bin}, run as
 * the {@code postgres} user; {@code .ci/run} installs Debian's {@code postgresql}). {@link #start} returns null where
 * there are none; CI sets {@code SEEDANCE_REQUIRE_POSTGRES=1} so that the tests fail there instead of being skipped.
 */
public final class PostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Path bin;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** A running server, or null (with the reason in {@code why}) when this machine cannot start one. */
    public static PostgresServer start() throws Exception {
        Path bin = findBinaries();
        UserPrincipal postgres = null;
        if (bin != null) {
            try {
                postgres = Path.of("/")
                        .getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
                postgres = null;
            }
        }
        if (bin == null || postgres == null) {
            if ("1".equals(System.getenv("SEEDANCE_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(
                        "SEEDANCE_REQUIRE_POSTGRES=1 but no PostgreSQL binaries and postgres user"
                                + " (as root) on this machine");
            }
            return null;
        }
        Path data = Files.createTempDirectory("seedance-pg-");
        Files.setOwner(data, postgres);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port);
        server.run(
                bin.resolve("initdb").toString(),
                "-D",
                data.resolve("db").toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync");
        server.startServer();
        return server;
    }

    private void startServer() throws Exception {
        run(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.resolve("db").toString(),
                "-w",
                "-l",
                data.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start");
    }

    /** Stops the server at once (connections drop) and starts it again after {@code downMillis}. */
    public void restart(long downMillis) throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "-w", "stop");
        Thread.sleep(downMillis);
        startServer();
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String db = "studio_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + db);
        return url(db);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        if (Files.isDirectory(data.resolve("db"))) {
            run(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "stop");
        }
        try (var files = Files.walk(data)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)
                || !Files.isExecutable(Path.of("/usr/sbin/runuser"))
                || !"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
    }

    private void run(String... command) throws Exception {
        List<String> asPostgres = new java.util.ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        asPostgres.addAll(List.of(command));
        Process process = new ProcessBuilder(asPostgres)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("commands.log").toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    "failed: " + String.join(" ", command) + "\n" + Files.readString(data.resolve("commands.log")));
        }
    }
}
