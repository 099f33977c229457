package dev.seedance4j.studio.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {

    @Override
    DataSource dataSource(Path folder) {
        return StudioStore.sqliteDataSource(folder.resolve("studio.db"));
    }

    @Test
    void sqliteRunsInWalModeWithABusyTimeout() throws Exception {
        open().close();
        try (Connection c = dataSource(dir).getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                assertThat(rs.getInt(1)).isEqualTo(10_000);
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*), SUM(CASE WHEN success = 1 THEN 1 ELSE 0 END) FROM studio_schema_history")) {
                assertThat(rs.getInt(1))
                        .as("every migration applied")
                        .isGreaterThanOrEqualTo(2)
                        .isEqualTo(rs.getInt(2));
            }
        }
    }
}
