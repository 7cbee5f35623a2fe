-- landmon 0001 in PostgreSQL's dialect: the tables of Migrations/0001_initial.sql, column for
-- column, with these differences (README, "PostgreSQL"):
-- * No R*Tree: SQLite's virtual table assessment_sites has no equivalent without PostGIS, which
--   is not required; a bbox query reads a B-tree index on (lat, lon) and tests lon on the row.
-- * No WITHOUT ROWID: PostgreSQL tables are heaps; the primary keys are the same B-trees.
--   measurements is not kept in key order (CLUSTER is a one-off), so a statistics scan follows
--   its primary key index instead.
-- * Text keys are COLLATE "C" (byte order, as SQLite compares), so that sorts, keyset paging and
--   range scans on region codes agree with SQLite whatever the database's locale.
-- * BLOB is BYTEA, REAL is DOUBLE PRECISION, INTEGER ids are BIGINT. Ids and change seqs are
--   given by the store inside a transaction holding the store's advisory lock (max + 1, as SQLite
--   gives them under its one writer), so several servers on one database never disagree and the
--   change feed has no gaps.

CREATE TABLE assessments (
    id            BIGINT PRIMARY KEY,
    country       TEXT COLLATE "C" NOT NULL,
    region        TEXT COLLATE "C" NOT NULL,
    reference     TEXT COLLATE "C" NOT NULL,
    site_id       TEXT COLLATE "C" NOT NULL,
    sampled_on    TEXT COLLATE "C" NOT NULL,
    land_cover    TEXT COLLATE "C" NOT NULL,
    lat           DOUBLE PRECISION NOT NULL,
    lon           DOUBLE PRECISION NOT NULL,
    min_top_cm    DOUBLE PRECISION NOT NULL,
    revision      INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'retracted')),
    submitted_at  TEXT COLLATE "C" NOT NULL,
    submitted_by  TEXT NOT NULL,
    updated_at    TEXT COLLATE "C" NOT NULL,
    updated_seq   BIGINT NOT NULL,
    qa_flags      TEXT NOT NULL DEFAULT '',
    soc_stock     DOUBLE PRECISION,
    content_hash  BYTEA NOT NULL,
    document      TEXT NOT NULL
);
CREATE UNIQUE INDEX assessments_by_reference ON assessments (country, reference);
CREATE INDEX assessments_by_region_date ON assessments (region, sampled_on, id);
CREATE INDEX assessments_by_date ON assessments (sampled_on, id);
CREATE INDEX assessments_by_site ON assessments (site_id, sampled_on);
CREATE INDEX assessments_by_position ON assessments (lat, lon);

CREATE TABLE revisions (
    assessment_id BIGINT NOT NULL,
    revision      INTEGER NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'revised', 'retracted')),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    reason        TEXT,
    document      TEXT,
    PRIMARY KEY (assessment_id, revision)
);

CREATE TABLE measurements (
    indicator     TEXT COLLATE "C" NOT NULL,
    region        TEXT COLLATE "C" NOT NULL,
    sampled_on    TEXT COLLATE "C" NOT NULL,
    assessment_id BIGINT NOT NULL,
    top_cm        DOUBLE PRECISION NOT NULL,
    bottom_cm     DOUBLE PRECISION NOT NULL,
    value         DOUBLE PRECISION NOT NULL,
    land_cover    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (indicator, region, sampled_on, assessment_id, top_cm)
);

CREATE TABLE changes (
    seq           BIGINT PRIMARY KEY,
    assessment_id BIGINT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('created', 'revised', 'retracted')),
    at            TEXT COLLATE "C" NOT NULL
);

CREATE TABLE api_keys (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('reader', 'submitter', 'admin')),
    country       TEXT,
    key_hash      BYTEA NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
);

CREATE TABLE idempotency_records (
    api_key_id    BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash  BYTEA NOT NULL,
    status        INTEGER NOT NULL,
    headers       TEXT NOT NULL,
    body          BYTEA NOT NULL,
    created_at    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
