-- 0001: the whole first schema.
--
-- Conventions
--   * instants: ISO-8601 UTC text with offset, to the second: 2024-01-05T06:00:00+00:00
--     (written only through bot.storage.timestamps, so text order is time order);
--   * calendar dates: YYYY-MM-DD;
--   * booleans: INTEGER 0/1 with a CHECK;
--   * rows a person may have touched are never deleted by a program reload: they get
--     `removed_at` instead, and come back with the same id if the roadmap brings them back.
--
-- The unit everybody reports on is a *task*: one occurrence of an activity (a due date)
-- for one organization, or a single shared task when no per-school party is responsible.

-- ─── Programs and their roadmap ──────────────────────────────────────────────

CREATE TABLE programs (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,          -- stable identity for idempotent loading
    title            TEXT NOT NULL,
    municipality     TEXT,
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    timezone         TEXT NOT NULL,                 -- IANA zone, e.g. Europe/Moscow
    source           TEXT,                          -- the document the roadmap was read from
    composed         INTEGER NOT NULL DEFAULT 0 CHECK (composed IN (0, 1)),
    reminder_policy  TEXT CHECK (reminder_policy IS NULL OR json_valid(reminder_policy)),
    content_hash     TEXT NOT NULL,                 -- sha256 of the loaded Program: "no changes" in O(1)
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (period_start <= period_end)
);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      TEXT,
    title       TEXT NOT NULL,
    UNIQUE (program_id, position)
);

CREATE TABLE organizations (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,                   -- folded name: reloads match on it
    participating  INTEGER NOT NULL DEFAULT 1 CHECK (participating IN (0, 1)),
    position       INTEGER NOT NULL,
    UNIQUE (program_id, name_key)
);

CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    program_id         INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,            -- order in the roadmap
    number             TEXT,                        -- as written: «1.1», «5.»; NULL for unnumbered rows
    section            TEXT,                        -- section title, as in the domain model
    title              TEXT NOT NULL,
    schedule_kind      TEXT NOT NULL
        CHECK (schedule_kind IN ('date', 'period', 'recurring', 'continuous', 'unspecified')),
    schedule_start     TEXT,
    schedule_end       TEXT,
    schedule_text      TEXT NOT NULL DEFAULT '',    -- the «Сроки» cell as written
    needs_review       INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    review_reason      TEXT,
    result             TEXT,
    source_first_line  INTEGER,
    source_last_line   INTEGER,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    removed_at         TEXT,                        -- dropped from the roadmap; rows attached stay
    CHECK (schedule_start IS NULL OR schedule_end IS NULL OR schedule_start <= schedule_end),
    CHECK ((source_first_line IS NULL) = (source_last_line IS NULL)),
    CHECK (source_first_line IS NULL OR source_first_line <= source_last_line)
);
CREATE INDEX activities_by_program ON activities (program_id, position);

-- Responsible parties exactly as the roadmap names them, one row per program and key.
CREATE TABLE parties (
    id                INTEGER PRIMARY KEY,
    program_id        INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('person', 'role', 'organization')),
    name              TEXT NOT NULL,
    normalized        TEXT NOT NULL,
    -- a role that applies in every participating school («Руководитель ОО»)
    per_organization  INTEGER NOT NULL DEFAULT 0 CHECK (per_organization IN (0, 1)),
    -- an organization party that is one of the program's organizations
    organization_id   INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    UNIQUE (program_id, kind, normalized),
    CHECK (per_organization = 0 OR kind = 'role'),
    CHECK (organization_id IS NULL OR kind = 'organization')
);

CREATE TABLE activity_parties (
    activity_id  INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    party_id     INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,                     -- the spelling used in this activity's cell
    PRIMARY KEY (activity_id, party_id)
);
CREATE INDEX activity_parties_by_party ON activity_parties (party_id);

-- One row per due date of an activity.
--   due       a date from the roadmap (date, period, recurring schedules);
--   ongoing   the single undated occurrence of a continuous or not-understood activity,
--             so people can report on it and attach files from day one;
--   check_in  a dated check-in of a continuous activity, created by the planner
--             (program reloads never touch these).
-- planned_date is the roadmap's date; an approved postponement moves a task, not this.
CREATE TABLE occurrences (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('due', 'ongoing', 'check_in')),
    planned_date  TEXT,
    created_at    TEXT NOT NULL,
    removed_at    TEXT,
    CHECK ((kind = 'ongoing') = (planned_date IS NULL))
);
CREATE UNIQUE INDEX occurrences_unique ON occurrences (activity_id, kind, coalesce(planned_date, ''));
CREATE INDEX occurrences_by_date ON occurrences (planned_date) WHERE removed_at IS NULL;

-- ─── People ──────────────────────────────────────────────────────────────────

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    telegram_user_id    INTEGER UNIQUE,             -- NULL until the person opens an invite
    display_name        TEXT NOT NULL,
    username            TEXT,
    created_at          TEXT NOT NULL,
    unreachable_at      TEXT,                       -- the bot got 403 (blocked / deactivated)
    unreachable_reason  TEXT
);

-- Who a party is: person ↔ party, with the school for per-school roles.
CREATE TABLE party_bindings (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    party_id         INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT
);
CREATE UNIQUE INDEX party_bindings_unique
    ON party_bindings (person_id, party_id, coalesce(organization_id, 0));
CREATE INDEX party_bindings_by_party ON party_bindings (party_id, organization_id);

CREATE TABLE program_coordinators (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (program_id, person_id)
);

-- Deep-link invites. Only a hash of the token is kept: a copy of the database
-- must not hand out working links.
CREATE TABLE invites (
    id               INTEGER PRIMARY KEY,
    token_hash       TEXT NOT NULL UNIQUE,
    program_id       INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    role             TEXT NOT NULL CHECK (role IN ('coordinator', 'responsible')),
    party_id         INTEGER REFERENCES parties(id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_by       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    used_at          TEXT,
    used_by          INTEGER REFERENCES people(id) ON DELETE SET NULL,
    revoked_at       TEXT,
    CHECK (role = 'coordinator' OR party_id IS NOT NULL),
    CHECK (created_at < expires_at),
    CHECK (used_by IS NULL OR used_at IS NOT NULL)
);
CREATE INDEX invites_by_program ON invites (program_id);

-- ─── Work: tasks, statuses, evidence, postponements ─────────────────────────

-- The reporting unit: occurrence × organization (NULL: one shared task).
-- «12 из 17 ОО сдали протокол» is a count over the tasks of one occurrence.
CREATE TABLE tasks (
    id                 INTEGER PRIMARY KEY,
    occurrence_id      INTEGER NOT NULL REFERENCES occurrences(id) ON DELETE CASCADE,
    organization_id    INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    status             TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'done', 'problem')),
    status_changed_at  TEXT,
    postponed_to       TEXT,                        -- approved new due date for this task
    created_at         TEXT NOT NULL,
    removed_at         TEXT
);
CREATE UNIQUE INDEX tasks_unique ON tasks (occurrence_id, coalesce(organization_id, 0));
CREATE INDEX tasks_by_organization ON tasks (organization_id) WHERE removed_at IS NULL;
CREATE INDEX tasks_by_postponed_date ON tasks (postponed_to) WHERE postponed_to IS NOT NULL;

-- Append-only. Inserting a row is how a status changes: a trigger moves tasks.status,
-- and refuses a row whose old status is not the task's current one (a lost update).
CREATE TABLE status_history (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people(id),      -- NULL: the coordinator's console / the system
    old_status  TEXT NOT NULL CHECK (old_status IN ('not_started', 'in_progress', 'done', 'problem')),
    new_status  TEXT NOT NULL CHECK (new_status IN ('not_started', 'in_progress', 'done', 'problem')),
    comment     TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX status_history_by_task ON status_history (task_id, at);

CREATE TRIGGER status_history_no_update BEFORE UPDATE ON status_history
BEGIN
    SELECT RAISE(ABORT, 'status_history is append-only');
END;

-- Rows go only together with their task (program deletion cascades), never one by one.
CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
WHEN EXISTS (SELECT 1 FROM tasks WHERE tasks.id = OLD.task_id)
BEGIN
    SELECT RAISE(ABORT, 'status_history is append-only');
END;

CREATE TRIGGER status_history_old_matches BEFORE INSERT ON status_history
WHEN NEW.old_status IS NOT (SELECT status FROM tasks WHERE tasks.id = NEW.task_id)
BEGIN
    SELECT RAISE(ABORT, 'status_history.old_status differs from the task''s current status');
END;

CREATE TRIGGER status_history_moves_task AFTER INSERT ON status_history
BEGIN
    UPDATE tasks SET status = NEW.new_status, status_changed_at = NEW.at WHERE id = NEW.task_id;
END;

CREATE TABLE evidence_files (
    id                       INTEGER PRIMARY KEY,
    task_id                  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    person_id                INTEGER REFERENCES people(id) ON DELETE SET NULL,
    telegram_file_id         TEXT NOT NULL,
    telegram_file_unique_id  TEXT NOT NULL,
    file_name                TEXT NOT NULL,
    mime_type                TEXT,
    size_bytes               INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256                   TEXT NOT NULL CHECK (length(sha256) = 64),
    local_path               TEXT,
    received_at              TEXT NOT NULL,
    UNIQUE (task_id, telegram_file_unique_id)
);

CREATE TABLE postponements (
    id                INTEGER PRIMARY KEY,
    task_id           INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    requested_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    requested_at      TEXT NOT NULL,
    requested_date    TEXT NOT NULL,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    decided_at        TEXT,
    decision_comment  TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX postponements_pending ON postponements (task_id) WHERE status = 'pending';

-- ─── Delivery and runtime state ─────────────────────────────────────────────

-- Notifications to send; the sender drains pending rows whose time has come.
-- idempotency_key is composed by the planner from (person, task/occurrence, reminder kind),
-- so planning the same reminder twice inserts nothing.
CREATE TABLE outbox (
    id                   INTEGER PRIMARY KEY,
    idempotency_key      TEXT NOT NULL UNIQUE,
    person_id            INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    task_id              INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,             -- reminder kind: before_due, due_today, overdue, summary…
    payload              TEXT NOT NULL CHECK (json_valid(payload)),
    status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at      TEXT NOT NULL,
    last_error           TEXT,
    telegram_message_id  INTEGER,
    created_at           TEXT NOT NULL,
    sent_at              TEXT,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_task ON outbox (task_id);

-- aiogram FSM: one row per storage key, so a restart mid-conversation loses nothing.
CREATE TABLE fsm_state (
    key         TEXT PRIMARY KEY,
    state       TEXT,
    data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    updated_at  TEXT NOT NULL
);

-- Small bookkeeping values, e.g. planner.last_run_at.
CREATE TABLE meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- ─── Views ───────────────────────────────────────────────────────────────────

-- Live tasks with what the planner and the summary need; due_date honours postponements.
CREATE VIEW live_tasks AS
SELECT t.id               AS task_id,
       a.program_id       AS program_id,
       a.id               AS activity_id,
       o.id               AS occurrence_id,
       o.kind             AS occurrence_kind,
       t.organization_id  AS organization_id,
       o.planned_date     AS planned_date,
       coalesce(t.postponed_to, o.planned_date) AS due_date,
       t.status           AS status,
       t.status_changed_at AS status_changed_at
FROM tasks t
JOIN occurrences o ON o.id = t.occurrence_id
JOIN activities a ON a.id = o.activity_id
WHERE t.removed_at IS NULL AND o.removed_at IS NULL AND a.removed_at IS NULL;

-- Who answers for a task: people bound to the activity's parties. Per-school roles
-- match the task's school; a program organization matches its own tasks; any other
-- party answers for the shared task.
CREATE VIEW task_assignees AS
SELECT t.id AS task_id, b.person_id AS person_id, p.id AS party_id
FROM tasks t
JOIN occurrences o       ON o.id = t.occurrence_id
JOIN activity_parties ap ON ap.activity_id = o.activity_id
JOIN parties p           ON p.id = ap.party_id
JOIN party_bindings b    ON b.party_id = p.id AND b.revoked_at IS NULL
WHERE (p.per_organization = 1 AND b.organization_id IS t.organization_id AND t.organization_id IS NOT NULL)
   OR (p.organization_id IS NOT NULL AND t.organization_id IS p.organization_id)
   OR (p.per_organization = 0 AND p.organization_id IS NULL AND t.organization_id IS NULL);
