-- One database, many projects: a project id in every row and in every key. Rows written before team mode get ''
-- and are adopted by the first project that opens the database (see StudioStore.open).
ALTER TABLE shots ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE shots DROP CONSTRAINT shots_pkey;
ALTER TABLE shots ADD PRIMARY KEY (project_id, episode_id, shot_id);

ALTER TABLE picks ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE picks DROP CONSTRAINT picks_pkey;
ALTER TABLE picks ADD PRIMARY KEY (project_id, episode_id, shot_id);

ALTER TABLE takes ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE takes DROP CONSTRAINT takes_pkey;
ALTER TABLE takes ADD PRIMARY KEY (project_id, episode_id, shot_id, take_no);

ALTER TABLE project_facts ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE project_facts DROP CONSTRAINT project_facts_pkey;
ALTER TABLE project_facts ADD PRIMARY KEY (project_id, name);

ALTER TABLE shot_skips ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE shot_skips DROP CONSTRAINT shot_skips_pkey;
ALTER TABLE shot_skips ADD PRIMARY KEY (project_id, episode_id, shot_id);

ALTER TABLE tasks ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
DROP INDEX tasks_by_shot;
CREATE INDEX tasks_by_shot ON tasks (project_id, episode_id, shot_id, take_no);
CREATE INDEX tasks_by_project ON tasks (project_id, status);

ALTER TABLE events ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
CREATE INDEX events_by_project ON events (project_id, seq);

-- charges (V3: images and chat) belong to a project like the tasks
ALTER TABLE charges ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
CREATE INDEX charges_by_project ON charges (project_id, status);
