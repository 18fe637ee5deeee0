-- 0004: a roadmap file the bot could not read without one more answer (the program period
-- its title does not state). The bytes wait here, not on disk, until the coordinator picks
-- a period or cancels; a draft older than a day is dropped by the sweep.
CREATE TABLE roadmap_drafts (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content       BLOB NOT NULL,
    options_json  TEXT NOT NULL CHECK (json_valid(options_json)),
    created_at    TEXT NOT NULL
);
CREATE INDEX roadmap_drafts_created ON roadmap_drafts (created_at);
