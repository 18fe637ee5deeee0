"""The channel-neutral conversation layer (bot/conversations): no messenger library inside, button
data identical to aiogram's CallbackData packs, conversation state per (channel, user) in the
table aiogram's FSM storage uses, one people row per MAX account (bot/storage/channels.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from bot.conversations.data import (CardOpen, EvidenceTarget, ListPage, TaskAction, TaskPress, pack,
                                    unpack)
from bot.conversations.state import Flow, SqliteStateStore, state_key
from bot.domain.clock import FrozenClock
from bot.storage import Database
from bot.storage.channels import ChannelRepository
from bot.storage.fsm import FsmStateRepository

NOW = datetime(2023, 9, 20, 1, 0, tzinfo=UTC)


def test_the_layer_imports_no_messenger_library():
    code = ("import sys, bot.conversations.presses, bot.conversations.flows, bot.conversations.invites, "
            "bot.conversations.evidence; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'aiogram', 'maxapi'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_button_data_are_the_callback_data_packs():
    from bot.keyboards import callbacks as cb

    assert {a.value for a in TaskAction} == {a.value for a in cb.TaskAction}
    assert pack(ListPage(3)) == cb.TaskListPage(page=3).pack()
    assert pack(CardOpen(12)) == cb.TaskCardOpen(task_id=12).pack()
    for action in TaskAction:
        assert pack(TaskPress(7, action)) == cb.TaskButton(task_id=7, action=cb.TaskAction(action.value)).pack()
    assert pack(EvidenceTarget(5, 12)) == cb.EvidenceTarget(submission_id=5, task_id=12).pack()
    for value in (ListPage(0), CardOpen(2**63 - 1), TaskPress(1, TaskAction.REOPEN), EvidenceTarget(1, 2)):
        assert unpack(pack(value)) == value
        assert len(pack(value).encode()) <= 64


@pytest.mark.parametrize("data", ["", "tc", "tc:0", "tc:-1", "tc:abc", f"tc:{2**63}", "tc:1:2", "ta:1:nope",
                                  "ta:1", "tl:100001", "tl:-1", "ev:1", "ev:0:1", "xx:1", "tc:١٢", "tc: 1"])
def test_malformed_data_parse_to_nothing(data):
    assert unpack(data) is None


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def test_state_is_kept_per_channel_and_user(db):
    clock = FrozenClock(NOW)
    repository = FsmStateRepository(db)
    max_user = SqliteStateStore(repository, state_key("max", 42), clock)
    other = SqliteStateStore(repository, state_key("max", 43), clock)
    await max_user.set_state(Flow.ATTACHING)
    await max_user.update_data(task_id=5, then_done=True)
    assert (await max_user.get_state(), await max_user.get_data()) == (Flow.ATTACHING, {"task_id": 5, "then_done": True})
    assert await other.get_state() is None
    again = SqliteStateStore(FsmStateRepository(db), "max:42", clock)  # a restart: the same row
    assert await again.get_state() == "TaskFlow:attaching"
    await again.clear()
    assert (await max_user.get_state(), await max_user.get_data()) == (None, {})


async def test_a_max_account_is_one_person(db):
    channels = ChannelRepository(db)
    first = await channels.person_id_for("max", 2**62, display_name="Алла", username=None, chat_id=9, now=NOW)
    again = await channels.person_id_for("max", 2**62, display_name="Алла Якшина", username="alla", chat_id=None,
                                         now=NOW)
    other = await channels.person_id_for("max", 7, display_name="Борис", username=None, chat_id=10, now=NOW)
    assert first == again != other
    [identity] = await channels.identities(first)
    assert await channels.chat_of("max", 2**62) == "9" and await channels.chat_of("max", 8) is None
    assert (identity.channel, identity.external_user_id, identity.chat_id) == ("max", str(2**62), "9")
    async with db.read() as conn:
        rows = await conn.execute_fetchall("SELECT display_name, telegram_user_id FROM people WHERE id = ?", (first,))
    assert tuple(rows[0]) == ("Алла Якшина", None)
    with pytest.raises(ValueError):
        await channels.person_id_for("icq", 1, display_name="x", username=None, chat_id=None, now=NOW)


def test_flow_names_are_the_aiogram_states():
    from bot.handlers.states import TaskFlow

    assert {TaskFlow.problem_comment.state, TaskFlow.done_comment.state, TaskFlow.attaching.state,
            TaskFlow.postpone_date.state, TaskFlow.postpone_reason.state} == \
        Flow.TEXT_STATES | {Flow.ATTACHING}
