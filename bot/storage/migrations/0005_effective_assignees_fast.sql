-- 0005: the same `effective_assignees` rows, written so SQLite can push a `task_id = ?` or
-- `person_id = ?` filter into each arm. The old view (a UNION over the `task_assignees` view)
-- was materialised whole for every lookup: 30–50 ms per tap with 400 schools, serialised on
-- the one connection, so taps waited seconds during a reminder wave (bench/crowd.py).
-- The arms cannot overlap (the party arm applies only where no live direct assignment
-- exists), so UNION ALL with DISTINCT per arm gives exactly the old rows.
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
   OR (p.per_organization = 0 AND p.organization_id IS NULL AND t.organization_id IS NULL))
  AND NOT EXISTS (
    SELECT 1 FROM assignments a2
    WHERE a2.activity_id = o.activity_id AND a2.revoked_at IS NULL
      AND (a2.organization_id IS NULL OR a2.organization_id IS t.organization_id)
  );
