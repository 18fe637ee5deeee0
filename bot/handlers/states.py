"""Conversation states. Kept in SQLite (see bot.telegram.fsm_storage): a restart in the
middle of a conversation continues where the person was."""

from aiogram.fsm.state import State, StatesGroup


class TaskFlow(StatesGroup):
    problem_comment = State()  # data: task_id
    done_comment = State()  # data: task_id — «без документа» needs a word why
    attaching = State()  # data: task_id, then_done — files go to this task
    postpone_date = State()  # data: task_id
    postpone_reason = State()  # data: task_id, new_date


class CoordinatorFlow(StatesGroup):
    roadmap_file = State()  # waiting for the roadmap document
    fix_deadline = State()  # data: activity_id


class AddPartyFlow(StatesGroup):
    name = State()  # data: program_id — waiting for a person's name or a role's title
    choosing = State()  # data: program_id, name, normalized, kind, per_school — buttons answer
    activities = State()  # the same data — waiting for activity numbers
    confirming = State()  # the same data and activity_ids — «Добавить» stores it
