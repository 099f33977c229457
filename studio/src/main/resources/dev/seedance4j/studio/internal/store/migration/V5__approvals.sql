-- Episode approvals from the review board: who approved which cut of an episode and when. The stamp is the
-- assembled episode's change stamp (season.json "stamp"), so an approval belongs to one cut: a re-assembly with
-- other takes is not approved until someone approves it again. Portable SQL, like V1.
CREATE TABLE approvals (
  episode_id            VARCHAR(200) NOT NULL,
  stamp                 VARCHAR(128) NOT NULL,
  approved_by           VARCHAR(200) NOT NULL,
  approved_at           BIGINT       NOT NULL,
  note                  TEXT,
  PRIMARY KEY (episode_id, stamp)
);
