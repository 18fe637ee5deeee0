-- 0008: one person, one name (issue 12). A person is shown as «roadmap name (Telegram name)»
-- (bot.storage.sql.person_label); a second account for a party someone already holds waits for
-- the coordinator.

-- A second account for a party already joined (a colleague, a personal and a work phone, or a
-- forwarded link) is not bound until the coordinator says so: «оба», «заменить», «отклонить».
CREATE TABLE join_requests (
    id               INTEGER PRIMARY KEY,
    invite_id        INTEGER NOT NULL REFERENCES invites(id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    party_id         INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    organization_id  INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_at       TEXT NOT NULL,
    decided_at       TEXT,
    decided_by       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    decision         TEXT CHECK (decision IS NULL OR decision IN ('both', 'replace', 'reject')),
    CHECK ((decided_at IS NULL) = (decision IS NULL))
);
CREATE INDEX join_requests_pending ON join_requests (party_id) WHERE decided_at IS NULL;
CREATE INDEX party_bindings_by_created ON party_bindings (created_at);
