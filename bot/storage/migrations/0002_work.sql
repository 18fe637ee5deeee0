-- 0002: what the conversations and the sender need on top of the roadmap.
--
--   * outbox gets a claim protocol: pending → sending (claimed_at) → sent | failed,
--     and 'cancelled' for reminders a status change made pointless;
--   * direct assignments by the coordinator, which override the party-derived assignees;
--   * evidence submissions: files that arrive together (an album, or several files in a
--     row) are one submission until the person says which activity they belong to.

-- ─── outbox: rebuilt, because SQLite cannot change a CHECK constraint in place ──────

CREATE TABLE outbox_v2 (
    id                   INTEGER PRIMARY KEY,
    idempotency_key      TEXT NOT NULL UNIQUE,
    person_id            INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    task_id              INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,
    payload              TEXT NOT NULL CHECK (json_valid(payload)),
    status               TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at      TEXT NOT NULL,
    claimed_at           TEXT,                      -- set when a sender took the row
    last_error           TEXT,
    telegram_message_id  INTEGER,
    created_at           TEXT NOT NULL,
    sent_at              TEXT,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CHECK ((status = 'sending') = (claimed_at IS NOT NULL))
);

INSERT INTO outbox_v2 (id, idempotency_key, person_id, task_id, kind, payload, status, attempts,
                       next_attempt_at, last_error, telegram_message_id, created_at, sent_at)
SELECT id, idempotency_key, person_id, task_id, kind, payload, status, attempts,
       next_attempt_at, last_error, telegram_message_id, created_at, sent_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_task ON outbox (task_id);
CREATE INDEX outbox_by_person ON outbox (person_id, status);

-- ─── direct assignments ─────────────────────────────────────────────────────

-- organization_id NULL: every task of the activity; otherwise that school's task only.
CREATE TABLE assignments (
    id               INTEGER PRIMARY KEY,
    activity_id      INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    assigned_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT,
    revoked_by       INTEGER REFERENCES people(id) ON DELETE SET NULL
);
CREATE INDEX assignments_by_activity ON assignments (activity_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX assignments_live_unique
    ON assignments (activity_id, coalesce(organization_id, 0), person_id) WHERE revoked_at IS NULL;

-- Who answers for a task, in one place: a live direct assignment that covers the task
-- replaces everyone the roadmap's parties would give.
CREATE VIEW effective_assignees AS
SELECT t.id AS task_id, a.person_id AS person_id, 'direct' AS source
FROM tasks t
JOIN occurrences o ON o.id = t.occurrence_id
JOIN assignments a ON a.activity_id = o.activity_id AND a.revoked_at IS NULL
                  AND (a.organization_id IS NULL OR a.organization_id IS t.organization_id)
UNION
SELECT ta.task_id, ta.person_id, 'party' AS source
FROM task_assignees ta
WHERE NOT EXISTS (
    SELECT 1 FROM tasks t
    JOIN occurrences o ON o.id = t.occurrence_id
    JOIN assignments a ON a.activity_id = o.activity_id AND a.revoked_at IS NULL
                      AND (a.organization_id IS NULL OR a.organization_id IS t.organization_id)
    WHERE t.id = ta.task_id
);

-- ─── evidence submissions ───────────────────────────────────────────────────

CREATE TABLE submissions (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    media_group_id   TEXT,                          -- Telegram album id, if the files came as one
    task_id          INTEGER REFERENCES tasks(id) ON DELETE CASCADE,  -- NULL until chosen
    reply_message_id INTEGER,                       -- the bot's message about this submission
    created_at       TEXT NOT NULL,
    closed_at        TEXT
);
CREATE UNIQUE INDEX submissions_by_album ON submissions (person_id, media_group_id)
    WHERE media_group_id IS NOT NULL;

-- Files waiting for their activity (the bytes are already on disk under the data dir).
CREATE TABLE submission_files (
    id                       INTEGER PRIMARY KEY,
    submission_id            INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    telegram_file_id         TEXT NOT NULL,
    telegram_file_unique_id  TEXT NOT NULL,
    file_name                TEXT NOT NULL,
    mime_type                TEXT,
    size_bytes               INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256                   TEXT NOT NULL CHECK (length(sha256) = 64),
    local_path               TEXT,
    received_at              TEXT NOT NULL,
    UNIQUE (submission_id, telegram_file_unique_id)
);

ALTER TABLE evidence_files ADD COLUMN submission_id INTEGER REFERENCES submissions(id) ON DELETE SET NULL;
