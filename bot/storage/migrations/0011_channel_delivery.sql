-- 0011: the outbox per channel and the person's choice of channel (issue 14: «people across both»).
--
--   * every outbox row names the channel it goes out on; the sender of that channel claims it.
--     The channel is chosen when the row is enqueued (bot/services/channel_choice.py) and may
--     change once when the channel refuses the person (403) and the other one reaches them
--     (`rerouted_from`). The idempotency key stays per logical message, so a person on both
--     messengers gets each reminder once;
--   * people.preferred_channel: where the person wants reminders (NULL: where they last wrote);
--   * people.telegram_last_seen_at: when they last wrote on Telegram (person_channels.last_seen_at
--     is the same for MAX); written at most every few minutes;
--   * person_channels.blocked_at: MAX refused to deliver (403). The block holds while
--     blocked_at >= last_seen_at: writing to the bot again lifts it;
--   * channel_links: one-time links a person opens on the other messenger to attach that account
--     to their own people row (sha256 of the token stored, like invites).

ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'telegram' CHECK (channel IN ('telegram', 'max'));
ALTER TABLE outbox ADD COLUMN rerouted_from TEXT CHECK (rerouted_from IS NULL OR rerouted_from IN ('telegram', 'max'));
DROP INDEX IF EXISTS outbox_due;
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_sending ON outbox (channel) WHERE status = 'sending';

ALTER TABLE people ADD COLUMN preferred_channel TEXT
    CHECK (preferred_channel IS NULL OR preferred_channel IN ('telegram', 'max'));
ALTER TABLE people ADD COLUMN telegram_last_seen_at TEXT;

ALTER TABLE person_channels ADD COLUMN blocked_at TEXT;

CREATE TABLE channel_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,              -- sha256 hex of the token; the token itself is never stored
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('telegram', 'max')),  -- the messenger the link is opened on
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    used_by     TEXT                               -- the external account that opened it
);
CREATE INDEX channel_links_person ON channel_links (person_id);
