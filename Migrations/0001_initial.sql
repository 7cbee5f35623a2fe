-- landmon 0001: assessments, their revisions and measurements, keys, idempotency records and
-- the change feed. Portable SQL where it costs nothing; the R*Tree is SQLite's (PostGIS later).
-- Every index here is paid for on each write: a document costs one assessments row, its
-- (country, reference), (region, sampled_on) and site index entries, one R*Tree entry, one row
-- per measurement (clustered, no secondary index), one revision row and one change row.

CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,           -- the public id
    country       TEXT    NOT NULL,
    region        TEXT    NOT NULL,              -- current ISO 3166-2 code
    reference     TEXT    NOT NULL,              -- the agency's own id, unique per country
    site_id       TEXT    NOT NULL,
    sampled_on    TEXT    NOT NULL,              -- YYYY-MM-DD
    land_cover    TEXT    NOT NULL,
    lat           REAL    NOT NULL,
    lon           REAL    NOT NULL,
    min_top_cm    REAL    NOT NULL,              -- top of the shallowest layer, for depth_max
    revision      INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('active', 'retracted')),
    submitted_at  TEXT    NOT NULL,              -- first submission, RFC 3339 UTC
    submitted_by  TEXT    NOT NULL,              -- key name
    updated_at    TEXT    NOT NULL,              -- last revision or retraction
    updated_seq   INTEGER NOT NULL,              -- changes.seq of the last change
    qa_flags      TEXT    NOT NULL DEFAULT '',   -- space-separated, with leading and trailing space
    soc_stock     REAL,                          -- derived.soc_stock_0_30_t_ha
    content_hash  BLOB    NOT NULL,              -- SHA-256 of the normalized submission
    document      TEXT    NOT NULL               -- the stored representation (JSON), served as is
);
CREATE UNIQUE INDEX assessments_by_reference ON assessments (country, reference);
CREATE INDEX assessments_by_region_date ON assessments (region, sampled_on, id);
CREATE INDEX assessments_by_date ON assessments (sampled_on, id);
CREATE INDEX assessments_by_site ON assessments (site_id, sampled_on);

-- Site coordinates for bbox queries; id = assessments.id.
CREATE VIRTUAL TABLE assessment_sites USING rtree (id, min_lon, max_lon, min_lat, max_lat);

-- Every revision of every assessment, oldest first. `document` holds a superseded revision's
-- representation; it is NULL for the current one, whose document is assessments.document.
CREATE TABLE revisions (
    assessment_id INTEGER NOT NULL,
    revision      INTEGER NOT NULL,
    action        TEXT    NOT NULL CHECK (action IN ('created', 'revised', 'retracted')),
    recorded_at   TEXT    NOT NULL,
    recorded_by   TEXT    NOT NULL,
    reason        TEXT,
    document      TEXT,
    PRIMARY KEY (assessment_id, revision)
) WITHOUT ROWID;

-- One row per measurement of an active assessment, canonical unit, clustered on the statistics
-- key so that a region's values for an indicator are one range scan and need no second index.
-- A derived index of the documents: rewritten on revision, removed on retraction.
CREATE TABLE measurements (
    indicator     TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    sampled_on    TEXT    NOT NULL,
    assessment_id INTEGER NOT NULL,
    top_cm        REAL    NOT NULL,
    bottom_cm     REAL    NOT NULL,
    value         REAL    NOT NULL,
    land_cover    TEXT    NOT NULL,              -- copied from the assessment, for group_by=land_cover
    PRIMARY KEY (indicator, region, sampled_on, assessment_id, top_cm)
) WITHOUT ROWID;

-- The change feed: one row per create, revision or retraction, in commit order.
CREATE TABLE changes (
    seq           INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('created', 'revised', 'retracted')),
    at            TEXT    NOT NULL
);

-- API keys: only the SHA-256 of a key is kept.
CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('reader', 'submitter', 'admin')),
    country       TEXT,
    key_hash      BLOB    NOT NULL UNIQUE,
    created_at    TEXT    NOT NULL,
    revoked_at    TEXT
);

-- Idempotency-Key records: the first answer, replayed for the same key and body.
CREATE TABLE idempotency_records (
    api_key_id    INTEGER NOT NULL,
    idempotency_key TEXT  NOT NULL,
    request_hash  BLOB    NOT NULL,
    status        INTEGER NOT NULL,
    headers       TEXT    NOT NULL,              -- JSON object of replayed headers
    body          BLOB    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
) WITHOUT ROWID;
