-- One database, many projects: a project id in every row and in every key. SQLite cannot change a primary key in
-- place, so the keyed tables are copied into new ones. Rows written before team mode get '' and are adopted by the
-- first project that opens the database (see StudioStore.open).
CREATE TABLE shots_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
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
  PRIMARY KEY (project_id, episode_id, shot_id)
);
INSERT INTO shots_new (episode_id, shot_id, position, identity, mode, model, seconds, resolution, ratio,
                       estimated_tokens, estimated_cny_micros, planned_at)
SELECT episode_id, shot_id, position, identity, mode, model, seconds, resolution, ratio, estimated_tokens,
       estimated_cny_micros, planned_at FROM shots;
DROP TABLE shots;
ALTER TABLE shots_new RENAME TO shots;

CREATE TABLE picks_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  PRIMARY KEY (project_id, episode_id, shot_id)
);
INSERT INTO picks_new (episode_id, shot_id, take_no) SELECT episode_id, shot_id, take_no FROM picks;
DROP TABLE picks;
ALTER TABLE picks_new RENAME TO picks;

CREATE TABLE takes_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  seed                  BIGINT,
  state                 VARCHAR(16)  NOT NULL,
  reason                VARCHAR(32),
  delivered_intent_id   VARCHAR(36),
  created_at            BIGINT       NOT NULL,
  finished_at           BIGINT,
  PRIMARY KEY (project_id, episode_id, shot_id, take_no)
);
INSERT INTO takes_new (episode_id, shot_id, take_no, identity, seed, state, reason, delivered_intent_id, created_at,
                       finished_at)
SELECT episode_id, shot_id, take_no, identity, seed, state, reason, delivered_intent_id, created_at, finished_at
FROM takes;
DROP TABLE takes;
ALTER TABLE takes_new RENAME TO takes;
CREATE INDEX takes_by_identity ON takes (identity, state);

CREATE TABLE project_facts_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  name                  VARCHAR(40)  NOT NULL,
  value                 TEXT,
  PRIMARY KEY (project_id, name)
);
INSERT INTO project_facts_new (name, value) SELECT name, value FROM project_facts;
DROP TABLE project_facts;
ALTER TABLE project_facts_new RENAME TO project_facts;

CREATE TABLE shot_skips_new (
  project_id            VARCHAR(100) NOT NULL DEFAULT '',
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  reason                VARCHAR(32)  NOT NULL,
  message               TEXT,
  at_millis             BIGINT       NOT NULL,
  PRIMARY KEY (project_id, episode_id, shot_id)
);
INSERT INTO shot_skips_new (episode_id, shot_id, identity, reason, message, at_millis)
SELECT episode_id, shot_id, identity, reason, message, at_millis FROM shot_skips;
DROP TABLE shot_skips;
ALTER TABLE shot_skips_new RENAME TO shot_skips;

ALTER TABLE tasks ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
DROP INDEX tasks_by_shot;
CREATE INDEX tasks_by_shot ON tasks (project_id, episode_id, shot_id, take_no);
CREATE INDEX tasks_by_project ON tasks (project_id, status);

ALTER TABLE events ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
CREATE INDEX events_by_project ON events (project_id, seq);

-- charges (V3: images and chat) belong to a project like the tasks
ALTER TABLE charges ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
CREATE INDEX charges_by_project ON charges (project_id, status);
