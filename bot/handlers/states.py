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
