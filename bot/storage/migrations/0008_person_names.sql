-- 0008: one person, one name (issue 12). A person is known to the coordinator by the
-- roadmap's name for what they answer for («Никитина И.А.», «Заместитель директора по УВР»)
-- and to Telegram by their own name. Every screen, note and report shows both once joined:
-- «Никитина И.А. (Иванова Мария)» — `label` — built here so every query shows it the same way.
-- A person bound to a person party is that name; else the first role; people with no party in
-- the program (a coordinator, a direct assignee) have no row: callers fall back to display_name.
CREATE VIEW person_names AS
SELECT q.program_id, pe.id AS person_id, q.roadmap_name,
       CASE WHEN q.roadmap_name = pe.display_name THEN pe.display_name
            ELSE q.roadmap_name || ' (' || pe.display_name || ')' END AS label
FROM people pe
JOIN (SELECT pa.program_id, b.person_id,
             coalesce(min(CASE WHEN pa.kind = 'person' THEN pa.name END),
                      min(CASE WHEN pa.kind = 'role' THEN pa.name END),
                      min(pa.name)) AS roadmap_name
      FROM party_bindings b JOIN parties pa ON pa.id = b.party_id
      WHERE b.revoked_at IS NULL
      GROUP BY pa.program_id, b.person_id) q ON q.person_id = pe.id;

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
