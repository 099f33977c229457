-- The studio's state. Portable SQL: the same script is meant to run on PostgreSQL (no SQLite-only types,
-- no AUTOINCREMENT: keys are chosen by the application). Money is kept in micro-CNY (1 CNY = 1,000,000) so that
-- sums are exact. Times are Unix milliseconds.

-- One row per shot of the project as last planned.
CREATE TABLE shots (
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  position              INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  mode                  VARCHAR(32)  NOT NULL,
  model                 VARCHAR(200) NOT NULL,
  seconds               INTEGER      NOT NULL,
  resolution            VARCHAR(16)  NOT NULL,
  ratio                 VARCHAR(16)  NOT NULL,
  estimated_tokens      BIGINT       NOT NULL,
  estimated_cny_micros  BIGINT       NOT NULL,
  planned_at            BIGINT       NOT NULL,
  PRIMARY KEY (episode_id, shot_id)
);

-- The take an episode uses for a shot, chosen with pick (kept when the shot is planned again).
CREATE TABLE picks (
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  PRIMARY KEY (episode_id, shot_id)
);

-- Every generation of a shot is a take; regen adds one, pick chooses which one the episode uses.
CREATE TABLE takes (
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  seed                  BIGINT,                  -- the seed regen asked for; NULL = the project's
  state                 VARCHAR(16)  NOT NULL,   -- pending | delivered | failed
  reason                VARCHAR(32),
  delivered_intent_id   VARCHAR(36),
  created_at            BIGINT       NOT NULL,
  finished_at           BIGINT,
  PRIMARY KEY (episode_id, shot_id, take_no)
);
CREATE INDEX takes_by_identity ON takes (identity, state);

-- Every create request: the intent row is written before the HTTP call, the remote id right after it.
CREATE TABLE tasks (
  intent_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  remote_id             VARCHAR(64)  UNIQUE,
  status                VARCHAR(16)  NOT NULL,   -- intent | unknown | queued | running | succeeded | delivered | failed
  model                 VARCHAR(200) NOT NULL,
  seed                  BIGINT,
  request_json          TEXT         NOT NULL,
  estimated_tokens      BIGINT       NOT NULL,
  estimated_cny_micros  BIGINT       NOT NULL,
  billed_tokens         BIGINT,
  billed_cny_micros     BIGINT,
  error_code            VARCHAR(200),
  error_message         TEXT,
  reason                VARCHAR(32),
  video_url             TEXT,
  last_frame_url        TEXT,
  url_expires_at        BIGINT,
  clip_path             TEXT,
  clip_sha256           VARCHAR(64),
  last_frame_path       TEXT,
  last_frame_sha256     VARCHAR(64),
  clip_seconds          DOUBLE PRECISION,
  clip_width            INTEGER,
  clip_height           INTEGER,
  created_at            BIGINT       NOT NULL,
  submitted_at          BIGINT,
  finished_at           BIGINT,
  updated_at            BIGINT       NOT NULL
);
CREATE INDEX tasks_by_status ON tasks (status);
CREATE INDEX tasks_by_shot ON tasks (episode_id, shot_id, take_no);

-- What happened, in order: submissions, reconciliations and their decisions, failures, downloads.
CREATE TABLE events (
  event_id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  at_millis             BIGINT       NOT NULL,
  seq                   BIGINT       NOT NULL,
  episode_id            VARCHAR(200),
  shot_id               VARCHAR(200),
  kind                  VARCHAR(40)  NOT NULL,
  detail                TEXT         NOT NULL
);
CREATE INDEX events_in_order ON events (seq);
