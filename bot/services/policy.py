"""A program's reminder policy, as the coordinator changes it from the chat:

    /reminders за=7,3,1 повтор=3 максимум=5 время=10:00 опрос=нет старт=да программа=2
    /reminders напоминания=нет      (all of the program's reminders off; =да turns them on)

Stored as JSON in programs.reminder_policy; the next planner pass re-plans with it.
The same changes come from the buttons under `/reminders` (`toggle_lead_day`, `with_repeat`,
`switched`), saved through `save_policy` as the typed ones are.
"""

from __future__ import annotations

import re
from datetime import time

from bot.domain.reminders import ReminderPolicy
from bot.services.errors import InvalidInput
from bot.storage.database import Database

_YES = {"да", "вкл", "on", "yes", "1"}
_NO = {"нет", "выкл", "off", "no", "0"}


def parse_changes(text: str, policy: ReminderPolicy) -> tuple[ReminderPolicy, int | None]:
    """The policy with the changes in `text`, and the program named (if any).
    Raises InvalidInput(reason) with the offending fragment."""
    changes: dict[str, object] = {}
    program: int | None = None
    for key, value in re.findall(r"([а-яёa-z_]+)\s*=\s*([^\s]+)", text.casefold()):
        try:
            if key == "за":
                days = tuple(sorted({int(v) for v in value.split(",") if v}, reverse=True))
                if not days or any(d < 1 or d > 60 for d in days):
                    raise ValueError
                changes["before_days"] = days
            elif key == "повтор":
                changes["overdue_every_working_days"] = _bounded(value, 1, 30)
            elif key == "максимум":
                changes["overdue_max"] = _bounded(value, 0, 20)
            elif key == "координатору":
                changes["coordinator_after_working_days"] = _bounded(value, 1, 30)
            elif key == "время":
                hours, minutes = (int(part) for part in value.split(":"))
                moment = time(hours, minutes)
                if not time(7, 0) <= moment <= time(20, 0):
                    raise ValueError
                changes["send_at"] = moment
            elif key in {"опрос", "старт", "всрок"}:
                changes[{"опрос": "continuous_check_in", "старт": "start_notice", "всрок": "on_due_day"}[key]] = \
                    _flag(value)
            elif key == "напоминания":
                changes["enabled"] = _flag(value)
            elif key == "программа":
                program = int(value)
            else:
                raise InvalidInput(f"{key}={value}")
        except (ValueError, TypeError):
            raise InvalidInput(f"{key}={value}") from None
    if not changes and program is None:
        raise InvalidInput(text.strip()[:40] or "—")
    return policy.model_copy(update=changes), program


# What the buttons under /reminders offer.
LEAD_DAY_CHOICES = (14, 7, 3, 1)
REPEAT_CHOICES = (1, 3, 7)


def toggle_lead_day(policy: ReminderPolicy, days: int) -> ReminderPolicy:
    """`days` added to the «before the due date» reminders, or removed if it is there. The last
    one stays (InvalidInput): turning reminders off is the on/off switch's job."""
    if not 1 <= days <= 60:
        raise InvalidInput(f"за={days}")
    chosen = set(policy.before_days) ^ {days}
    if not chosen:
        raise InvalidInput(f"за={days}")
    return policy.model_copy(update={"before_days": tuple(sorted(chosen, reverse=True))})


def with_repeat(policy: ReminderPolicy, every: int) -> ReminderPolicy:
    """Overdue reminders every `every` working days."""
    if not 1 <= every <= 30:
        raise InvalidInput(f"повтор={every}")
    return policy.model_copy(update={"overdue_every_working_days": every})


def switched(policy: ReminderPolicy, enabled: bool) -> ReminderPolicy:
    return policy.model_copy(update={"enabled": enabled})


def _flag(value: str) -> bool:
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(value)


def _bounded(value: str, low: int, high: int) -> int:
    number = int(value)
    if not low <= number <= high:
        raise ValueError
    return number


async def load_policy(db: Database, program_id: int) -> ReminderPolicy:
    async with db.read() as conn:
        rows = await conn.execute_fetchall("SELECT reminder_policy FROM programs WHERE id = ?", (program_id,))
    return ReminderPolicy.model_validate_json(rows[0][0]) if rows and rows[0][0] else ReminderPolicy()


async def save_policy(db: Database, program_id: int, policy: ReminderPolicy) -> None:
    async with db.transaction() as conn:
        await conn.execute("UPDATE programs SET reminder_policy = ? WHERE id = ?",
                           (policy.model_dump_json(), program_id))
