"""Which messengers each person uses: Telegram (`people.telegram_user_id`) and the accounts of
`person_channels` (MAX…) — for the coordinator's lists («Якшина А.И. (Алла Якшина) · MAX»)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.database import Database
from bot.storage.sql import placeholders

NAMES = {"telegram": "Telegram", "max": "MAX"}


async def messengers_of(db: Database, person_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """{person id: ("telegram", "max")…} in that order; a person with none is left out."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    async with db.read() as conn:
        telegram = await conn.execute_fetchall(
            f"SELECT id FROM people WHERE telegram_user_id IS NOT NULL AND id IN ({placeholders(ids)})", ids)
        others = await conn.execute_fetchall(
            f"SELECT DISTINCT person_id, channel FROM person_channels WHERE person_id IN ({placeholders(ids)})", ids)
    found: dict[int, set[str]] = {}
    for (person_id,) in telegram:
        found.setdefault(int(person_id), set()).add("telegram")
    for person_id, channel in others:
        found.setdefault(int(person_id), set()).add(str(channel))
    order = list(NAMES)
    return {pid: tuple(sorted(kinds, key=lambda k: order.index(k) if k in order else len(order)))
            for pid, kinds in found.items()}


async def messenger_labels(db: Database, person_ids: Sequence[int]) -> dict[int, str]:
    """{person id: «MAX» / «Telegram, MAX»} when someone of them uses a messenger besides
    Telegram; {} otherwise (Telegram-only lists stay as they were)."""
    found = await messengers_of(db, person_ids)
    if all(kinds == ("telegram",) for kinds in found.values()):
        return {}
    return {pid: ", ".join(NAMES.get(k, k) for k in kinds) for pid, kinds in found.items()}
