-- One database, many projects, for the reference sheets (V6) and the approvals (V5) too: a project id in their rows.
-- Portable SQL; the keys change per dialect in V7_1 (migration-<dialect>).
ALTER TABLE sheets ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE sheet_takes ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE sheet_calls ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE sheet_picks ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE approvals ADD COLUMN project_id VARCHAR(100) NOT NULL DEFAULT '';

-- Rows made before: a sheet's image calls are charges, which carry their project since V4_1, so a sheet takes the
-- project of its calls; an approval takes the only project with shots in its episode. What cannot be told keeps ''
-- and is adopted by the first project that opens the database, as in V4_1 (see StudioStore.open).
UPDATE sheet_calls SET project_id = COALESCE(
  (SELECT c.project_id FROM charges c WHERE c.charge_id = sheet_calls.charge_id), '');
UPDATE sheet_takes SET project_id = COALESCE(
  (SELECT CASE WHEN COUNT(DISTINCT c.project_id) = 1 THEN MIN(c.project_id) END
   FROM sheet_calls c WHERE c.name = sheet_takes.name AND c.take_no = sheet_takes.take_no), '');
UPDATE sheets SET project_id = COALESCE(
  (SELECT CASE WHEN COUNT(DISTINCT c.project_id) = 1 THEN MIN(c.project_id) END
   FROM sheet_calls c WHERE c.name = sheets.name), '');
UPDATE sheet_picks SET project_id = COALESCE(
  (SELECT CASE WHEN COUNT(DISTINCT c.project_id) = 1 THEN MIN(c.project_id) END
   FROM sheet_calls c WHERE c.name = sheet_picks.name), '');
UPDATE approvals SET project_id = COALESCE(
  (SELECT CASE WHEN COUNT(DISTINCT s.project_id) = 1 THEN MIN(s.project_id) END
   FROM shots s WHERE s.episode_id = approvals.episode_id), '');
