"""Which program a coordinator's command is about (issue 12 «Many programs»): the current
program, or — the first time, with several programs — a question with a button per program.
The answers name their program in one line and offer «🔁 Сменить программу»."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Texts
from bot.keyboards.callbacks import CurrentPick, PickPurpose, ProgramSwitch
from bot.services.bundle import Services
from bot.services.current_program import Choice, coordinator_choice, program_label
from bot.storage.people import Person
from bot.storage.programs import ProgramRecord

PENDING_ARGS = "program_pick_args"  # FSM data: {purpose: the command's arguments} while the coordinator picks
WITH_ALL = (PickPurpose.SUMMARY, PickPurpose.EXPORT)  # «Все программы» is a choice there


def picker(texts: Texts, choice: Choice, purpose: PickPurpose, arg: str = "") -> InlineKeyboardMarkup:
    current = choice.current.id if choice.current else 0
    rows = [[InlineKeyboardButton(text=("✅ " if p.id == current else "") + program_label(p),
                                  callback_data=CurrentPick(program_id=p.id, purpose=purpose, arg=arg).pack())]
            for p in choice.programs]
    if purpose in WITH_ALL:
        rows.append([InlineKeyboardButton(text=texts("program-all"),
                                          callback_data=CurrentPick(program_id=0, purpose=purpose).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def ask(message: Message, texts: Texts, choice: Choice, purpose: PickPurpose, arg: str = "") -> None:
    text = texts("pick-program-current", program=program_label(choice.current)) if choice.current \
        else texts("pick-program-remember")
    await message.answer(text, reply_markup=picker(texts, choice, purpose, arg))


async def refuse_if_none(message: Message, services: Services, person: Person, texts: Texts,
                         choice: Choice) -> bool:
    if choice.programs:
        return False
    await message.answer(texts("not-coordinator") if not await services.access.coordinated_programs(person)
                         and not services.access.is_configured_coordinator(person) else texts("programs-empty"))
    return True


async def current_or_ask(message: Message, services: Services, person: Person, texts: Texts, purpose: PickPurpose,
                         *, state: FSMContext | None = None, args: str = "", arg: str = "") -> ProgramRecord | None:
    """The program to act on: the current one (the only one counts), or None after asking which
    (the command's `args` kept in the conversation, a short `arg` in the buttons)."""
    choice = await coordinator_choice(services, person)
    if await refuse_if_none(message, services, person, texts, choice):
        return None
    if choice.current is not None:
        return choice.current
    if state is not None and args:
        pending = dict((await state.get_data()).get(PENDING_ARGS) or {})
        pending[purpose.value] = args
        await state.update_data({PENDING_ARGS: pending})
    await ask(message, texts, choice, purpose, arg)
    return None


async def pop_pending(state: FSMContext | None, purpose: PickPurpose) -> str:
    if state is None:
        return ""
    pending = dict((await state.get_data()).get(PENDING_ARGS) or {})
    args = pending.pop(purpose.value, "")
    if args:
        await state.update_data({PENDING_ARGS: pending})
    return str(args)


def switch_button(texts: Texts, purpose: PickPurpose, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texts("program-switch"),
                                callback_data=ProgramSwitch(purpose=purpose, arg=arg).pack())


async def context_of(services: Services, person: Person | None, texts: Texts, program_id: int,
                     purpose: PickPurpose, arg: str = "") -> tuple[str, list[list[InlineKeyboardButton]]]:
    """(«Программа: … · сменить: /program», [[🔁 Сменить программу]]) for a coordinator of
    several programs; ("", []) for one program — nothing to tell apart."""
    if person is None:
        return "", []
    choice = await coordinator_choice(services, person)
    program = next((p for p in choice.programs if p.id == program_id), None)
    if not choice.several or program is None:
        return "", []
    return texts("current-program-line", program=program_label(program)), [[switch_button(texts, purpose, arg)]]


def with_rows(markup: InlineKeyboardMarkup | None, rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return markup
    return InlineKeyboardMarkup(inline_keyboard=[*(markup.inline_keyboard if markup else []), *rows])
