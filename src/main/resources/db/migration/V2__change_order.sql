-- Change order from the database (architecture.md, "Beyond one machine"), the same on H2 and
-- PostgreSQL 15+. Every write locks the counter row FOR UPDATE inside its transaction and takes its
-- seq values from it, so seq follows commit order across every node and nothing about it lives
-- only in memory.
CREATE TABLE change_sequence (
    name     VARCHAR(32) PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO change_sequence (name, last_seq) SELECT 'changes', COALESCE(MAX(seq), 0) FROM artifacts;

-- A seq is handed out once: two rows with one seq would hide a change from every replica.
DROP INDEX artifacts_by_seq;
ALTER TABLE artifacts ADD CONSTRAINT artifacts_seq_unique UNIQUE (seq);

-- Files checked and found unchanged move only synced_at. Each such batch takes one seq too, so
-- every replica applies the same synced_at and agrees on what is stale. ids: a JSON array.
CREATE TABLE touches (
    seq        BIGINT PRIMARY KEY,
    collection VARCHAR(255) NOT NULL,
    ids        VARCHAR NOT NULL,
    synced_at  BIGINT NOT NULL
);

-- The one ingester (watcher, population, stale refresh, revalidation): the node whose holder id
-- is here and whose lease has not expired. Renewed every second; another node takes over when it
-- lapses.
CREATE TABLE ingest_lease (
    name       VARCHAR(32) PRIMARY KEY,
    holder     VARCHAR(255),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO ingest_lease (name, holder, expires_at) VALUES ('ingester', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
