-- 0009: people and roles the coordinator adds in the chat (issue 12 «One person, one name»).
--
-- The import sometimes misses a person or a role; the coordinator adds it by name and links it
-- to activities. Both the party and its links are marked with who added them and when:
--   * a reload of the roadmap keeps such links (it rewrites only the links it made itself);
--   * a party added in the chat can be invited even before it answers for any activity.
ALTER TABLE parties ADD COLUMN added_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE parties ADD COLUMN added_at TEXT;  -- NULL: the roadmap named it
ALTER TABLE activity_parties ADD COLUMN added_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE activity_parties ADD COLUMN added_at TEXT;  -- NULL: the roadmap's link

-- The 0005 view, plus one rule for links added in the chat: such a link reaches the tasks the
-- activity has. A per-school role on an activity with only a shared task answers for that
-- shared task; a person or a program-wide role on an activity with only per-school tasks
-- answers for every school's task. The roadmap's own links keep the rules they had.
DROP VIEW effective_assignees;
CREATE VIEW effective_assignees AS
SELECT DISTINCT t.id AS task_id, a.person_id AS person_id, 'direct' AS source
FROM tasks t
JOIN occurrences o ON o.id = t.occurrence_id
JOIN assignments a ON a.activity_id = o.activity_id AND a.revoked_at IS NULL
                  AND (a.organization_id IS NULL OR a.organization_id IS t.organization_id)
UNION ALL
SELECT DISTINCT t.id, b.person_id, 'party'
FROM tasks t
JOIN occurrences o       ON o.id = t.occurrence_id
JOIN activity_parties ap ON ap.activity_id = o.activity_id
JOIN parties p           ON p.id = ap.party_id
JOIN party_bindings b    ON b.party_id = p.id AND b.revoked_at IS NULL
WHERE ((p.per_organization = 1 AND b.organization_id IS t.organization_id AND t.organization_id IS NOT NULL)
   OR (p.organization_id IS NOT NULL AND t.organization_id IS p.organization_id)
   OR (p.per_organization = 0 AND p.organization_id IS NULL AND t.organization_id IS NULL)
   OR (ap.added_at IS NOT NULL AND p.per_organization = 1 AND t.organization_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM tasks t3 WHERE t3.occurrence_id = t.occurrence_id
                                               AND t3.organization_id IS NOT NULL AND t3.removed_at IS NULL))
   OR (ap.added_at IS NOT NULL AND p.per_organization = 0 AND p.organization_id IS NULL
       AND t.organization_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM tasks t3 WHERE t3.occurrence_id = t.occurrence_id
                                               AND t3.organization_id IS NULL AND t3.removed_at IS NULL)))
  AND NOT EXISTS (
    SELECT 1 FROM assignments a2
    WHERE a2.activity_id = o.activity_id AND a2.revoked_at IS NULL
      AND (a2.organization_id IS NULL OR a2.organization_id IS t.organization_id)
  );
