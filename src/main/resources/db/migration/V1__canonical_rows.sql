-- Canonical rows. Written to run unchanged on H2 and PostgreSQL: plain types, VARCHAR without
-- length for free text (no CLOB: DbClient renders those as "clob0: ..."), times as epoch millis.

CREATE TABLE collections (
    name        VARCHAR(255) PRIMARY KEY,
    -- why the last read of collection.toml failed (file and line), or NULL
    error       VARCHAR,
    synced_at   BIGINT NOT NULL
);

-- One row per artifact ever seen. A deleted artifact stays as a tombstone (deleted = TRUE) with
-- a fresh seq, so that an index behind H2 replays the delete.
CREATE TABLE artifacts (
    collection       VARCHAR(255) NOT NULL,
    id               VARCHAR(255) NOT NULL,
    name             VARCHAR(255) NOT NULL,
    type             VARCHAR(32)  NOT NULL,
    title            VARCHAR,
    source           VARCHAR,
    origin           VARCHAR(32),
    origin_source    VARCHAR(32),
    version_spec     VARCHAR,
    resolved_sha     VARCHAR,
    resolved_version VARCHAR,
    version          VARCHAR,
    description      VARCHAR,
    author           VARCHAR,
    license          VARCHAR,
    -- JSON arrays of strings
    tags             VARCHAR NOT NULL,
    tools            VARCHAR NOT NULL,
    content_hash     VARCHAR(64),
    sync_error       VARCHAR,
    failed           BOOLEAN NOT NULL,
    -- ISO-8601 instant as written by Instant.toString(), so it round-trips exactly
    added            VARCHAR(40),
    synced_at        BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    seq              BIGINT NOT NULL,
    deleted          BOOLEAN NOT NULL,
    PRIMARY KEY (collection, id)
);

CREATE INDEX artifacts_by_seq ON artifacts (seq);
