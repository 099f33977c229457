-- Reference sheets generated for characters and scenes described in words (Seedream). Portable SQL, like V1.
-- A sheet is planned like a shot (its identity hashes the request), made in takes like a shot, and every call is a
-- charge of the ledger (V3), written before the call.

-- One row per sheet of the project as last planned.
CREATE TABLE sheets (
  name                  VARCHAR(200) NOT NULL PRIMARY KEY,
  kind                  VARCHAR(16)  NOT NULL,   -- character | scene
  position              INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,
  model                 VARCHAR(200) NOT NULL,
  size                  VARCHAR(16)  NOT NULL,
  seed                  BIGINT,
  style                 VARCHAR(200) NOT NULL,
  prompt                TEXT         NOT NULL,
  estimated_cny_micros  BIGINT       NOT NULL,
  planned_at            BIGINT       NOT NULL
);

-- Every generation of a sheet is a take; regen adds one (perhaps with another seed or style) and picks it.
CREATE TABLE sheet_takes (
  name                  VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  identity              VARCHAR(64)  NOT NULL,   -- the planned sheet it was made for
  seed                  BIGINT,                  -- the take's own seed (regen --seed); NULL = the planned one
  style                 VARCHAR(200),            -- the take's own style (regen --style); NULL = the planned one
  state                 VARCHAR(16)  NOT NULL,   -- pending | delivered | failed
  reason                VARCHAR(32),
  message               TEXT,
  image_path            TEXT,
  image_sha256          VARCHAR(64),
  image_bytes           BIGINT,
  image_width           INTEGER,
  image_height          INTEGER,
  created_at            BIGINT       NOT NULL,
  finished_at           BIGINT,
  PRIMARY KEY (name, take_no)
);

-- Each image call of a take: its charge (V3) carries the money; the link is kept for a download cut short.
CREATE TABLE sheet_calls (
  charge_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  name                  VARCHAR(200) NOT NULL,
  take_no               INTEGER      NOT NULL,
  request_json          TEXT         NOT NULL,
  image_url             TEXT,
  image_size            VARCHAR(16),
  created_at            BIGINT       NOT NULL
);
CREATE INDEX sheet_calls_by_take ON sheet_calls (name, take_no);

-- The take of a sheet that shots use, chosen with pick (or by regen).
CREATE TABLE sheet_picks (
  name                  VARCHAR(200) NOT NULL PRIMARY KEY,
  take_no               INTEGER      NOT NULL
);
