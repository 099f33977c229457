package dev.seedance4j.studio.internal.store;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The studio's durable state: shots, takes, tasks and events, in plain SQL over JDBC.
 *
 * <p>Every write is committed before the method returns, so a process killed at any instant leaves a consistent
 * database (SQLite in WAL mode survives a SIGKILL of the writer). One connection is shared under a lock: the engine
 * is one process and SQLite has one writer anyway.
 */
public final class StudioStore implements AutoCloseable {
    private final Connection connection;

    private StudioStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating and migrating as needed) the SQLite state file {@code database}. */
    public static StudioStore openSqlite(Path database) {
        return open(sqliteDataSource(database));
    }

    /**
     * Opens the SQLite state file {@code database} for reading beside a running engine (another process, or a board
     * in this one): its read transactions take no write lock, so they never hold the engine up.
     */
    public static StudioStore openSqliteReader(Path database) {
        SQLiteConfig config = sqliteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        return open(sqliteDataSource(database, config));
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
        // Transactions take the write lock at BEGIN, so "check, then insert" (claimIntent) is atomic across processes.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** Migrates {@code dataSource} with Flyway and opens the store on it (any database the schema runs on). */
    public static StudioStore open(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:dev/seedance4j/studio/internal/store/migration")
                .table("studio_schema_history")
                .load()
                .migrate();
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return new StudioStore(connection);
        } catch (SQLException e) {
            throw new StudioException("cannot open the studio database: " + e.getMessage(), e);
        }
    }

    // ---- shots ----

    public synchronized void saveShots(Collection<ShotRecord> shots, long now) {
        inTransaction(() -> {
            update("DELETE FROM shots WHERE 1 = 1");
            for (ShotRecord s : shots) {
                update(
                        """
            INSERT INTO shots (episode_id, shot_id, position, identity, mode, model, seconds, resolution, ratio,
                               estimated_tokens, estimated_cny_micros, planned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
        FROM shots ORDER BY position""",
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
                        rs.getLong(11)));
    }

    /** The take an episode uses for this shot, as chosen by {@code pick}; kept across re-planning. */
    public synchronized Optional<Integer> pickedTake(ShotKey shot) {
        return first(query(
                "SELECT take_no FROM picks WHERE episode_id = ? AND shot_id = ?",
                rs -> rs.getInt(1),
                shot.episode(),
                shot.shot()));
    }

    public synchronized void pick(ShotKey shot, int takeNo) {
        inTransaction(() -> {
            update("DELETE FROM picks WHERE episode_id = ? AND shot_id = ?", shot.episode(), shot.shot());
            update(
                    "INSERT INTO picks (episode_id, shot_id, take_no) VALUES (?, ?, ?)",
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
                    "SELECT COALESCE(MAX(take_no), 0) + 1 FROM takes WHERE episode_id = ? AND shot_id = ?",
                    shot.episode(),
                    shot.shot());
            update("""
          INSERT INTO takes (episode_id, shot_id, take_no, identity, seed, state, created_at)
          VALUES (?, ?, ?, ?, ?, 'pending', ?)""", shot.episode(), shot.shot(), takeNo[0], identity, seed, now);
        });
        return takeNo[0];
    }

    /**
     * Records a verified clip: the task becomes delivered and its take too, in one transaction. {@code clipBytes} and
     * {@code clipMtime} are the file's size and modification time (Unix ms) as kept, so that a later check can trust
     * a file that still has them without hashing it.
     */
    public synchronized void deliver(TaskRecord task, Delivery clip, long now) {
        inTransaction(() -> {
            markDelivered(task.intentId(), clip, now);
            finishTake(task.shot(), task.takeNo(), true, null, task.intentId(), now);
        });
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
        update("""
        UPDATE takes SET state = ?, reason = ?, delivered_intent_id = ?, finished_at = ?
        WHERE episode_id = ? AND shot_id = ? AND take_no = ?""", delivered ? "delivered" : "failed", reason, intentId, now, shot.episode(), shot.shot(), takeNo);
    }

    public synchronized List<TakeRecord> takes(ShotKey shot) {
        return query("""
        SELECT episode_id, shot_id, take_no, identity, state, reason, delivered_intent_id, created_at, finished_at,
               seed
        FROM takes WHERE episode_id = ? AND shot_id = ? ORDER BY take_no""", StudioStore::take, shot.episode(), shot.shot());
    }

    public synchronized List<TakeRecord> allTakes() {
        return query("""
        SELECT episode_id, shot_id, take_no, identity, state, reason, delivered_intent_id, created_at, finished_at,
               seed
        FROM takes ORDER BY episode_id, shot_id, take_no""", StudioStore::take);
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

    /** The intent row, written before the create call. */
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
        update(
                """
        INSERT INTO tasks (intent_id, episode_id, shot_id, take_no, identity, status, model, seed, request_json,
                           estimated_tokens, estimated_cny_micros, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'intent', ?, ?, ?, ?, ?, ?, ?)""",
                intentId,
                shot.episode(),
                shot.shot(),
                takeNo,
                identity,
                model,
                seed,
                requestJson,
                estimatedTokens,
                estimatedCnyMicros,
                now,
                now);
    }

    /** What {@link #claimIntent} did: the take the intent belongs to, or the open task that already covers the shot. */
    public record Claim(int takeNo, TaskRecord alreadyOpen) {}

    /**
     * Writes the intent row unless a task for the same shot and identity is already open (sent by another run of the
     * same project, perhaps in another process): then nothing is written and that task is returned, so that a shot
     * is never paid twice because two runs overlapped. With {@code takeNo} null a new take is started.
     */
    public synchronized Claim claimIntent(
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
            long now) {
        Claim[] claim = new Claim[1];
        inTransaction(() -> {
            // Lock the shot's row first (a row lock on PostgreSQL, the database lock on SQLite), so that a second run
            // claiming the same shot waits here and then sees this intent.
            update(
                    "UPDATE shots SET planned_at = planned_at WHERE episode_id = ? AND shot_id = ?",
                    shot.episode(),
                    shot.shot());
            List<TaskRecord> open = query(
                    TASK_SELECT + " WHERE episode_id = ? AND shot_id = ? AND identity = ?"
                            + " AND status IN ('intent', 'unknown', 'queued', 'running', 'succeeded')",
                    StudioStore::task,
                    shot.episode(),
                    shot.shot(),
                    identity);
            if (!open.isEmpty()) {
                claim[0] = new Claim(open.get(0).takeNo(), open.get(0));
                return;
            }
            int take = takeNo != null ? takeNo : newTake(shot, identity, takeSeed, now);
            clearSkip(shot);
            insertIntent(
                    intentId, shot, take, identity, model, seed, requestJson, estimatedTokens, estimatedCnyMicros, now);
            claim[0] = new Claim(take, null);
        });
        return claim[0];
    }

    public synchronized void markUnknown(String intentId, String detail, long now) {
        update(
                "UPDATE tasks SET status = 'unknown', error_message = ?, updated_at = ? WHERE intent_id = ?",
                detail,
                now,
                intentId);
    }

    public synchronized void markSubmitted(String intentId, String remoteId, long now) {
        update("""
        UPDATE tasks SET remote_id = ?, status = 'queued', submitted_at = ?, updated_at = ?
        WHERE intent_id = ?""", remoteId, now, now, intentId);
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
        update(
                """
        UPDATE tasks SET status = 'delivered', clip_path = ?, clip_sha256 = ?, last_frame_path = ?,
                         last_frame_sha256 = ?, clip_seconds = ?, clip_width = ?, clip_height = ?, clip_bytes = ?,
                         clip_mtime = ?, finished_at = ?, updated_at = ?
        WHERE intent_id = ?""",
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
        return query(TASK_SELECT + " ORDER BY created_at, intent_id", StudioStore::task);
    }

    public synchronized List<TaskRecord> tasksIn(Collection<TaskState> states) {
        String in = states.stream().map(s -> "'" + s.db() + "'").collect(Collectors.joining(", "));
        return query(TASK_SELECT + " WHERE status IN (" + in + ") ORDER BY created_at, intent_id", StudioStore::task);
    }

    /** Every task of {@code shot}, in creation order. */
    public synchronized List<TaskRecord> tasksOf(ShotKey shot) {
        return query(
                TASK_SELECT + " WHERE episode_id = ? AND shot_id = ? ORDER BY created_at, intent_id",
                StudioStore::task,
                shot.episode(),
                shot.shot());
    }

    public synchronized List<TaskRecord> tasksOf(ShotKey shot, int takeNo) {
        return query(
                TASK_SELECT + " WHERE episode_id = ? AND shot_id = ? AND take_no = ? ORDER BY created_at",
                StudioStore::task,
                shot.episode(),
                shot.shot(),
                takeNo);
    }

    private static final String TASK_SELECT = """
      SELECT intent_id, episode_id, shot_id, take_no, identity, remote_id, status, model, seed, request_json,
             estimated_tokens, estimated_cny_micros, billed_tokens, billed_cny_micros, error_code, error_message,
             reason, video_url, last_frame_url, url_expires_at, clip_path, clip_sha256, last_frame_path,
             last_frame_sha256, clip_seconds, clip_width, clip_height, created_at, submitted_at, finished_at,
             clip_bytes, clip_mtime
      FROM tasks""";

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
                nullableLong(rs, 32));
    }

    // ---- ledger ----

    /** Money billed so far (micro-CNY), over every task and every charge (images, chat) of the project. */
    public synchronized long spentCnyMicros() {
        return queryLong("""
        SELECT (SELECT COALESCE(SUM(billed_cny_micros), 0) FROM tasks)
             + (SELECT COALESCE(SUM(billed_cny_micros), 0) FROM charges)""");
    }

    /**
     * Estimated cost (micro-CNY) of what may still be billed: tasks submitted or about to be and not yet finished,
     * and charges not yet answered or whose outcome can never be known (counted for good: they may have been paid).
     */
    public synchronized long inFlightEstimateMicros() {
        return queryLong("""
        SELECT (SELECT COALESCE(SUM(estimated_cny_micros), 0) FROM tasks
                WHERE status IN ('intent', 'unknown', 'queued', 'running'))
             + (SELECT COALESCE(SUM(estimated_cny_micros), 0) FROM charges
                WHERE status IN ('estimated', 'unknown'))""");
    }

    // ---- charges (images, chat) ----

    /** Records a charge's estimate, before its call is made. */
    public synchronized void insertCharge(ChargeRecord c) {
        update(
                """
        INSERT INTO charges (charge_id, kind, model, unit, subject_kind, episode_id, subject_id, purpose, status,
                             estimated_units, estimated_cny_micros, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'estimated', ?, ?, ?)""",
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
        return query(CHARGE_SELECT + " ORDER BY created_at, charge_id", StudioStore::charge);
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
        FROM tasks GROUP BY episode_id ORDER BY episode_id""",
                rs -> byEpisode.put(
                        rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}));
        return byEpisode;
    }

    // ---- approvals ----

    /** Records that {@code by} approved the cut {@code stamp} of an episode (again: the latest time counts). */
    public synchronized void approve(String episode, String stamp, String by, String note, long now) {
        inTransaction(() -> {
            update("DELETE FROM approvals WHERE episode_id = ? AND stamp = ?", episode, stamp);
            update(
                    "INSERT INTO approvals (episode_id, stamp, approved_by, approved_at, note) VALUES (?, ?, ?, ?, ?)",
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
                "SELECT episode_id, stamp, approved_by, approved_at, note FROM approvals ORDER BY approved_at, episode_id",
                rs -> new ApprovalRecord(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
    }

    /** An episode's cut approved on the board. */
    public record ApprovalRecord(String episode, String stamp, String by, long atMillis, String note) {}

    /**
     * A value that changes whenever what a reader shows may have changed: an event, a task's status or cost (tasks
     * change without an event while queued and running), a take, a pick or an approval. Cheap enough to ask often.
     */
    public synchronized String changeMark() {
        return first(query("""
                SELECT (SELECT value FROM counters WHERE name = 'event_seq'),
                       (SELECT COUNT(*) FROM tasks), (SELECT COALESCE(MAX(updated_at), 0) FROM tasks),
                       (SELECT COUNT(*) FROM takes), (SELECT COALESCE(MAX(finished_at), 0) FROM takes),
                       (SELECT COUNT(*) FROM picks), (SELECT COALESCE(SUM(take_no), 0) FROM picks),
                       (SELECT COUNT(*) FROM approvals), (SELECT COALESCE(MAX(approved_at), 0) FROM approvals)""", rs -> {
                    StringBuilder mark = new StringBuilder();
                    for (int i = 1; i <= 9; i++) {
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
            INSERT INTO events (event_id, at_millis, seq, episode_id, shot_id, kind, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)""",
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
        SELECT seq, at_millis, episode_id, shot_id, kind, detail FROM events WHERE seq > ?
        ORDER BY seq LIMIT ?""",
                rs -> new EventRecord(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3) == null ? null : new ShotKey(rs.getString(3), rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6)),
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
        inTransaction(() -> facts.forEach((name, value) -> {
            update("DELETE FROM project_facts WHERE name = ?", name);
            if (value != null) {
                update("INSERT INTO project_facts (name, value) VALUES (?, ?)", name, value);
            }
        }));
    }

    public synchronized Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        query("SELECT name, value FROM project_facts ORDER BY name", rs -> facts.put(rs.getString(1), rs.getString(2)));
        return facts;
    }

    /** Records why {@code shot} (with {@code identity}) was not sent in this run; replaces an earlier record. */
    public synchronized void skip(ShotKey shot, String identity, String reason, String message, long now) {
        inTransaction(() -> {
            clearSkip(shot);
            update("""
            INSERT INTO shot_skips (episode_id, shot_id, identity, reason, message, at_millis)
            VALUES (?, ?, ?, ?, ?, ?)""", shot.episode(), shot.shot(), identity, reason, message, now);
        });
    }

    private void clearSkip(ShotKey shot) {
        update("DELETE FROM shot_skips WHERE episode_id = ? AND shot_id = ?", shot.episode(), shot.shot());
    }

    public synchronized List<SkipRecord> skips() {
        return query(
                "SELECT episode_id, shot_id, identity, reason, message, at_millis FROM shot_skips",
                rs -> new SkipRecord(
                        new ShotKey(rs.getString(1), rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)));
    }

    /** Every shot's picked take. */
    public synchronized Map<ShotKey, Integer> picks() {
        Map<ShotKey, Integer> picks = new LinkedHashMap<>();
        query(
                "SELECT episode_id, shot_id, take_no FROM picks",
                rs -> picks.put(new ShotKey(rs.getString(1), rs.getString(2)), rs.getInt(3)));
        return picks;
    }

    /**
     * Runs {@code reads} as one read transaction, so that they see one state of the database (a reader opened with
     * {@link #openSqliteReader} takes no write lock for it; on PostgreSQL the transaction is repeatable-read).
     */
    public synchronized <T> T consistently(java.util.function.Supplier<T> reads) {
        Object[] result = new Object[1];
        try {
            int isolation = connection.getTransactionIsolation();
            boolean repeatable = connection.getAutoCommit()
                    && connection
                            .getMetaData()
                            .supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)
                    && !connection
                            .getMetaData()
                            .getDatabaseProductName()
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("sqlite");
            if (repeatable) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            try {
                inTransaction(() -> result[0] = reads.get());
            } finally {
                if (repeatable) {
                    connection.setTransactionIsolation(isolation);
                }
            }
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StudioException("cannot close the studio database: " + e.getMessage(), e);
        }
    }

    // ---- JDBC helpers ----

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    void inTransaction(Runnable work) {
        try {
            if (!connection.getAutoCommit()) {
                work.run(); // already inside a transaction of this store: it commits or rolls back as a whole
                return;
            }
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage(), e);
        }
    }

    int update(String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage() + " in: " + sql, e);
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StudioException("database error: " + e.getMessage() + " in: " + sql, e);
        }
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
