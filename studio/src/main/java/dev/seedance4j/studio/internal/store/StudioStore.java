package dev.seedance4j.studio.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The studio's durable state: shots, takes, tasks and events of one project, in plain SQL over JDBC, on SQLite (the
 * embedded default) or PostgreSQL (team mode: one database, many projects and workers).
 *
 * <p>Every write is committed before the method returns, so a process killed at any instant leaves a consistent
 * database. Each call borrows a connection from the data source (a pool for stores opened by location), so a
 * connection that drops costs the calls made while it is down, not the store. Every row carries the project id.
 *
 * <p>Team mode: a worker claims a shot and writes its intent in one transaction that also checks the API key's
 * quota ({@link #claimIntent(IntentSpec, Lease, List, long)}); the task is then leased to that worker, whose leases
 * live while its heartbeat does ({@link #heartbeat}: one row a beat); leases that end are taken over by another
 * worker ({@link #takeOverExpired}), which follows the task by its remote id and never creates it again.
 */
public final class StudioStore implements AutoCloseable {
    /** The project id rows written before team mode carry; the first project to open the database adopts them. */
    static final String LEGACY_PROJECT = "";
    /** The project id of a SQLite file that holds no project yet, when the caller names none. */
    public static final String DEFAULT_PROJECT = "default";

    /** The common migrations; what differs per dialect is in the folder beside it named by the dialect. */
    private static final String MIGRATIONS = "classpath:dev/seedance4j/studio/internal/store/";

    private static final String OPEN_STATES = "('intent', 'unknown', 'queued', 'running', 'succeeded')";
    private static final String IN_FLIGHT_STATES = "('intent', 'unknown', 'queued', 'running')";
    private static final long MINUTE = 60_000;

    private final DataSource dataSource;
    private final AutoCloseable pool;
    private final Dialect dialect;
    private final String project;
    /** The connection of the transaction in progress (calls are serialised by the store's lock). */
    private Connection tx;

    /** The SQL that differs between the databases the store runs on. */
    public enum Dialect {
        SQLITE("migration-sqlite", ""),
        POSTGRESQL("migration-postgresql", " FOR UPDATE SKIP LOCKED");

        private final String migrations;
        /** Appended to a claim's SELECT: rows another transaction is claiming are skipped, not waited for. */
        private final String skipLocked;

        Dialect(String migrations, String skipLocked) {
            this.migrations = migrations;
            this.skipLocked = skipLocked;
        }

        static Dialect of(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("sqlite")) {
                return SQLITE;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new StudioException("the studio's state needs SQLite or PostgreSQL, not " + product);
        }
    }

    private StudioStore(DataSource dataSource, AutoCloseable pool, Dialect dialect, String project) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.dialect = dialect;
        this.project = project;
    }

    /**
     * Opens the SQLite state file {@code database} for the project it holds (the only one; {@link #DEFAULT_PROJECT}
     * when it holds none yet), creating and migrating it as needed.
     */
    public static StudioStore openSqlite(Path database) {
        return open(StoreLocation.sqlite(database), null);
    }

    /**
     * Opens the SQLite state file {@code database} for reading beside a running engine (another process, or a board
     * in this one): its read transactions take no write lock, so they never hold the engine up.
     */
    public static StudioStore openSqliteReader(Path database) {
        SQLiteConfig config = sqliteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        return openPooled(sqliteDataSource(database, config), 2, null);
    }

    /**
     * Opens the store at {@code location} for {@code project} (null: the only project the database holds, else
     * {@link #DEFAULT_PROJECT}) through a connection pool, migrating the database first.
     */
    public static StudioStore open(StoreLocation location, String project) {
        if (location.isSqlite()) {
            return openPooled(sqliteDataSource(location.sqliteFile(), sqliteConfig()), 2, project);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.url());
        location.user().ifPresent(config::setUsername);
        location.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(location.poolSize());
        config.setMinimumIdle(1);
        config.setPoolName("seedance-store");
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(30_000);
        return pooled(new HikariDataSource(config), project);
    }

    private static StudioStore openPooled(DataSource source, int size, String project) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("seedance-store");
        return pooled(new HikariDataSource(config), project);
    }

    private static StudioStore pooled(HikariDataSource pool, String project) {
        try {
            return open(pool, pool, project);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A SQLite data source with WAL journaling, a busy timeout and write-locking transactions. */
    public static DataSource sqliteDataSource(Path database) {
        return sqliteDataSource(database, sqliteConfig());
    }

    private static DataSource sqliteDataSource(Path database, SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
        return dataSource;
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        // Transactions take the write lock at BEGIN (BEGIN IMMEDIATE), so "check, then insert" (claimIntent,
        // takeOverExpired) is atomic across processes.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** Migrates {@code dataSource} and opens the store on it for {@code project} (the caller keeps the source). */
    public static StudioStore open(DataSource dataSource, String project) {
        return open(dataSource, null, project);
    }

    private static StudioStore open(DataSource dataSource, AutoCloseable pool, String project) {
        Dialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = Dialect.of(connection);
        } catch (SQLException e) {
            throw new StudioException("cannot open the studio database: " + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS + "migration", MIGRATIONS + dialect.migrations)
                .table("studio_schema_history")
                .load()
                .migrate();
        StudioStore store = new StudioStore(dataSource, pool, dialect, project == null ? "" : project);
        return project == null ? store.forOnlyProject() : store.adoptLegacyRows();
    }

    /** The store of the only project in the database (or {@link #DEFAULT_PROJECT}), on the same connections. */
    private StudioStore forOnlyProject() {
        List<String> ids = query("""
        SELECT project_id FROM projects
        UNION SELECT DISTINCT project_id FROM shots
        UNION SELECT DISTINCT project_id FROM tasks
        UNION SELECT DISTINCT project_id FROM charges""", rs -> rs.getString(1));
        ids.remove(LEGACY_PROJECT);
        String id = ids.size() == 1 ? ids.get(0) : DEFAULT_PROJECT;
        return new StudioStore(dataSource, pool, dialect, id).adoptLegacyRows();
    }

    /** The tables whose rows carry a project id. */
    private static final List<String> PROJECT_TABLES = List.of(
            "shots",
            "picks",
            "takes",
            "tasks",
            "events",
            "project_facts",
            "shot_skips",
            "charges",
            "sheets",
            "sheet_takes",
            "sheet_calls",
            "sheet_picks",
            "approvals");

    /**
     * Rows written before team mode (project id ''), and sheets and approvals from before V7 whose project could not
     * be told from their charges or shots, become this project's, once.
     */
    private StudioStore adoptLegacyRows() {
        String anyLegacy = PROJECT_TABLES.stream()
                .map(table -> "SELECT 1 FROM " + table + " WHERE project_id = ''")
                .collect(Collectors.joining(" UNION "));
        if (!query(anyLegacy, rs -> 1).isEmpty()) {
            inTransaction(() -> {
                for (String table : PROJECT_TABLES) {
                    update("UPDATE " + table + " SET project_id = ? WHERE project_id = ''", project);
                }
            });
        }
        return this;
    }

    /** The project this store reads and writes. */
    public String project() {
        return project;
    }

    public Dialect dialect() {
        return dialect;
    }

    // ---- shots ----

    /**
     * Locks this project's row in {@code projects} (made, as not open, when missing) for the rest of the transaction:
     * "delete, then insert" writes of two workers re-planning the same project at once then run one after the other
     * (on PostgreSQL they would otherwise both insert the same keys; SQLite's BEGIN IMMEDIATE serialises anyway).
     */
    void lockProject(long now) {
        update(
                "INSERT INTO projects (project_id, state, updated_at) VALUES (?, 'done', ?)"
                        + " ON CONFLICT (project_id) DO NOTHING",
                project,
                now);
        update("UPDATE projects SET updated_at = updated_at WHERE project_id = ?", project);
    }

    public synchronized void saveShots(Collection<ShotRecord> shots, long now) {
        inTransaction(() -> {
            lockProject(now);
            update("DELETE FROM shots WHERE project_id = ?", project);
            for (ShotRecord s : shots) {
                update(
                        """
            INSERT INTO shots (project_id, episode_id, shot_id, position, identity, mode, model, seconds, resolution,
                               ratio, estimated_tokens, estimated_cny_micros, planned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        project,
                        s.shot().episode(),
                        s.shot().shot(),
                        s.position(),
                        s.identity(),
                        s.mode(),
                        s.model(),
                        s.seconds(),
                        s.resolution(),
                        s.ratio(),
                        s.estimatedTokens(),
                        s.estimatedCnyMicros(),
                        now);
            }
        });
    }

    public synchronized List<ShotRecord> shots() {
        return query(
                """
        SELECT episode_id, shot_id, position, identity, mode, model, seconds, resolution, ratio, estimated_tokens,
               estimated_cny_micros
        FROM shots WHERE project_id = ? ORDER BY position""",
                rs -> new ShotRecord(
                        new ShotKey(rs.getString(1), rs.getString(2)),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getLong(10),
                        rs.getLong(11)),
                project);
    }

    /** The take an episode uses for this shot, as chosen by {@code pick}; kept across re-planning. */
    public synchronized Optional<Integer> pickedTake(ShotKey shot) {
        return first(query(
                "SELECT take_no FROM picks WHERE project_id = ? AND episode_id = ? AND shot_id = ?",
                rs -> rs.getInt(1),
                project,
                shot.episode(),
                shot.shot()));
    }

    public synchronized void pick(ShotKey shot, int takeNo) {
        inTransaction(() -> {
            lockProject(System.currentTimeMillis());
            update(
                    "DELETE FROM picks WHERE project_id = ? AND episode_id = ? AND shot_id = ?",
                    project,
                    shot.episode(),
                    shot.shot());
            update(
                    "INSERT INTO picks (project_id, episode_id, shot_id, take_no) VALUES (?, ?, ?, ?)",
                    project,
                    shot.episode(),
                    shot.shot(),
                    takeNo);
        });
    }

    // ---- takes ----

    /** Starts a new take of {@code shot}; its number is one more than the highest so far. */
    public synchronized int newTake(ShotKey shot, String identity, long now) {
        return newTake(shot, identity, null, now);
    }

    /** Starts a new take; {@code seed} (nullable) overrides the project's seed for it. */
    public synchronized int newTake(ShotKey shot, String identity, Long seed, long now) {
        int[] takeNo = new int[1];
        inTransaction(() -> {
            takeNo[0] = (int) queryLong(
                    "SELECT COALESCE(MAX(take_no), 0) + 1 FROM takes"
                            + " WHERE project_id = ? AND episode_id = ? AND shot_id = ?",
                    project,
                    shot.episode(),
                    shot.shot());
            update("""
          INSERT INTO takes (project_id, episode_id, shot_id, take_no, identity, seed, state, created_at)
          VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)""", project, shot.episode(), shot.shot(), takeNo[0], identity, seed, now);
        });
        return takeNo[0];
    }

    /**
     * Records a verified clip: the task becomes delivered and its take too, in one transaction. {@code clipBytes} and
     * {@code clipMtime} are the file's size and modification time (Unix ms) as kept, so that a later check can trust
     * a file that still has them without hashing it.
     *
     * @return false when the task was no longer waiting for its result (another worker recorded it first): then
     *     nothing is written, so a result is recorded once whoever fetched it
     */
    public synchronized boolean deliver(TaskRecord task, Delivery clip, long now) {
        boolean[] recorded = new boolean[1];
        inTransaction(() -> {
            recorded[0] = markDelivered(task.intentId(), clip, "status = 'succeeded'", now) == 1;
            if (recorded[0]) {
                finishTake(task.shot(), task.takeNo(), true, null, task.intentId(), now);
            }
        });
        return recorded[0];
    }

    /** What a verified clip is, as {@link #deliver} records it (paths relative to the output folder). */
    public record Delivery(
            String clipPath,
            String clipSha256,
            String lastFramePath,
            String lastFrameSha256,
            double clipSeconds,
            int width,
            int height,
            long clipBytes,
            long clipMtime) {}

    /** The clip was found intact by its hash although its modification time changed: remember the new one. */
    public synchronized void touchClip(String intentId, long clipBytes, long clipMtime) {
        update("UPDATE tasks SET clip_bytes = ?, clip_mtime = ? WHERE intent_id = ?", clipBytes, clipMtime, intentId);
    }

    /** Records a failed task; with {@code finishTake} its take fails too (in the same transaction). */
    public synchronized void fail(
            TaskRecord task, String reason, String errorCode, String errorMessage, boolean finishTake, long now) {
        inTransaction(() -> {
            markFailed(task.intentId(), reason, errorCode, errorMessage, now);
            if (finishTake) {
                finishTake(task.shot(), task.takeNo(), false, reason, null, now);
            }
        });
    }

    public synchronized void finishTake(
            ShotKey shot, int takeNo, boolean delivered, String reason, String intentId, long now) {
        update(
                """
        UPDATE takes SET state = ?, reason = ?, delivered_intent_id = ?, finished_at = ?
        WHERE project_id = ? AND episode_id = ? AND shot_id = ? AND take_no = ?""",
                delivered ? "delivered" : "failed",
                reason,
                intentId,
                now,
                project,
                shot.episode(),
                shot.shot(),
                takeNo);
    }

    private static final String TAKE_SELECT = """
      SELECT episode_id, shot_id, take_no, identity, state, reason, delivered_intent_id, created_at, finished_at, seed
      FROM takes WHERE project_id = ?""";

    public synchronized List<TakeRecord> takes(ShotKey shot) {
        return query(
                TAKE_SELECT + " AND episode_id = ? AND shot_id = ? ORDER BY take_no",
                StudioStore::take,
                project,
                shot.episode(),
                shot.shot());
    }

    public synchronized List<TakeRecord> allTakes() {
        return query(TAKE_SELECT + " ORDER BY episode_id, shot_id, take_no", StudioStore::take, project);
    }

    private static TakeRecord take(ResultSet rs) throws SQLException {
        return new TakeRecord(
                new ShotKey(rs.getString(1), rs.getString(2)),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                nullableLong(rs, 9),
                nullableLong(rs, 10));
    }

    // ---- tasks ----

    /** The intent row, written before the create call (held by nobody, counted against no key). */
    public synchronized void insertIntent(
            String intentId,
            ShotKey shot,
            int takeNo,
            String identity,
            String model,
            Long seed,
            String requestJson,
            long estimatedTokens,
            long estimatedCnyMicros,
            long now) {
        insertIntent(
                new IntentSpec(
                        intentId,
                        shot,
                        takeNo,
                        null,
                        identity,
                        model,
                        seed,
                        requestJson,
                        estimatedTokens,
                        estimatedCnyMicros,
                        Set.of()),
                takeNo,
                null,
                null,
                now);
    }

    private void insertIntent(IntentSpec spec, int takeNo, Lease lease, String keyId, long now) {
        update(
                """
        INSERT INTO tasks (project_id, intent_id, episode_id, shot_id, take_no, identity, status, model, seed,
                           request_json, estimated_tokens, estimated_cny_micros, created_at, updated_at,
                           lease_owner, key_id)
        VALUES (?, ?, ?, ?, ?, ?, 'intent', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                project,
                spec.intentId(),
                spec.shot().episode(),
                spec.shot().shot(),
                takeNo,
                spec.identity(),
                spec.model(),
                spec.seed(),
                spec.requestJson(),
                spec.estimatedTokens(),
                spec.estimatedCnyMicros(),
                now,
                now,
                lease == null ? null : lease.worker(),
                keyId);
    }

    /**
     * What to write for a create about to be sent.
     *
     * @param takeNo the take it belongs to; null starts a new take (with {@code takeSeed})
     * @param knownDelivered the intent ids of the shot's delivered tasks the claiming run knew of when it started (it
     *     judged them: a clip since lost is made again); a delivered task of the same request beyond them was made
     *     by another run meanwhile, and is followed rather than paid again
     */
    public record IntentSpec(
            String intentId,
            ShotKey shot,
            Integer takeNo,
            Long takeSeed,
            String identity,
            String model,
            Long seed,
            String requestJson,
            long estimatedTokens,
            long estimatedCnyMicros,
            Set<String> knownDelivered) {
        public IntentSpec {
            knownDelivered = Set.copyOf(knownDelivered);
        }
    }

    /**
     * A worker's hold on the tasks it claims: alive while its heartbeat ({@link #heartbeat}) is younger than {@code
     * millis}, taken over by others once it ended.
     */
    public record Lease(String worker, long millis) {}

    /**
     * An API key's limits, shared by every worker that uses it: at most {@code maxInFlight} tasks created and not
     * finished (intent, unknown, queued, running), at most {@code requestsPerMinute} creates in any 60 s.
     *
     * @param keyId the key's fingerprint ({@link KeyFingerprint}), never the key
     */
    public record KeyQuota(String keyId, String label, int maxInFlight, int requestsPerMinute) {
        public KeyQuota {
            if (maxInFlight < 1 || requestsPerMinute < 1) {
                throw new IllegalArgumentException("a key's limits must be at least 1");
            }
        }
    }

    /**
     * What {@link #claimIntent} did.
     *
     * @param takeNo the take the intent belongs to (null when the quota was full)
     * @param alreadyOpen the task that already covers the shot, when another run or worker created it: open, or
     *     delivered since the claiming run started
     * @param keyId the key the new intent is counted against (null when none was written or no quota applies)
     * @param quotaFull every key was at its limit: nothing was written, try again later
     */
    public record Claim(Integer takeNo, TaskRecord alreadyOpen, String keyId, boolean quotaFull) {
        public boolean claimed() {
            return alreadyOpen == null && !quotaFull;
        }
    }

    /**
     * Claims a shot and writes its intent in one transaction that other processes respect: unless a task for the
     * same shot and identity is already open, or was delivered and is not one of the spec's known ones (sent by
     * another run of the same project, perhaps in another process: then nothing is written and that task is
     * returned, so that a shot is never paid twice because two runs overlapped), and if one of {@code keys} (tried
     * in order; empty: no quota) has room
     * under its in-flight and per-minute limits counted over every project and worker of this database, the intent
     * is written, leased to {@code lease}'s worker (null: to nobody) and counted against that key.
     */
    public synchronized Claim claimIntent(IntentSpec spec, Lease lease, List<KeyQuota> keys, long now) {
        Claim[] claim = new Claim[1];
        inTransaction(() -> {
            // Lock the project's row first (a row lock on PostgreSQL, the database lock on SQLite), so that a second
            // run claiming the same shot waits here and then sees this intent. Not the shot's row: a worker
            // re-planning the project replaces those rows, and a lock on a row being replaced holds nothing.
            lockProject(now);
            List<TaskRecord> covering = query(
                            TASK_SELECT + " WHERE project_id = ? AND episode_id = ? AND shot_id = ? AND identity = ?"
                                    + " AND (status IN " + OPEN_STATES + " OR status = 'delivered')"
                                    + " ORDER BY created_at, intent_id",
                            StudioStore::task,
                            project,
                            spec.shot().episode(),
                            spec.shot().shot(),
                            spec.identity())
                    .stream()
                    .filter(t -> t.status().isOpen() || !spec.knownDelivered().contains(t.intentId()))
                    .sorted(Comparator.comparing((TaskRecord t) -> !t.status().isOpen()))
                    .toList();
            if (!covering.isEmpty()) {
                claim[0] = new Claim(covering.get(0).takeNo(), covering.get(0), null, false);
                return;
            }
            String keyId = null;
            if (!keys.isEmpty()) {
                keyId = keyWithRoom(keys, now);
                if (keyId == null) {
                    claim[0] = new Claim(null, null, null, true);
                    return;
                }
                update(
                        "INSERT INTO key_requests (key_id, at_millis, intent_id) VALUES (?, ?, ?)",
                        keyId,
                        now,
                        spec.intentId());
            }
            int take =
                    spec.takeNo() != null ? spec.takeNo() : newTake(spec.shot(), spec.identity(), spec.takeSeed(), now);
            clearSkip(spec.shot());
            insertIntent(spec, take, lease, keyId, now);
            claim[0] = new Claim(take, null, keyId, false);
        });
        return claim[0];
    }

    /**
     * The first key with room, its row locked for the rest of the transaction so that concurrent claims on the key
     * count one after the other. Stamps older than a minute are dropped on the way.
     */
    private String keyWithRoom(List<KeyQuota> keys, long now) {
        for (KeyQuota key : keys) {
            update(
                    "INSERT INTO api_keys (key_id, label, max_in_flight, requests_per_minute, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                    key.keyId(),
                    key.label(),
                    key.maxInFlight(),
                    key.requestsPerMinute(),
                    now);
            update(
                    "UPDATE api_keys SET label = ?, max_in_flight = ?, requests_per_minute = ?, updated_at = ?"
                            + " WHERE key_id = ?",
                    key.label(),
                    key.maxInFlight(),
                    key.requestsPerMinute(),
                    now,
                    key.keyId());
            update("DELETE FROM key_requests WHERE key_id = ? AND at_millis <= ?", key.keyId(), now - MINUTE);
            if (roomOf(key, now) > 0) {
                return key.keyId();
            }
        }
        return null;
    }

    /**
     * How many more tasks {@code keys} admit now, counted over every project and worker of this database by the rule
     * {@link #claimIntent} applies: a cheap read that takes no lock, so that a worker waiting for the quota can look
     * often without holding up the claims of the others. A claim may still find the room taken meanwhile.
     */
    public synchronized long room(List<KeyQuota> keys, long now) {
        long room = 0;
        for (KeyQuota key : keys) {
            room += roomOf(key, now);
        }
        return room;
    }

    /** What one key admits now: the lesser of its in-flight and its per-minute room. */
    private long roomOf(KeyQuota key, long now) {
        List<long[]> load = query(
                "SELECT (SELECT COUNT(*) FROM tasks WHERE key_id = ? AND status IN " + IN_FLIGHT_STATES + "),"
                        + " (SELECT COUNT(*) FROM key_requests WHERE key_id = ? AND at_millis > ?)",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                key.keyId(),
                key.keyId(),
                now - MINUTE);
        return Math.max(0, Math.min(key.maxInFlight() - load.get(0)[0], key.requestsPerMinute() - load.get(0)[1]));
    }

    /** Where an API key stands across every worker: its limits, tasks in flight and creates in the last minute. */
    public record KeyUse(
            String keyId, String label, int maxInFlight, int requestsPerMinute, long inFlight, long lastMinute) {}

    public synchronized List<KeyUse> keyUse(long now) {
        return query(
                """
        SELECT k.key_id, k.label, k.max_in_flight, k.requests_per_minute,
               (SELECT COUNT(*) FROM tasks t WHERE t.key_id = k.key_id AND t.status IN """ + IN_FLIGHT_STATES + """
               ),
               (SELECT COUNT(*) FROM key_requests r WHERE r.key_id = k.key_id AND r.at_millis > ?)
        FROM api_keys k ORDER BY k.label, k.key_id""",
                rs -> new KeyUse(
                        rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getLong(6)),
                now - MINUTE);
    }

    // ---- leases and workers ----

    /*
     * The lease rule, one for tasks, sheet claims and assembly claims alike: a worker's leases are alive while its heartbeat is fresh,
     * that is while heartbeat_at + lease_millis (its row in workers) is not past; a worker without a row (never
     * seen, released, or forgotten once it held nothing) holds nothing. A heartbeat writes that one row, however many
     * tasks its worker holds. LEASE_END is the expression over the holder's row aliased "w"; heldAt() and, for rows
     * already read, held() are the only tests of it.
     */
    private static final String LEASE_END = "(w.heartbeat_at + w.lease_millis)";

    /** SQL: whether the worker named in {@code holderColumn} holds its leases at the time bound to its "?". */
    static String heldAt(String holderColumn) {
        return "EXISTS (SELECT 1 FROM workers w WHERE w.worker_id = " + holderColumn + " AND " + LEASE_END + " >= ?)";
    }

    /** Whether a lease that ends at {@code leaseEnd} (null: its holder has none) is held at {@code at}. */
    public static boolean held(Long leaseEnd, long at) {
        return leaseEnd != null && leaseEnd >= at;
    }

    /**
     * Records {@code worker} as alive (a heartbeat), creating its row on the first call: every lease it holds lasts
     * until {@code now} + {@code leaseMillis}.
     */
    public synchronized void heartbeat(String worker, String host, long pid, long leaseMillis, long now) {
        inTransaction(() -> {
            if (update(
                            "UPDATE workers SET heartbeat_at = ?, lease_millis = ? WHERE worker_id = ?",
                            now,
                            leaseMillis,
                            worker)
                    == 0) {
                update(
                        "INSERT INTO workers (worker_id, host, pid, started_at, heartbeat_at, lease_millis)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        worker,
                        host,
                        pid,
                        now,
                        now,
                        leaseMillis);
            }
        });
    }

    /**
     * Takes over open tasks of this project whose holder's lease ended (it died, stalled or lost the database) or
     * that no worker holds (written before team mode, or released), at most {@code limit}: they become {@code
     * lease}'s. An intent without a remote id (intent, unknown) is taken only once its holder's lease ended more than
     * {@code intentGraceMillis} ago: the holder may only be stalled, with a create it let through its fence still on
     * its way, and an intent reconciled before that create lands would be sent again. Only tasks created with one of
     * {@code keyIds} (or with no recorded key; empty: any) are taken. On PostgreSQL rows another worker is taking
     * over at the same moment are skipped. A worker whose own lease ended (it stalled) takes nothing until it beats
     * again: what it took would be free again at once. Rows of workers whose lease ended and that hold nothing (no
     * open task, no claim on a sheet: {@link SheetStore#claim}) are dropped.
     */
    public synchronized List<TaskRecord> takeOverExpired(
            Lease lease, Collection<String> keyIds, long intentGraceMillis, int limit, long now) {
        List<TaskRecord> taken = new ArrayList<>();
        // only tasks of keys this worker has (it polls and fetches a task with the key that created it)
        String keys = keyIds.isEmpty()
                ? ""
                : " AND (key_id IS NULL OR key_id IN ("
                        + keyIds.stream()
                                .map(k -> "'" + k.replace("'", "''") + "'")
                                .collect(Collectors.joining(", "))
                        + "))";
        inTransaction(() -> {
            if (query(
                            "SELECT 1 FROM workers x WHERE x.worker_id = ? AND " + heldAt("x.worker_id"),
                            rs -> 1,
                            lease.worker(),
                            now)
                    .isEmpty()) {
                return;
            }
            List<String[]> rows = query(
                    "SELECT intent_id, lease_owner FROM tasks WHERE project_id = ? AND status IN " + OPEN_STATES
                            + keys + " AND NOT " + heldAt("tasks.lease_owner")
                            + " AND (status NOT IN ('intent', 'unknown') OR NOT " + heldAt("tasks.lease_owner") + ")"
                            + " ORDER BY created_at, intent_id LIMIT ?" + dialect.skipLocked,
                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                    project,
                    now,
                    now - intentGraceMillis,
                    limit);
            for (String[] row : rows) {
                // the holder it was read with (a second taker on SQLite waits for this transaction, then sees it), and
                // still not alive as of this statement: on PostgreSQL a row another taker took meanwhile comes back
                // from the SELECT above with its new holder, judged by that SELECT's older snapshot, which may not yet
                // see the new holder's first heartbeat
                if (update(
                                "UPDATE tasks SET lease_owner = ? WHERE intent_id = ? AND COALESCE(lease_owner, '') = ?"
                                        + " AND NOT " + heldAt("tasks.lease_owner"),
                                lease.worker(),
                                row[0],
                                row[1] == null ? "" : row[1],
                                now)
                        == 1) {
                    taken.add(task(row[0]).orElseThrow());
                }
            }
            update(
                    "DELETE FROM workers WHERE worker_id IN (SELECT x.worker_id FROM workers x WHERE NOT "
                            + heldAt("x.worker_id")
                            + " AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.lease_owner = x.worker_id AND t.status IN "
                            + OPEN_STATES + ")"
                            + " AND NOT EXISTS (SELECT 1 FROM sheet_claims c WHERE c.worker_id = x.worker_id))",
                    now);
        });
        return taken;
    }

    /**
     * Ends {@code worker}'s leases at once, its intents' grace included: a clean stop, after which it sends nothing,
     * so another worker may take its tasks over now.
     */
    public synchronized void releaseLeases(String worker) {
        update("DELETE FROM workers WHERE worker_id = ?", worker);
    }

    /**
     * Ends the leases of {@code worker}, whose process is gone without releasing them, at {@code now} (never later
     * than they would end): its tasks may be taken over now, its intents once their grace has passed too (a create
     * it sent just before it died may still land and be found in the task list). Its claims on sheets go at once:
     * an image call cannot be looked up, and no answer can reach it any more.
     */
    public synchronized void expireLeases(String worker, long now) {
        inTransaction(() -> {
            update(
                    "UPDATE workers SET heartbeat_at = ? - lease_millis WHERE worker_id = ? AND "
                            + heldAt("workers.worker_id"),
                    now,
                    worker,
                    now);
            update("DELETE FROM sheet_claims WHERE worker_id = ?", worker);
        });
    }

    /**
     * Whether {@code worker} holds the task's lease at {@code now} (it may act on the task). Asked with a later time,
     * whether it will still hold it then unless it beats again: the fence a create passes right before it is sent.
     */
    public synchronized boolean holds(String intentId, String worker, long now) {
        return !query(
                        "SELECT 1 FROM tasks WHERE intent_id = ? AND lease_owner = ? AND "
                                + heldAt("tasks.lease_owner"),
                        rs -> 1,
                        intentId,
                        worker,
                        now)
                .isEmpty();
    }

    /** This project's tasks in {@code states} that {@code worker} holds and whose lease has not ended. */
    public synchronized List<TaskRecord> heldTasks(String worker, Collection<TaskState> states, long now) {
        return query(
                TASK_SELECT + " WHERE project_id = ? AND lease_owner = ? AND " + heldAt("tasks.lease_owner")
                        + " AND status IN (" + states(states) + ") ORDER BY created_at, intent_id",
                StudioStore::task,
                project,
                worker,
                now);
    }

    /** A live worker as its heartbeat row says. */
    public record WorkerRecord(
            String worker, String host, long pid, long startedAt, long heartbeatAt, long leaseMillis) {
        /** Whether the worker's heartbeat is recent enough for its leases to be alive at {@code now}. */
        public boolean alive(long now) {
            return held(heartbeatAt + leaseMillis, now);
        }
    }

    /**
     * A claim of this project on a reference sheet being made ({@code kind} "sheet", {@code subject} its name) or on an
     * episode version being assembled ("assembly", the episode), with its holder and the end of the holder's lease
     * (null: the holder has no row any more).
     */
    public record ClaimRecord(String kind, String subject, String worker, Long leaseEnd) {
        public boolean alive(long now) {
            return held(leaseEnd, now);
        }
    }

    /** This project's claims on sheets and running assemblies, by kind and subject. */
    public synchronized List<ClaimRecord> claims() {
        String leaseEnd = "(SELECT " + LEASE_END + " FROM workers w WHERE w.worker_id = c.worker_id)";
        return query(
                "SELECT 'sheet', c.name, c.worker_id, " + leaseEnd + " FROM sheet_claims c WHERE c.project_id = ?"
                        + " UNION ALL SELECT 'assembly', c.episode_id, c.worker_id, " + leaseEnd
                        + " FROM assembly_claims c WHERE c.project_id = ? AND c.state = 'running'"
                        + " ORDER BY 1, 2",
                rs -> new ClaimRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)),
                project,
                project);
    }

    public synchronized List<WorkerRecord> workers() {
        return query(
                "SELECT worker_id, host, pid, started_at, heartbeat_at, lease_millis FROM workers ORDER BY worker_id",
                rs -> new WorkerRecord(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
    }

    // ---- projects ----

    /** A project this database serves, and whether it has open work. */
    public record ProjectRecord(String project, String projectFile, String outputDir, String state, long updatedAt) {}

    /** Records this project's file and output folder and marks it open (a run or worker may serve it). */
    public synchronized void openProject(String projectFile, String outputDir, long now) {
        setProject(projectFile, outputDir, "open", now);
    }

    /** Marks this project done: no shot left to send or follow as of the last run that ended. */
    public synchronized void closeProject(long now) {
        update("UPDATE projects SET state = 'done', updated_at = ? WHERE project_id = ?", now, project);
    }

    private void setProject(String projectFile, String outputDir, String state, long now) {
        inTransaction(() -> {
            if (update(
                            "UPDATE projects SET project_file = ?, output_dir = ?, state = ?, updated_at = ?"
                                    + " WHERE project_id = ?",
                            projectFile,
                            outputDir,
                            state,
                            now,
                            project)
                    == 0) {
                update(
                        "INSERT INTO projects (project_id, project_file, output_dir, state, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        project,
                        projectFile,
                        outputDir,
                        state,
                        now);
            }
        });
    }

    /**
     * Every project of this database that has open work: marked open by a run, or with a task still open (a worker
     * that died left it).
     */
    public synchronized List<ProjectRecord> projectsWithOpenWork() {
        return query(
                """
        SELECT project_id, project_file, output_dir, state, updated_at FROM projects p
        WHERE state = 'open' OR EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.project_id AND t.status IN """ + OPEN_STATES + ")\n        ORDER BY updated_at, project_id",
                rs -> new ProjectRecord(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
    }

    // ---- assembly ----

    /**
     * Claims the assembly of {@code version} of an episode for {@code lease}'s worker: true when nobody assembled it
     * and nobody is assembling it now, so it runs once on any worker. A claim is held, like a task, while its worker's
     * heartbeat is fresh (an assembly longer than one lease keeps it); a claim whose worker stopped beating is taken
     * over.
     */
    public synchronized boolean claimAssembly(String episode, String version, Lease lease, long now) {
        boolean[] claimed = new boolean[1];
        inTransaction(() -> {
            update(
                    "INSERT INTO assembly_claims (project_id, episode_id, version, worker_id, state)"
                            + " VALUES (?, ?, ?, '', 'failed') ON CONFLICT (project_id, episode_id, version)"
                            + " DO NOTHING",
                    project,
                    episode,
                    version);
            claimed[0] = update(
                            "UPDATE assembly_claims SET worker_id = ?, state = 'running'"
                                    + " WHERE project_id = ? AND episode_id = ? AND version = ?"
                                    + " AND (state = 'failed' OR (state = 'running' AND NOT "
                                    + heldAt("assembly_claims.worker_id") + "))",
                            lease.worker(),
                            project,
                            episode,
                            version,
                            now)
                    == 1;
        });
        return claimed[0];
    }

    /** Ends an assembly claimed with {@link #claimAssembly}: done for good, or failed (another worker may retry). */
    public synchronized void finishAssembly(String episode, String version, boolean done) {
        update(
                "UPDATE assembly_claims SET state = ? WHERE project_id = ? AND episode_id = ? AND version = ?",
                done ? "done" : "failed",
                project,
                episode,
                version);
    }

    /** The state of an episode version's assembly (running, done, failed), if anyone claimed it. */
    public synchronized Optional<String> assemblyState(String episode, String version) {
        return first(query(
                "SELECT state FROM assembly_claims WHERE project_id = ? AND episode_id = ? AND version = ?",
                rs -> rs.getString(1),
                project,
                episode,
                version));
    }

    public synchronized void markUnknown(String intentId, String detail, long now) {
        update(
                "UPDATE tasks SET status = 'unknown', error_message = ?, updated_at = ? WHERE intent_id = ?",
                detail,
                now,
                intentId);
    }

    /**
     * Records the remote id of an intent's task. Only an intent without one is written: a worker that took the intent
     * over may have adopted the task already (and moved it on), and a recorded id is never replaced.
     *
     * @return whether it was written
     */
    public synchronized boolean markSubmitted(String intentId, String remoteId, long now) {
        return update("""
        UPDATE tasks SET remote_id = ?, status = 'queued', submitted_at = ?, updated_at = ?
        WHERE intent_id = ? AND remote_id IS NULL""", remoteId, now, now, intentId) == 1;
    }

    /**
     * Closes an intent that reconciliation found no task for (the create did not happen), unless it was settled
     * meanwhile (another worker recorded or adopted its task, or closed it).
     *
     * @return whether it was closed here
     */
    public synchronized boolean markNotCreated(String intentId, String message, long now) {
        return update("""
        UPDATE tasks SET status = 'failed', reason = 'NOT_CREATED', error_message = ?, finished_at = ?, updated_at = ?
        WHERE intent_id = ? AND remote_id IS NULL AND status IN ('intent', 'unknown')""", message, now, now, intentId) == 1;
    }

    /** {@link #markRunning} for many tasks in one transaction (a round that sees thousands start running). */
    public synchronized void markRunning(Map<String, TaskState> states, long now) {
        inTransaction(() -> states.forEach((intentId, state) -> markRunning(intentId, state, now)));
    }

    public synchronized void markRunning(String intentId, TaskState state, long now) {
        update(
                "UPDATE tasks SET status = ?, updated_at = ? WHERE intent_id = ? AND status IN ('queued', 'running')",
                state.db(),
                now,
                intentId);
    }

    /**
     * Only a task still waiting for its result becomes succeeded: a stale answer (a list page read before another run
     * of the project delivered or closed the task) does not reopen it.
     */
    public synchronized void markSucceeded(
            String intentId,
            String videoUrl,
            String lastFrameUrl,
            Long urlExpiresAt,
            Long billedTokens,
            Long billedCnyMicros,
            long now) {
        update("""
        UPDATE tasks SET status = 'succeeded', video_url = ?, last_frame_url = ?, url_expires_at = ?,
                         billed_tokens = ?, billed_cny_micros = ?, updated_at = ?
        WHERE intent_id = ? AND status IN ('intent', 'unknown', 'queued', 'running')""", videoUrl, lastFrameUrl, urlExpiresAt, billedTokens, billedCnyMicros, now, intentId);
    }

    public synchronized void markDelivered(String intentId, Delivery clip, long now) {
        markDelivered(intentId, clip, "1 = 1", now);
    }

    private int markDelivered(String intentId, Delivery clip, String guard, long now) {
        return update(
                """
        UPDATE tasks SET status = 'delivered', clip_path = ?, clip_sha256 = ?, last_frame_path = ?,
                         last_frame_sha256 = ?, clip_seconds = ?, clip_width = ?, clip_height = ?, clip_bytes = ?,
                         clip_mtime = ?, finished_at = ?, updated_at = ?
        WHERE intent_id = ? AND\s""" + guard,
                clip.clipPath(),
                clip.clipSha256(),
                clip.lastFramePath(),
                clip.lastFrameSha256(),
                clip.clipSeconds(),
                clip.width(),
                clip.height(),
                clip.clipBytes(),
                clip.clipMtime(),
                now,
                now,
                intentId);
    }

    public synchronized void markFailed(
            String intentId, String reason, String errorCode, String errorMessage, long now) {
        update("""
        UPDATE tasks SET status = 'failed', reason = ?, error_code = ?, error_message = ?, finished_at = ?,
                         updated_at = ?
        WHERE intent_id = ?""", reason, errorCode, errorMessage, now, now, intentId);
    }

    public synchronized Optional<TaskRecord> task(String intentId) {
        return first(query(TASK_SELECT + " WHERE intent_id = ?", StudioStore::task, intentId));
    }

    public synchronized List<TaskRecord> tasks() {
        return query(TASK_SELECT + " WHERE project_id = ? ORDER BY created_at, intent_id", StudioStore::task, project);
    }

    public synchronized List<TaskRecord> tasksIn(Collection<TaskState> states) {
        return query(
                TASK_SELECT + " WHERE project_id = ? AND status IN (" + states(states)
                        + ") ORDER BY created_at, intent_id",
                StudioStore::task,
                project);
    }

    private static String states(Collection<TaskState> states) {
        return states.stream().map(s -> "'" + s.db() + "'").collect(Collectors.joining(", "));
    }

    /**
     * Every remote task id this database knows, over all its projects: reconciliation must never adopt a task that
     * another project (or worker) already follows.
     */
    public synchronized Set<String> knownRemoteIds() {
        return new java.util.HashSet<>(
                query("SELECT remote_id FROM tasks WHERE remote_id IS NOT NULL", rs -> rs.getString(1)));
    }

    /** Every task of {@code shot}, in creation order. */
    public synchronized List<TaskRecord> tasksOf(ShotKey shot) {
        return query(
                TASK_SELECT + " WHERE project_id = ? AND episode_id = ? AND shot_id = ? ORDER BY created_at, intent_id",
                StudioStore::task,
                project,
                shot.episode(),
                shot.shot());
    }

    public synchronized List<TaskRecord> tasksOf(ShotKey shot, int takeNo) {
        return query(
                TASK_SELECT + " WHERE project_id = ? AND episode_id = ? AND shot_id = ? AND take_no = ?"
                        + " ORDER BY created_at",
                StudioStore::task,
                project,
                shot.episode(),
                shot.shot(),
                takeNo);
    }

    private static final String TASK_SELECT = """
      SELECT intent_id, episode_id, shot_id, take_no, identity, remote_id, status, model, seed, request_json,
             estimated_tokens, estimated_cny_micros, billed_tokens, billed_cny_micros, error_code, error_message,
             reason, video_url, last_frame_url, url_expires_at, clip_path, clip_sha256, last_frame_path,
             last_frame_sha256, clip_seconds, clip_width, clip_height, created_at, submitted_at, finished_at,
             clip_bytes, clip_mtime, lease_owner, """ + LEASE_END + """
      , key_id
      FROM tasks LEFT JOIN workers w ON w.worker_id = tasks.lease_owner""";

    private static TaskRecord task(ResultSet rs) throws SQLException {
        return new TaskRecord(
                rs.getString(1),
                new ShotKey(rs.getString(2), rs.getString(3)),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                TaskState.fromDb(rs.getString(7)),
                rs.getString(8),
                nullableLong(rs, 9),
                rs.getString(10),
                rs.getLong(11),
                rs.getLong(12),
                nullableLong(rs, 13),
                nullableLong(rs, 14),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                nullableLong(rs, 20),
                rs.getString(21),
                rs.getString(22),
                rs.getString(23),
                rs.getString(24),
                nullableDouble(rs, 25),
                nullableInt(rs, 26),
                nullableInt(rs, 27),
                rs.getLong(28),
                nullableLong(rs, 29),
                nullableLong(rs, 30),
                nullableLong(rs, 31),
                nullableLong(rs, 32),
                rs.getString(33),
                nullableLong(rs, 34),
                rs.getString(35));
    }

    // ---- ledger ----

    /** Money billed so far (micro-CNY), over every task and every charge (images, chat) of the project. */
    public synchronized long spentCnyMicros() {
        return queryLong("""
        SELECT (SELECT COALESCE(SUM(billed_cny_micros), 0) FROM tasks WHERE project_id = ?)
             + (SELECT COALESCE(SUM(billed_cny_micros), 0) FROM charges WHERE project_id = ?)""", project, project);
    }

    /**
     * Estimated cost (micro-CNY) of what may still be billed: tasks submitted or about to be and not yet finished,
     * and charges not yet answered or whose outcome can never be known (counted for good: they may have been paid).
     */
    public synchronized long inFlightEstimateMicros() {
        return queryLong("""
        SELECT (SELECT COALESCE(SUM(estimated_cny_micros), 0) FROM tasks
                WHERE project_id = ? AND status IN ('intent', 'unknown', 'queued', 'running'))
             + (SELECT COALESCE(SUM(estimated_cny_micros), 0) FROM charges
                WHERE project_id = ? AND status IN ('estimated', 'unknown'))""", project, project);
    }

    // ---- charges (images, chat) ----

    /** Records a charge's estimate, before its call is made. */
    public synchronized void insertCharge(ChargeRecord c) {
        update(
                """
        INSERT INTO charges (project_id, charge_id, kind, model, unit, subject_kind, episode_id, subject_id, purpose,
                             status, estimated_units, estimated_cny_micros, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'estimated', ?, ?, ?)""",
                project,
                c.chargeId(),
                c.kind(),
                c.model(),
                c.unit(),
                c.subjectKind(),
                c.episodeId(),
                c.subjectId(),
                c.purpose(),
                c.estimatedUnits(),
                c.estimatedCnyMicros(),
                c.createdAt());
    }

    /**
     * Records what the service billed. A charge recorded as unknown may still be billed (its answer arrived after
     * all); a failed or billed one is left as it is.
     *
     * @return whether the charge was open
     */
    public synchronized boolean billCharge(String chargeId, long units, long cnyMicros, long now) {
        return update("""
        UPDATE charges SET status = 'billed', billed_units = ?, billed_cny_micros = ?, finished_at = ?
        WHERE charge_id = ? AND status IN ('estimated', 'unknown')""", units, cnyMicros, now, chargeId) == 1;
    }

    /** The call provably billed nothing (refused, or never sent). */
    public synchronized boolean failCharge(String chargeId, String errorCode, String note, long now) {
        return update("""
        UPDATE charges SET status = 'failed', billed_units = 0, billed_cny_micros = 0, error_code = ?, note = ?,
                           finished_at = ?
        WHERE charge_id = ? AND status IN ('estimated', 'unknown')""", errorCode, note, now, chargeId) == 1;
    }

    /** The call was sent and no answer came: it may have been billed, and nothing can tell. */
    public synchronized boolean markChargeUnknown(String chargeId, String note, long now) {
        return update(
                        "UPDATE charges SET status = 'unknown', note = ? WHERE charge_id = ? AND status = 'estimated'",
                        note,
                        chargeId)
                == 1;
    }

    public synchronized Optional<ChargeRecord> charge(String chargeId) {
        return first(query(CHARGE_SELECT + " WHERE charge_id = ?", StudioStore::charge, chargeId));
    }

    /** Every charge, in the order they were recorded. */
    public synchronized List<ChargeRecord> charges() {
        return query(
                CHARGE_SELECT + " WHERE project_id = ? ORDER BY created_at, charge_id", StudioStore::charge, project);
    }

    private static final String CHARGE_SELECT = """
      SELECT charge_id, kind, model, unit, subject_kind, episode_id, subject_id, purpose, status, estimated_units,
             estimated_cny_micros, billed_units, billed_cny_micros, error_code, note, created_at, finished_at
      FROM charges""";

    private static ChargeRecord charge(ResultSet rs) throws SQLException {
        return new ChargeRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getLong(10),
                rs.getLong(11),
                nullableLong(rs, 12),
                nullableLong(rs, 13),
                rs.getString(14),
                rs.getString(15),
                rs.getLong(16),
                nullableLong(rs, 17));
    }

    /** Estimated and billed tokens and CNY per episode (in episode order). */
    public synchronized Map<String, long[]> ledgerByEpisode() {
        Map<String, long[]> byEpisode = new LinkedHashMap<>();
        query(
                """
        SELECT episode_id, COALESCE(SUM(estimated_tokens), 0), COALESCE(SUM(estimated_cny_micros), 0),
               COALESCE(SUM(billed_tokens), 0), COALESCE(SUM(billed_cny_micros), 0)
        FROM tasks WHERE project_id = ? GROUP BY episode_id ORDER BY episode_id""",
                rs -> byEpisode.put(
                        rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}),
                project);
        return byEpisode;
    }

    // ---- approvals ----

    /** Records that {@code by} approved the cut {@code stamp} of an episode (again: the latest time counts). */
    public synchronized void approve(String episode, String stamp, String by, String note, long now) {
        inTransaction(() -> {
            update(
                    "DELETE FROM approvals WHERE project_id = ? AND episode_id = ? AND stamp = ?",
                    project,
                    episode,
                    stamp);
            update(
                    "INSERT INTO approvals (project_id, episode_id, stamp, approved_by, approved_at, note)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    project,
                    episode,
                    stamp,
                    by,
                    now,
                    note);
        });
    }

    /** Every approval, oldest first. */
    public synchronized List<ApprovalRecord> approvals() {
        return query(
                "SELECT episode_id, stamp, approved_by, approved_at, note FROM approvals WHERE project_id = ?"
                        + " ORDER BY approved_at, episode_id",
                rs -> new ApprovalRecord(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)),
                project);
    }

    /** An episode's cut approved on the board. */
    public record ApprovalRecord(String episode, String stamp, String by, long atMillis, String note) {}

    /**
     * A value that changes whenever what a reader shows may have changed: an event, a task's status or cost (tasks
     * change without an event while queued and running), a take, a pick, an approval or a worker that comes or goes.
     * Cheap enough to ask often.
     */
    public synchronized String changeMark() {
        return first(query("""
                SELECT (SELECT value FROM counters WHERE name = 'event_seq'),
                       (SELECT COUNT(*) FROM tasks), (SELECT COALESCE(MAX(updated_at), 0) FROM tasks),
                       (SELECT COUNT(*) FROM takes), (SELECT COALESCE(MAX(finished_at), 0) FROM takes),
                       (SELECT COUNT(*) FROM picks), (SELECT COALESCE(SUM(take_no), 0) FROM picks),
                       (SELECT COUNT(*) FROM approvals), (SELECT COALESCE(MAX(approved_at), 0) FROM approvals),
                       (SELECT COUNT(*) FROM workers)""", rs -> {
                    StringBuilder mark = new StringBuilder();
                    for (int i = 1; i <= 10; i++) {
                        mark.append(rs.getLong(i)).append('.');
                    }
                    return mark.toString();
                }))
                .orElse("");
    }

    // ---- events ----

    /**
     * Appends an event. Its number comes from a counter row incremented in the same transaction, so numbers rise in
     * commit order across processes (the counter's row lock orders concurrent writers).
     */
    public synchronized void event(ShotKey shot, String kind, String detail, long now) {
        inTransaction(() -> {
            update("UPDATE counters SET value = value + 1 WHERE name = 'event_seq'");
            long seq = queryLong("SELECT value FROM counters WHERE name = 'event_seq'");
            update(
                    """
            INSERT INTO events (project_id, event_id, at_millis, seq, episode_id, shot_id, kind, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    project,
                    UUID.randomUUID().toString(),
                    now,
                    seq,
                    shot == null ? null : shot.episode(),
                    shot == null ? null : shot.shot(),
                    kind,
                    detail);
        });
    }

    public synchronized List<EventRecord> events() {
        return events(0, Integer.MAX_VALUE);
    }

    /** At most {@code limit} events numbered above {@code afterSeq}, in order. */
    public synchronized List<EventRecord> events(long afterSeq, int limit) {
        return query(
                """
        SELECT seq, at_millis, episode_id, shot_id, kind, detail FROM events WHERE project_id = ? AND seq > ?
        ORDER BY seq LIMIT ?""",
                rs -> new EventRecord(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3) == null ? null : new ShotKey(rs.getString(3), rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6)),
                project,
                afterSeq,
                limit);
    }

    /** The number of the last event committed (0 when there is none). */
    public synchronized long lastEventSeq() {
        return queryLong("SELECT value FROM counters WHERE name = 'event_seq'");
    }

    // ---- facts and skips ----

    /** Sets facts about the project as planned (a null value removes the fact). */
    public synchronized void saveFacts(Map<String, String> facts) {
        inTransaction(() -> {
            lockProject(System.currentTimeMillis());
            facts.forEach((name, value) -> {
                update("DELETE FROM project_facts WHERE project_id = ? AND name = ?", project, name);
                if (value != null) {
                    update(
                            "INSERT INTO project_facts (project_id, name, value) VALUES (?, ?, ?)",
                            project,
                            name,
                            value);
                }
            });
        });
    }

    public synchronized Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        query(
                "SELECT name, value FROM project_facts WHERE project_id = ? ORDER BY name",
                rs -> facts.put(rs.getString(1), rs.getString(2)),
                project);
        return facts;
    }

    /** Records why {@code shot} (with {@code identity}) was not sent in this run; replaces an earlier record. */
    public synchronized void skip(ShotKey shot, String identity, String reason, String message, long now) {
        inTransaction(() -> {
            lockProject(now);
            clearSkip(shot);
            update("""
            INSERT INTO shot_skips (project_id, episode_id, shot_id, identity, reason, message, at_millis)
            VALUES (?, ?, ?, ?, ?, ?, ?)""", project, shot.episode(), shot.shot(), identity, reason, message, now);
        });
    }

    private void clearSkip(ShotKey shot) {
        update(
                "DELETE FROM shot_skips WHERE project_id = ? AND episode_id = ? AND shot_id = ?",
                project,
                shot.episode(),
                shot.shot());
    }

    public synchronized List<SkipRecord> skips() {
        return query(
                "SELECT episode_id, shot_id, identity, reason, message, at_millis FROM shot_skips WHERE project_id = ?",
                rs -> new SkipRecord(
                        new ShotKey(rs.getString(1), rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)),
                project);
    }

    /** Every shot's picked take. */
    public synchronized Map<ShotKey, Integer> picks() {
        Map<ShotKey, Integer> picks = new LinkedHashMap<>();
        query(
                "SELECT episode_id, shot_id, take_no FROM picks WHERE project_id = ?",
                rs -> picks.put(new ShotKey(rs.getString(1), rs.getString(2)), rs.getInt(3)),
                project);
        return picks;
    }

    /**
     * Runs {@code reads} as one read transaction, so that they see one state of the database (a reader opened with
     * {@link #openSqliteReader} takes no write lock for it; on PostgreSQL the transaction is repeatable-read).
     */
    public synchronized <T> T consistently(Supplier<T> reads) {
        Object[] result = new Object[1];
        inTransaction(
                dialect == Dialect.POSTGRESQL ? Connection.TRANSACTION_REPEATABLE_READ : -1,
                () -> result[0] = reads.get());
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new StudioException("cannot close the studio database: " + e.getMessage(), e);
            }
        }
    }

    // ---- JDBC helpers ----

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    void inTransaction(Runnable work) {
        inTransaction(-1, work);
    }

    /** Runs {@code work} in one transaction (with {@code isolation} unless -1); nested calls join it. */
    private void inTransaction(int isolation, Runnable work) {
        if (tx != null) {
            work.run(); // already inside a transaction of this store: it commits or rolls back as a whole
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (isolation != -1) {
                connection.setTransactionIsolation(isolation);
            }
            connection.setAutoCommit(false);
            tx = connection;
            try {
                work.run();
                connection.commit();
            } catch (RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                tx = null;
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: the database rolls the transaction back itself
        }
    }

    /** Runs {@code work} on the transaction's connection, or on one borrowed for this statement. */
    private <T> T withConnection(String sql, Work<T> work) {
        try {
            if (tx != null) {
                return work.run(tx);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage() + " in: " + sql, e);
        }
    }

    int update(String sql, Object... params) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.map(rs));
                    }
                }
                return rows;
            }
        });
    }

    long queryLong(String sql, Object... params) {
        return query(sql, rs -> rs.getLong(1), params).get(0);
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (p instanceof Integer v) {
                statement.setInt(i + 1, v);
            } else if (p instanceof Long v) {
                statement.setLong(i + 1, v);
            } else if (p instanceof Double v) {
                statement.setDouble(i + 1, v);
            } else {
                statement.setString(i + 1, p.toString());
            }
        }
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
