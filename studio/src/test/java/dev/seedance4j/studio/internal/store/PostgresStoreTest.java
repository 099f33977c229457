package dev.seedance4j.studio.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seedance4j.studio.PostgresServer;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store's contract on PostgreSQL: the same migrations and SQL as on SQLite, on a throwaway server
 * ({@link PostgresServer}); where the machine has none the tests are skipped (CI requires them).
 */
class PostgresStoreTest extends StoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
        assumeTrue(server != null, "no PostgreSQL binaries on this machine");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private final java.util.Map<Path, String> databases = new java.util.HashMap<>();

    /** A fresh database per test folder. */
    @Override
    DataSource dataSource(Path folder) {
        String url = databases.computeIfAbsent(folder, f -> server.newDatabase());
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        return source;
    }
}
