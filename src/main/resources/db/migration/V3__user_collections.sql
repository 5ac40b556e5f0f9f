-- User collections (issue #14): named sets of artifacts made in the web page. They live in the
-- database only (never in SkillMeat's files), with a durable copy in the data folder
-- (user-collections.json) that restores them into a database recovered after a crash.
-- Plain SQL that runs unchanged on H2 and PostgreSQL.

CREATE TABLE user_collections (
    -- 32 lower-case hex digits (a UUID without dashes), as SkillMeat makes them
    id          VARCHAR(32)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    description VARCHAR,
    -- epoch millis
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- A member names an artifact by its file collection and id; no foreign key to artifacts: a
-- member whose artifact is gone from the files stays, listed as missing, and returns with it.
CREATE TABLE user_collection_members (
    user_collection_id VARCHAR(32)  NOT NULL REFERENCES user_collections (id) ON DELETE CASCADE,
    collection         VARCHAR(255) NOT NULL,
    artifact_id        VARCHAR(255) NOT NULL,
    added_at           BIGINT NOT NULL,
    PRIMARY KEY (user_collection_id, collection, artifact_id)
);

CREATE INDEX user_collection_members_by_artifact ON user_collection_members (collection, artifact_id);
