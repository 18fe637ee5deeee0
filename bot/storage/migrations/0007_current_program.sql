-- 0007: a coordinator of several programs works in one of them at a time (issue 12 «Many
-- programs»): the program /summary, /activity, /reminders, /schools… act on until changed with
-- /program. Durable, so a restart of the bot keeps the choice.
CREATE TABLE current_programs (
    person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    updated_at  TEXT NOT NULL
);
