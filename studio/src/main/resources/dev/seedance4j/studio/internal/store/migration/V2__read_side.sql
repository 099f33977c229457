-- The read side: what status, the engine and the board need to know without compiling the project again or
-- hashing clips. Portable SQL, like V1.

-- Size and modification time (Unix ms) of each delivered clip as recorded: a clip whose file still has them is
-- taken as the verified one without hashing it again.
ALTER TABLE tasks ADD COLUMN clip_bytes BIGINT;
ALTER TABLE tasks ADD COLUMN clip_mtime BIGINT;

-- Event numbers come from this counter, incremented in the transaction that writes the event, so that they rise
-- in commit order across processes and a reader can ask for "every event after N".
CREATE TABLE counters (
  name                  VARCHAR(40)  NOT NULL PRIMARY KEY,
  value                 BIGINT       NOT NULL
);
INSERT INTO counters (name, value) SELECT 'event_seq', COALESCE(MAX(seq), 0) FROM events;

-- Facts about the project as last planned (title, budget), for readers that do not open the project file.
CREATE TABLE project_facts (
  name                  VARCHAR(40)  NOT NULL PRIMARY KEY,
  value                 TEXT
);

-- Why a shot of the plan was not sent in the last run that tried (budget, a dependency that failed, the service
-- out of reach, a request that could not be built). A later claim of the shot clears it.
CREATE TABLE shot_skips (
  episode_id            VARCHAR(200) NOT NULL,
  shot_id               VARCHAR(200) NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  reason                VARCHAR(32)  NOT NULL,
  message               TEXT,
  at_millis             BIGINT       NOT NULL,
  PRIMARY KEY (episode_id, shot_id)
);
