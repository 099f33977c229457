-- Leases per worker: a task's lease is alive while its holder's heartbeat is fresh (workers.heartbeat_at +
-- workers.lease_millis not past), so a heartbeat writes one row, however many tasks its worker holds. The per-task
-- expiry of V4 goes; lease_owner stays. Portable SQL (SQLite 3.35 and later drop a column in place).
ALTER TABLE tasks DROP COLUMN lease_until;

-- A reference sheet being made is claimed by one worker of its project, under the same lease rule (alive while that
-- worker's heartbeat is), so that two workers starting while a sheet is missing never both pay for it: the second
-- waits, or takes the claim over once its holder died. The row goes when the sheet is made or failed.
CREATE TABLE sheet_claims (
  project_id            VARCHAR(100) NOT NULL,
  name                  VARCHAR(200) NOT NULL,
  worker_id             VARCHAR(120) NOT NULL,
  claimed_at            BIGINT       NOT NULL,
  PRIMARY KEY (project_id, name)
);
