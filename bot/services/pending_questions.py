"""Which of the bot's button questions a person has left open, so free text typed instead
of a tap gets «нажмите кнопку выше» rather than a generic hint (issue 12)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot.storage.database import Database
from bot.storage.timestamps import instant_to_db

STILL_OPEN = timedelta(days=1)


class OpenQuestion(StrEnum):
    EVIDENCE_TARGET = "evidence"  # «К какому мероприятию это относится?»
    ROADMAP_DECISION = "roadmap"  # «Загрузить» / «Отмена»


async def open_question(db: Database, person_id: int, *, now: datetime) -> OpenQuestion | None:
    since = instant_to_db(now - STILL_OPEN)
    async with db.read() as conn:
        if await conn.execute_fetchall(
            "SELECT 1 FROM submissions WHERE person_id = ? AND task_id IS NULL AND closed_at IS NULL"
            " AND created_at > ? LIMIT 1", (person_id, since)):
            return OpenQuestion.EVIDENCE_TARGET
        if await conn.execute_fetchall(
            "SELECT 1 FROM roadmap_uploads WHERE person_id = ? AND outcome IS NULL AND created_at > ? LIMIT 1",
            (person_id, since)):
            return OpenQuestion.ROADMAP_DECISION
    return None
