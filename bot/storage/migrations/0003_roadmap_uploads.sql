-- 0003: a roadmap a coordinator sent in the chat, read and waiting for «Загрузить» / «Отмена».
-- The parsed program is kept here, so the decision survives a restart and loads exactly
-- what the coordinator reviewed.
CREATE TABLE roadmap_uploads (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    program_json  TEXT NOT NULL CHECK (json_valid(program_json)),
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    outcome       TEXT CHECK (outcome IS NULL OR outcome IN ('loaded', 'cancelled')),
    program_id    INTEGER REFERENCES programs(id) ON DELETE SET NULL
);
