-- The project id of V7 in the keys of the sheets' and approvals' tables. SQLite cannot change a primary key in
-- place, so the keyed tables are copied into new ones, rows and project ids kept.
CREATE TABLE sheets_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  name                  VARCHAR(200) NOT NULL,
  kind                  VARCHAR(16)  NOT NULL,
  position              INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  model                 VARCHAR(200) NOT NULL,
  size                  VARCHAR(16)  NOT NULL,
  seed                  BIGINT,
  style                 VARCHAR(200) NOT NULL,
  prompt                TEXT         NOT NULL,
  estimated_cny_micros  BIGINT       NOT NULL,
  planned_at            BIGINT       NOT NULL,
  PRIMARY KEY (project_id, name)
);
INSERT INTO sheets_new (project_id, name, kind, position, identity, model, size, seed, style, prompt,
                        estimated_cny_micros, planned_at)
SELECT project_id, name, kind, position, identity, model, size, seed, style, prompt, estimated_cny_micros, planned_at
FROM sheets;
DROP TABLE sheets;
ALTER TABLE sheets_new RENAME TO sheets;

CREATE TABLE sheet_takes_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  name                  VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  seed                  BIGINT,
  style                 VARCHAR(200),
  state                 VARCHAR(16)  NOT NULL,
  reason                VARCHAR(32),
  message               TEXT,
  image_path            TEXT,
  image_sha256          VARCHAR(64),
  image_bytes           BIGINT,
  image_width           INTEGER,
  image_height          INTEGER,
  created_at            BIGINT       NOT NULL,
  finished_at           BIGINT,
  PRIMARY KEY (project_id, name, take_no)
);
INSERT INTO sheet_takes_new (project_id, name, take_no, identity, seed, style, state, reason, message, image_path,
                             image_sha256, image_bytes, image_width, image_height, created_at, finished_at)
SELECT project_id, name, take_no, identity, seed, style, state, reason, message, image_path, image_sha256,
       image_bytes, image_width, image_height, created_at, finished_at
FROM sheet_takes;
DROP TABLE sheet_takes;
ALTER TABLE sheet_takes_new RENAME TO sheet_takes;

DROP INDEX sheet_calls_by_take;
CREATE INDEX sheet_calls_by_take ON sheet_calls (project_id, name, take_no);

CREATE TABLE sheet_picks_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  name                  VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  PRIMARY KEY (project_id, name)
);
INSERT INTO sheet_picks_new (project_id, name, take_no) SELECT project_id, name, take_no FROM sheet_picks;
DROP TABLE sheet_picks;
ALTER TABLE sheet_picks_new RENAME TO sheet_picks;

CREATE TABLE approvals_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  episode_id            VARCHAR(200) NOT NULL,
  stamp                 VARCHAR(128) NOT NULL,
  approved_by           VARCHAR(200) NOT NULL,
  approved_at           BIGINT       NOT NULL,
  note                  TEXT,
  PRIMARY KEY (project_id, episode_id, stamp)
);
INSERT INTO approvals_new (project_id, episode_id, stamp, approved_by, approved_at, note)
SELECT project_id, episode_id, stamp, approved_by, approved_at, note FROM approvals;
DROP TABLE approvals;
ALTER TABLE approvals_new RENAME TO approvals;
