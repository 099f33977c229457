-- The project id of V7 in the keys of the sheets' and approvals' tables.
ALTER TABLE sheets DROP CONSTRAINT sheets_pkey;
ALTER TABLE sheets ADD PRIMARY KEY (project_id, name);

ALTER TABLE sheet_takes DROP CONSTRAINT sheet_takes_pkey;
ALTER TABLE sheet_takes ADD PRIMARY KEY (project_id, name, take_no);

DROP INDEX sheet_calls_by_take;
CREATE INDEX sheet_calls_by_take ON sheet_calls (project_id, name, take_no);

ALTER TABLE sheet_picks DROP CONSTRAINT sheet_picks_pkey;
ALTER TABLE sheet_picks ADD PRIMARY KEY (project_id, name);

ALTER TABLE approvals DROP CONSTRAINT approvals_pkey;
ALTER TABLE approvals ADD PRIMARY KEY (project_id, episode_id, stamp);
