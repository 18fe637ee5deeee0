"""/program and the program picker (issue 12 «Many programs»): the coordinator's choice is
remembered and the command it was asked for goes on; «🔁 Сменить программу» asks again.
Also the commands that act on the current program's settings: /schools, /addschool, /reminders."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.domain.reminders import ReminderPolicy
from bot.handlers import coordinator, coordinator_edit, summary
from bot.handlers.program_context import WITH_ALL, ask, context_of, current_or_ask, pop_pending, refuse_if_none
from bot.i18n import Texts
from bot.keyboards.callbacks import CurrentPick, PickPurpose, ProgramPick, ProgramSwitch
from bot.services.bundle import Services
from bot.services.current_program import CurrentProgramRepository, coordinator_choice, program_label
from bot.services.errors import InvalidInput
from bot.services.policy import load_policy, parse_changes, save_policy
from bot.storage.people import Person
from bot.storage.programs import ProgramRecord

router = Router(name="current_program")


@router.message(Command("program"))
async def on_program(message: Message, services: Services, person: Person, texts: Texts) -> None:
    choice = await coordinator_choice(services, person)
    if await refuse_if_none(message, services, person, texts, choice):
        return
    if not choice.several:
        await message.answer(texts("program-only", program=program_label(choice.programs[0])))
        return
    await ask(message, texts, choice, PickPurpose.PROGRAM)


@router.callback_query(ProgramSwitch.filter())
async def on_switch(query: CallbackQuery, callback_data: ProgramSwitch, services: Services, person: Person,
                    texts: Texts) -> None:
    choice = await coordinator_choice(services, person)
    if isinstance(query.message, Message) and not await refuse_if_none(query.message, services, person, texts, choice):
        await ask(query.message, texts, choice, callback_data.purpose, callback_data.arg)


@router.callback_query(CurrentPick.filter())
async def on_pick(query: CallbackQuery, callback_data: CurrentPick, services: Services, person: Person, clock: Clock,
                  texts: Texts, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    await _picked(query, callback_data.program_id, callback_data.purpose, callback_data.arg, services, person, clock,
                  texts, state, callback_answer)


@router.callback_query(ProgramPick.filter())
async def on_old_pick(query: CallbackQuery, callback_data: ProgramPick, services: Services, person: Person,
                      clock: Clock, texts: Texts, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    """A picker sent before issue 12 («pp:…» buttons): the same as a pick now."""
    await _picked(query, callback_data.program_id, callback_data.purpose, "", services, person, clock, texts, state,
                  callback_answer)


async def _picked(query: CallbackQuery, program_id: int, purpose: PickPurpose, arg: str, services: Services,
                  person: Person, clock: Clock, texts: Texts, state: FSMContext,
                  callback_answer: CallbackAnswer) -> None:
    if not isinstance(query.message, Message):
        return
    message = query.message
    if program_id == 0:
        if purpose not in WITH_ALL:
            callback_answer.text, callback_answer.show_alert = texts("stale-button"), True
            return
        await message.edit_text(texts("program-all-picked"), reply_markup=None)
        runner = summary.send_all_summaries if purpose is PickPurpose.SUMMARY else summary.send_all_exports
        await runner(message, services, person, clock, texts)
        return
    program = next((p for p in (await coordinator_choice(services, person)).programs if p.id == program_id), None)
    if program is None or not await services.access.is_coordinator(person, program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    await CurrentProgramRepository(services.db).set(person.id, program_id, now=clock.now())
    callback_answer.text = texts("program-picked-short")
    await message.edit_text(texts("program-picked", program=program_label(program)), reply_markup=None)
    await run(message, services, person, clock, texts, purpose, program, arg or await pop_pending(state, purpose))


async def run(message: Message, services: Services, person: Person, clock: Clock, texts: Texts,
              purpose: PickPurpose, program: ProgramRecord, args: str) -> None:
    """The command the coordinator was asked «which program?» for, on the chosen program."""
    if purpose is PickPurpose.PEOPLE:
        await coordinator._people(message, services, program.id, texts)
    elif purpose is PickPurpose.INVITE:
        await coordinator._invite_menu(message, services, program.id, texts)
    elif purpose is PickPurpose.OVERDUE:
        await coordinator._overdue(message, services, program.id, texts, clock.now(), person=person)
    elif purpose is PickPurpose.SUMMARY:
        await summary.send_summary(message, services, person, clock, texts, program)
    elif purpose is PickPurpose.EXPORT:
        await summary.send_export(message, services, person, clock, texts, program)
    elif purpose is PickPurpose.ACTIVITY:
        await coordinator.show_activity(message, services, person, texts, program.id, args)
    elif purpose is PickPurpose.SCHOOLS:
        await coordinator_edit.schools_menu(message, services, program.id, texts, edit=False, person=person)
    elif purpose is PickPurpose.ADDSCHOOL:
        await add_school(message, services, clock, texts, program, args)
    elif purpose is PickPurpose.REMINDERS:
        if args:
            await change_reminders(message, services, texts, program.id, args)
        else:
            await show_reminders(message, services, person, texts, program.id)


@router.message(Command("schools"))
async def on_schools(message: Message, services: Services, person: Person, texts: Texts) -> None:
    program = await current_or_ask(message, services, person, texts, PickPurpose.SCHOOLS)
    if program is not None:
        await coordinator_edit.schools_menu(message, services, program.id, texts, edit=False, person=person)


@router.message(Command("addschool"))
async def on_add_school(message: Message, command: CommandObject, services: Services, person: Person,
                        clock: Clock, texts: Texts, state: FSMContext) -> None:
    name = " ".join((command.args or "").split())[:200]
    if not await services.access.coordinated_programs(person):
        await message.answer(texts("not-coordinator"))
        return
    if not name:
        await message.answer(texts("addschool-usage"))
        return
    program = await current_or_ask(message, services, person, texts, PickPurpose.ADDSCHOOL, state=state, args=name)
    if program is not None:
        await add_school(message, services, clock, texts, program, name)


async def add_school(message: Message, services: Services, clock: Clock, texts: Texts, program: ProgramRecord,
                     name: str) -> None:
    if not name:
        await message.answer(texts("addschool-usage"))
        return
    await services.organizations.add(program.id, name, now=clock.now())
    await message.answer(texts("addschool-done", name=name, program=program.title))


async def show_reminders(message: Message, services: Services, person: Person, texts: Texts, program_id: int) -> None:
    text, keyboard = await coordinator_edit.policy_message(services, texts, program_id,
                                                           await load_policy(services.db, program_id))
    await message.answer(text, reply_markup=keyboard)
    line, rows = await context_of(services, person, texts, program_id, PickPurpose.REMINDERS)
    await message.answer(texts("policy-usage") + ("\n\n" + line if line else ""),
                         reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


async def change_reminders(message: Message, services: Services, texts: Texts, program_id: int, args: str) -> None:
    try:
        policy, _ = parse_changes(args, await load_policy(services.db, program_id))
    except InvalidInput as error:
        await message.answer(texts("policy-bad", fragment=error.reason, usage=texts("policy-usage")))
        return
    await save_policy(services.db, program_id, policy)
    record = await services.programs.get_program(program_id)
    await message.answer(texts("policy-saved") + "\n\n" + coordinator_edit.policy_text(
        texts, program_id, record.title if record else "", policy))


@router.message(Command("reminders"))
async def on_reminders(message: Message, command: CommandObject, services: Services, person: Person,
                       texts: Texts, state: FSMContext) -> None:
    programs = await services.access.coordinated_programs(person)
    if not programs:
        await message.answer(texts("not-coordinator"))
        return
    args = (command.args or "").strip()
    named = None
    if args:
        try:
            _, named = parse_changes(args, ReminderPolicy())  # «программа=№» names the program itself
        except InvalidInput as error:
            await message.answer(texts("policy-bad", fragment=error.reason, usage=texts("policy-usage")))
            return
    if named is not None:
        if named not in programs:
            await message.answer(texts("no-access"))
            return
        await change_reminders(message, services, texts, named, args)
        return
    program = await current_or_ask(message, services, person, texts, PickPurpose.REMINDERS, state=state, args=args)
    if program is None:
        return
    if args:
        await change_reminders(message, services, texts, program.id, args)
    else:
        await show_reminders(message, services, person, texts, program.id)
