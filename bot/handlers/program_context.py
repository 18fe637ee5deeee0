"""Which program a coordinator's command is about (issue 12 «Many programs»), for the Telegram
handlers that still speak aiogram: the logic is channel-neutral in bot/conversations/programs.py;
these wrappers answer with aiogram and return aiogram buttons."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.conversations import programs
from bot.conversations.replies import Reply, Send
from bot.i18n import Texts
from bot.keyboards.callbacks import PickPurpose
from bot.services.bundle import Services
from bot.services.current_program import Choice
from bot.storage.people import Person
from bot.storage.programs import ProgramRecord
from bot.telegram.conversation import markup

PENDING_ARGS = programs.PENDING_ARGS
WITH_ALL = (PickPurpose.SUMMARY, PickPurpose.EXPORT)  # «Все программы» is a choice there


def picker(texts: Texts, choice: Choice, purpose: PickPurpose, arg: str = "") -> InlineKeyboardMarkup:
    return markup(programs.picker(texts, choice, purpose.value, arg))  # type: ignore[return-value]


async def _answer(message: Message, replies: list[Reply]) -> None:
    for reply in replies:
        if isinstance(reply, Send):
            await message.answer(reply.text, reply_markup=markup(reply.keyboard))


async def ask(message: Message, texts: Texts, choice: Choice, purpose: PickPurpose, arg: str = "") -> None:
    await _answer(message, [programs.ask(texts, choice, purpose.value, arg)])


async def refuse_if_none(message: Message, services: Services, person: Person, texts: Texts,
                         choice: Choice) -> bool:
    refused = await programs.refusal(services, person, texts, choice)
    await _answer(message, refused)
    return bool(refused)


async def current_or_ask(message: Message, services: Services, person: Person, texts: Texts, purpose: PickPurpose,
                         *, state: FSMContext | None = None, args: str = "", arg: str = "") -> ProgramRecord | None:
    """The program to act on: the current one (the only one counts), or None after asking which
    (the command's `args` kept in the conversation, a short `arg` in the buttons)."""
    program, asked = await programs.choose(services, person, texts, purpose.value, state=state, args=args, arg=arg)
    await _answer(message, asked)
    return program


async def pop_pending(state: FSMContext | None, purpose: PickPurpose) -> str:
    return await programs.pop_pending(state, purpose.value)


def _buttons(rows) -> list[list[InlineKeyboardButton]]:  # type: ignore[no-untyped-def]
    board = markup(tuple(tuple(row) for row in rows))
    return board.inline_keyboard if board is not None else []  # type: ignore[return-value]


def switch_button(texts: Texts, purpose: PickPurpose, arg: str = "") -> InlineKeyboardButton:
    return _buttons([[programs.switch_button(texts, purpose.value, arg)]])[0][0]


async def context_of(services: Services, person: Person | None, texts: Texts, program_id: int,
                     purpose: PickPurpose, arg: str = "") -> tuple[str, list[list[InlineKeyboardButton]]]:
    """(«Программа: … · сменить: /program», [[🔁 Сменить программу]]) for a coordinator of
    several programs; ("", []) for one program — nothing to tell apart."""
    line, rows = await programs.context_of(services, person, texts, program_id, purpose.value, arg)
    return line, _buttons(rows)


def with_rows(markup_: InlineKeyboardMarkup | None,
              rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return markup_
    return InlineKeyboardMarkup(inline_keyboard=[*(markup_.inline_keyboard if markup_ else []), *rows])
