-- What a sync ignored while it read an artifact (frontmatter read line by line, a value of the wrong type),
-- apart from sync_error, which now holds only real failures (issue #16). A JSON array of strings, as tags.
ALTER TABLE artifacts ADD COLUMN sync_warnings VARCHAR DEFAULT '[]' NOT NULL;
