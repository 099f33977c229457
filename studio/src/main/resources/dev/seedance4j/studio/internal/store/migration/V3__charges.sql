-- Charges that are not video tasks: image generations (Seedream, billed per image) and chat completions (billed per
-- token), in the same ledger as the tasks. Portable SQL, like V1. The row is written with the estimate before the
-- call and gets the billed figure after it, so that a process killed in between leaves the money visible.
CREATE TABLE charges (
  charge_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  kind                  VARCHAR(16)  NOT NULL,   -- image | chat
  model                 VARCHAR(200) NOT NULL,
  unit                  VARCHAR(16)  NOT NULL,   -- images | tokens
  subject_kind          VARCHAR(16)  NOT NULL,   -- project | episode | shot | sheet | scene
  episode_id            VARCHAR(200),            -- the episode of an episode, shot or scene subject
  subject_id            VARCHAR(200),            -- the shot id, sheet name or scene id
  purpose               TEXT,                    -- what the call was for, in words
  status                VARCHAR(16)  NOT NULL,   -- estimated | billed | failed | unknown
  estimated_units       BIGINT       NOT NULL,
  estimated_cny_micros  BIGINT       NOT NULL,
  billed_units          BIGINT,
  billed_cny_micros     BIGINT,
  error_code            VARCHAR(200),
  note                  TEXT,                    -- why it failed, or why its outcome is unknown
  created_at            BIGINT       NOT NULL,
  finished_at           BIGINT
);
CREATE INDEX charges_by_subject ON charges (subject_kind, episode_id, subject_id);
CREATE INDEX charges_by_status ON charges (status);
