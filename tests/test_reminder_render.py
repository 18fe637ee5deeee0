"""A reminder sent after its day (the bot was down, a backlog drained late) speaks of the
deadline as it is now: «просрочено на 5 дней», never «через -5 дней»."""

from datetime import date

from bot.i18n import texts as load_texts
from bot.rendering.reminders import reminder_batch
from bot.storage.tasks import TaskStatus, TaskView


def task(due: date) -> TaskView:
    return TaskView(task_id=1, program_id=1, program_title="П", timezone="Asia/Yakutsk", activity_id=1, number="1.1",
                    title="Совещание с руководителями школ", section=None, result=None, schedule_kind="date",
                    schedule_text="", schedule_start=due, schedule_end=due, occurrence_kind="due", planned_date=due,
                    due_date=due, status=TaskStatus.NOT_STARTED, status_changed_at=None, organization_id=None,
                    organization_name=None, file_count=0)


def test_a_late_lead_reminder_reads_as_overdue():
    texts = load_texts()
    for kind in ("before_7", "before_1", "due_today", "start"):
        text = reminder_batch(texts, [(kind, task(date(2023, 9, 29)))], date(2023, 10, 4)).text
        assert "через -" not in text and "просрочено на 5 дней" in text, text


def test_a_timely_lead_reminder_counts_the_days_ahead():
    text = reminder_batch(load_texts(), [("before_7", task(date(2023, 9, 29)))], date(2023, 9, 22)).text
    assert "через неделю срок (29 сентября 2023)" in text
