-- Team mode: several workers (processes, machines) share the work of projects and one account's quota through this
-- database. Portable SQL; what differs per dialect (a project id in every key) is V4_1 in migration-<dialect>.

-- Who holds an open task: the worker that may create, reconcile, poll and fetch it until lease_until (Unix ms).
-- A worker renews its leases while it lives; when one expires another worker takes the task over by its remote id
-- (or reconciles an intent that has none). key_id: the fingerprint of the API key the task was created with.
ALTER TABLE tasks ADD COLUMN lease_owner VARCHAR(120);
ALTER TABLE tasks ADD COLUMN lease_until BIGINT;
ALTER TABLE tasks ADD COLUMN key_id VARCHAR(64);
CREATE INDEX tasks_by_key ON tasks (key_id, status);

-- The projects this database serves (one row per project id), so that `seedance worker` finds those with open work.
CREATE TABLE projects (
  project_id            VARCHAR(100) NOT NULL PRIMARY KEY,
  project_file          TEXT,
  output_dir            TEXT,
  state                 VARCHAR(16)  NOT NULL,   -- open | done
  updated_at            BIGINT       NOT NULL
);

-- Live workers: a heartbeat row each, for status and the board ("who holds what").
CREATE TABLE workers (
  worker_id             VARCHAR(120) NOT NULL PRIMARY KEY,
  host                  VARCHAR(200) NOT NULL,
  pid                   BIGINT       NOT NULL,
  started_at            BIGINT       NOT NULL,
  heartbeat_at          BIGINT       NOT NULL,
  lease_millis          BIGINT       NOT NULL
);

-- One row per API key (by fingerprint, never the key) with the limits the last worker that used it declared. A
-- claim locks this row, so in-flight counts and request stamps are checked and written atomically across workers.
CREATE TABLE api_keys (
  key_id                VARCHAR(64)  NOT NULL PRIMARY KEY,
  label                 VARCHAR(100) NOT NULL,
  max_in_flight         INTEGER      NOT NULL,
  requests_per_minute   INTEGER      NOT NULL,
  updated_at            BIGINT       NOT NULL
);

-- Every create sent with a key, kept for a minute: the requests-per-minute window shared by all workers.
CREATE TABLE key_requests (
  key_id                VARCHAR(64)  NOT NULL,
  at_millis             BIGINT       NOT NULL,
  intent_id             VARCHAR(36)  NOT NULL PRIMARY KEY
);
CREATE INDEX key_requests_by_key ON key_requests (key_id, at_millis);

-- An episode version is assembled once, by whichever worker claims it first.
CREATE TABLE assembly_claims (
  project_id            VARCHAR(100) NOT NULL,
  episode_id            VARCHAR(200) NOT NULL,
  version               VARCHAR(64)  NOT NULL,
  worker_id             VARCHAR(120) NOT NULL,
  state                 VARCHAR(16)  NOT NULL,   -- running | done | failed
  lease_until           BIGINT       NOT NULL,
  PRIMARY KEY (project_id, episode_id, version)
);
