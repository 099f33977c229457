package dev.seedance4j.studio.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference sheets' state (V6) over a {@link StudioStore}'s connection: planned sheets, takes, the image calls of
 * each take (their money is a charge of the ledger) and picks, of the store's project (V7). Every method locks the
 * store, like its own methods.
 */
public final class SheetStore {
    private final StudioStore store;

    public SheetStore(StudioStore store) {
        this.store = store;
    }

    /** A sheet as planned. */
    public record Planned(
            String name,
            String kind,
            int position,
            String identity,
            String model,
            String size,
            Long seed,
            String style,
            String prompt,
            long estimatedCnyMicros) {}

    /** A take of a sheet; {@code seed} and {@code style} are its own when it has them (regen). */
    public record Take(
            String name,
            int takeNo,
            String identity,
            Long seed,
            String style,
            String state,
            String reason,
            String message,
            String imagePath,
            String imageSha256,
            Long imageBytes,
            Integer width,
            Integer height,
            long createdAt) {
        public boolean delivered() {
            return state.equals("delivered");
        }

        public boolean pending() {
            return state.equals("pending");
        }
    }

    /** One image call of a take, with the status of its charge. */
    public record Call(
            String chargeId,
            String name,
            int takeNo,
            String requestJson,
            String imageUrl,
            String imageSize,
            String status) {}

    /** What a kept sheet image is. */
    public record Image(String path, String sha256, long bytes, int width, int height) {}

    public void savePlanned(Collection<Planned> sheets, long now) {
        synchronized (store) {
            store.inTransaction(() -> {
                // workers planning the project at once run one after the other, as for its shots
                store.lockProject(now);
                store.update("DELETE FROM sheets WHERE project_id = ?", store.project());
                for (Planned s : sheets) {
                    store.update(
                            """
                INSERT INTO sheets (project_id, name, kind, position, identity, model, size, seed, style, prompt,
                                    estimated_cny_micros, planned_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                            store.project(),
                            s.name(),
                            s.kind(),
                            s.position(),
                            s.identity(),
                            s.model(),
                            s.size(),
                            s.seed(),
                            s.style(),
                            s.prompt(),
                            s.estimatedCnyMicros(),
                            now);
                }
            });
        }
    }

    public List<Planned> planned() {
        synchronized (store) {
            return store.query(
                    """
            SELECT name, kind, position, identity, model, size, seed, style, prompt, estimated_cny_micros
            FROM sheets WHERE project_id = ? ORDER BY position""",
                    rs -> new Planned(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            StudioStore.nullableLong(rs, 7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getLong(10)),
                    store.project());
        }
    }

    /** Starts a new take; its number is one more than the highest so far. */
    public int newTake(String name, String identity, Long seed, String style, long now) {
        synchronized (store) {
            int[] takeNo = new int[1];
            store.inTransaction(() -> {
                takeNo[0] = (int) store.queryLong(
                        "SELECT COALESCE(MAX(take_no), 0) + 1 FROM sheet_takes WHERE project_id = ? AND name = ?",
                        store.project(),
                        name);
                store.update("""
                INSERT INTO sheet_takes (project_id, name, take_no, identity, seed, style, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)""", store.project(), name, takeNo[0], identity, seed, style, now);
            });
            return takeNo[0];
        }
    }

    public List<Take> takes(String name) {
        synchronized (store) {
            return store.query(TAKE_SELECT + " AND name = ? ORDER BY take_no", SheetStore::take, store.project(), name);
        }
    }

    public List<Take> allTakes() {
        synchronized (store) {
            return store.query(TAKE_SELECT + " ORDER BY name, take_no", SheetStore::take, store.project());
        }
    }

    private static final String TAKE_SELECT = """
      SELECT name, take_no, identity, seed, style, state, reason, message, image_path, image_sha256, image_bytes,
             image_width, image_height, created_at
      FROM sheet_takes WHERE project_id = ?""";

    private static Take take(ResultSet rs) throws SQLException {
        return new Take(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                StudioStore.nullableLong(rs, 4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                StudioStore.nullableLong(rs, 11),
                StudioStore.nullableInt(rs, 12),
                StudioStore.nullableInt(rs, 13),
                rs.getLong(14));
    }

    /** The intent of an image call: its charge (estimated) and its link to the take, in one transaction. */
    public void insertCall(ChargeRecord charge, String name, int takeNo, String requestJson) {
        synchronized (store) {
            store.inTransaction(() -> {
                store.insertCharge(charge);
                store.update("""
                INSERT INTO sheet_calls (project_id, charge_id, name, take_no, request_json, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", store.project(), charge.chargeId(), name, takeNo, requestJson, charge.createdAt());
            });
        }
    }

    /** The call answered: its charge is billed and its link kept, in one transaction (before the download). */
    public void answered(String chargeId, long images, long cnyMicros, String imageUrl, String imageSize, long now) {
        synchronized (store) {
            store.inTransaction(() -> {
                store.billCharge(chargeId, images, cnyMicros, now);
                store.update(
                        "UPDATE sheet_calls SET image_url = ?, image_size = ? WHERE charge_id = ?",
                        imageUrl,
                        imageSize,
                        chargeId);
            });
        }
    }

    /** The calls of a take with their charges' status, in order. */
    public List<Call> calls(String name, int takeNo) {
        synchronized (store) {
            return store.query(
                    """
            SELECT c.charge_id, c.name, c.take_no, c.request_json, c.image_url, c.image_size, g.status
            FROM sheet_calls c JOIN charges g ON g.charge_id = c.charge_id
            WHERE c.project_id = ? AND c.name = ? AND c.take_no = ? ORDER BY c.created_at, c.charge_id""",
                    rs -> new Call(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7)),
                    store.project(),
                    name,
                    takeNo);
        }
    }

    public void deliver(String name, int takeNo, Image image, long now) {
        synchronized (store) {
            store.update(
                    """
            UPDATE sheet_takes SET state = 'delivered', image_path = ?, image_sha256 = ?, image_bytes = ?,
                                   image_width = ?, image_height = ?, finished_at = ?
            WHERE project_id = ? AND name = ? AND take_no = ?""",
                    image.path(),
                    image.sha256(),
                    image.bytes(),
                    image.width(),
                    image.height(),
                    now,
                    store.project(),
                    name,
                    takeNo);
        }
    }

    public void fail(String name, int takeNo, String reason, String message, long now) {
        synchronized (store) {
            store.update("""
            UPDATE sheet_takes SET state = 'failed', reason = ?, message = ?, finished_at = ?
            WHERE project_id = ? AND name = ? AND take_no = ? AND state = 'pending'""", reason, message, now, store.project(), name, takeNo);
        }
    }

    public Optional<Integer> picked(String name) {
        synchronized (store) {
            List<Integer> rows = store.query(
                    "SELECT take_no FROM sheet_picks WHERE project_id = ? AND name = ?",
                    rs -> rs.getInt(1),
                    store.project(),
                    name);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    public Map<String, Integer> picks() {
        synchronized (store) {
            Map<String, Integer> picks = new LinkedHashMap<>();
            store.query(
                    "SELECT name, take_no FROM sheet_picks WHERE project_id = ?",
                    rs -> picks.put(rs.getString(1), rs.getInt(2)),
                    store.project());
            return picks;
        }
    }

    public void pick(String name, int takeNo) {
        synchronized (store) {
            store.inTransaction(() -> {
                store.lockProject(System.currentTimeMillis());
                store.update("DELETE FROM sheet_picks WHERE project_id = ? AND name = ?", store.project(), name);
                store.update(
                        "INSERT INTO sheet_picks (project_id, name, take_no) VALUES (?, ?, ?)",
                        store.project(),
                        name,
                        takeNo);
            });
        }
    }

    /**
     * Claims the sheet {@code name} for {@code lease}'s worker, which then alone makes it: unless another worker
     * holds the claim under the store's lease rule, or held it until less than {@code graceMillis} ago (an image call
     * it let through its fence may still be answered). A claim of this worker is kept.
     *
     * @return the worker holding the claim when it is not this one (empty: claimed)
     */
    public Optional<String> claim(String name, StudioStore.Lease lease, long graceMillis, long now) {
        synchronized (store) {
            Object[] holder = new Object[1];
            store.inTransaction(() -> {
                store.update(
                        "INSERT INTO sheet_claims (project_id, name, worker_id, claimed_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (project_id, name) DO NOTHING",
                        store.project(),
                        name,
                        lease.worker(),
                        now);
                if (store.update(
                                "UPDATE sheet_claims SET worker_id = ?, claimed_at = ? WHERE project_id = ? AND name = ?"
                                        + " AND (worker_id = ? OR NOT " + StudioStore.heldAt("sheet_claims.worker_id")
                                        + ")",
                                lease.worker(),
                                now,
                                store.project(),
                                name,
                                lease.worker(),
                                now - graceMillis)
                        == 0) {
                    holder[0] = store.query(
                                    "SELECT worker_id FROM sheet_claims WHERE project_id = ? AND name = ?",
                                    rs -> rs.getString(1),
                                    store.project(),
                                    name)
                            .get(0);
                }
            });
            return Optional.ofNullable((String) holder[0]);
        }
    }

    /**
     * Whether {@code worker} holds its claim on the sheet at {@code at} (asked with a later time: the fence an image
     * call passes right before it is sent).
     */
    public boolean holdsClaim(String name, String worker, long at) {
        synchronized (store) {
            return !store.query(
                            "SELECT 1 FROM sheet_claims WHERE project_id = ? AND name = ? AND worker_id = ? AND "
                                    + StudioStore.heldAt("sheet_claims.worker_id"),
                            rs -> 1,
                            store.project(),
                            name,
                            worker,
                            at)
                    .isEmpty();
        }
    }

    /** Gives up {@code worker}'s claim on the sheet (it is made, or failed). */
    public void release(String name, String worker) {
        synchronized (store) {
            store.update(
                    "DELETE FROM sheet_claims WHERE project_id = ? AND name = ? AND worker_id = ?",
                    store.project(),
                    name,
                    worker);
        }
    }

    /** The store the sheets' events and charges go to. */
    public StudioStore studio() {
        return store;
    }
}
