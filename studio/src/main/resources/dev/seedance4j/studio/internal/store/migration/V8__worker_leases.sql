-- Leases per worker: a task's lease is alive while its holder's heartbeat is fresh (workers.heartbeat_at +
-- workers.lease_millis not past), so a heartbeat writes one row, however many tasks its worker holds. The per-task
-- expiry of V4 goes; lease_owner stays. Portable SQL (SQLite 3.35 and later drop a column in place).
ALTER TABLE tasks DROP COLUMN lease_until;
