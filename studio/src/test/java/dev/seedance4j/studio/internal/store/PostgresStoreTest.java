package dev.seedance4j.studio.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store's contract on PostgreSQL: the same migrations and SQL as on SQLite. A throwaway server is started from
 * the PostgreSQL binaries of the machine ({@code /usr/lib/postgresql/<version>/bin}, run as the {@code postgres}
 * user); where there are none the tests are skipped.
 */
class PostgresStoreTest extends StoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Path bin;
    private static Path data;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        bin = findBinaries();
        assumeTrue(bin != null, "no PostgreSQL binaries on this machine");
        UserPrincipal postgres;
        try {
            postgres =
                    Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            assumeTrue(false, "no postgres user on this machine");
            return;
        }
        data = Files.createTempDirectory("seedance-pg-");
        Files.setOwner(data, postgres);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(
                bin.resolve("initdb").toString(),
                "-D",
                data.resolve("db").toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync");
        run(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.resolve("db").toString(),
                "-w",
                "-l",
                data.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1" + " -c fsync=off",
                "start");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (data != null && Files.isDirectory(data.resolve("db"))) {
            run(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate", "stop");
        }
        if (data != null) {
            try (var files = Files.walk(data)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private final java.util.Map<Path, String> databases = new java.util.HashMap<>();

    /** A fresh database per test folder. */
    @Override
    DataSource dataSource(Path folder) {
        String name = databases.computeIfAbsent(folder, f -> {
            String db = "studio_" + DATABASES.incrementAndGet();
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return db;
        });
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(name);
        source.setUser("postgres");
        return source;
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

    private static void run(String... command) throws Exception {
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
