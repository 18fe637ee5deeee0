-- 0010: one person, one identity per messenger (issue 14: MAX beside Telegram).
--
-- A person is one `people` row whichever messenger they write from. Telegram keeps its
-- identity in people.telegram_user_id (as before); every other channel's account is a row
-- here, linked to the person. An invite redeemed on MAX binds the same person row a Telegram
-- redemption would, so the one-time semantics of invites do not change.
CREATE TABLE person_channels (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    channel           TEXT NOT NULL CHECK (channel IN ('telegram', 'max')),
    external_user_id  TEXT NOT NULL,              -- the messenger's user id, as text (MAX: int64)
    chat_id           TEXT,                       -- the dialog with the bot, where known
    created_at        TEXT NOT NULL,
    last_seen_at      TEXT NOT NULL,
    UNIQUE (channel, external_user_id)
);
CREATE INDEX person_channels_person ON person_channels (person_id);
