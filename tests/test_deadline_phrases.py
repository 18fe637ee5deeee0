"""Deadlines as a person reads them on a card: no doubled words (issue 12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.i18n import texts
from bot.rendering.tasks import deadline_phrase
from bot.storage.tasks import TaskStatus, TaskView

BASE = TaskView(
    task_id=1, program_id=1, program_title="П", timezone="Asia/Yakutsk", activity_id=1, number="1.1", title="Т",
    section=None, result=None, schedule_kind="continuous", schedule_text="Постоянно", schedule_start=date(2023, 9, 1),
    schedule_end=date(2024, 8, 31), occurrence_kind="continuous", planned_date=None, due_date=None,
    status=TaskStatus.NOT_STARTED, status_changed_at=None, organization_id=None, organization_name=None, file_count=0,
)


@pytest.mark.parametrize("schedule,end,phrase", [
    ("Постоянно", date(2024, 8, 31), "постоянно, до 31 августа 2024"),
    ("постоянно", None, "постоянно"),
    ("", None, "постоянно"),
    ("В течение года", date(2024, 8, 31), "постоянно (В течение года), до 31 августа 2024"),
])
def test_continuous_deadlines_say_постоянно_once(schedule, end, phrase):
    task = replace(BASE, schedule_text=schedule, schedule_end=end)
    assert deadline_phrase(texts(), task, date(2023, 10, 1)) == phrase
