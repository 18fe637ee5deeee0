"""The coordinator's commands: /programs, /people, /invite, /activity N, /overdue."""

from __future__ import annotations

import re

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.domain.zones import zone_label
from bot.handlers.common import show
from bot.handlers.program_context import context_of, current_or_ask, with_rows
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import (
    ActivityOpen,
    ActivityPage,
    AddPartyStart,
    InviteAll,
    InvitePage,
    InviteParty,
    OverduePage,
    PeoplePage,
    PickPurpose,
)
from bot.rendering.coordinator import activity_view, invite_view, overdue_view, people_view
from bot.rendering.invites import invites_workbook
from bot.services.bundle import Services
from bot.services.current_program import coordinator_choice, program_label  # noqa: F401  (program_label: re-exported)
from bot.storage.invites import InviteRole
from bot.storage.people import Person

router = Router(name="coordinator")
ACTIVITY_NUMBER = re.compile(r"[0-9A-Za-z.\-]{1,16}")


async def _programs(services: Services, person: Person):
    return (await coordinator_choice(services, person)).programs


async def _pick_or_run(message: Message, services: Services, person: Person, texts: Texts, purpose: PickPurpose):
    """The program to act on: the current one (or the only one), or None after asking which."""
    return await current_or_ask(message, services, person, texts, purpose)


@router.message(Command("programs"))
async def on_programs(message: Message, services: Services, person: Person, texts: Texts) -> None:
    programs = await _programs(services, person)
    if not programs:
        await message.answer(texts("programs-empty") if services.access.is_configured_coordinator(person)
                             else texts("not-coordinator"))
        return
    lines = [texts("programs-header")]
    for p in programs:
        period = f"{format_date(p.period.start)} – {format_date(p.period.end)}"
        lines.append(texts("programs-line", title=p.title, period=period, timezone=zone_label(p.timezone),
                           activities=texts("activities-count", count=p.activity_count)))
    await message.answer("\n".join(lines))


async def _coordinates(services: Services, person: Person, program_id: int, texts: Texts,
                       callback_answer: CallbackAnswer) -> bool:
    if await services.access.is_coordinator(person, program_id):
        return True
    callback_answer.text, callback_answer.show_alert = texts("no-access"), True
    return False


async def _people(message: Message, services: Services, program_id: int, texts: Texts, page: int = 0, *,
                  edit: bool = False) -> None:
    program = await services.programs.get_program(program_id)
    members = await services.people.program_members(program_id)
    missing = [t for t in await services.invites.targets(program_id) if not t.joined_person_ids]
    await show(message, *people_view(texts, program_id, program.title if program else "", members, missing, page),
               edit=edit)


@router.message(Command("people"))
async def on_people(message: Message, services: Services, person: Person, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, PickPurpose.PEOPLE)
    if program is not None:
        await _people(message, services, program.id, texts)


async def _invite_menu(message: Message, services: Services, program_id: int, texts: Texts, page: int = 0, *,
                       edit: bool = False) -> None:
    program = await services.programs.get_program(program_id)
    targets = await services.invites.targets(program_id)
    if not targets:
        await show(message, texts("invite-nothing"), InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=texts("add-party-button"), callback_data=AddPartyStart(program_id=program_id).pack())]]), edit=edit)
        return
    await show(message, *invite_view(texts, program_id, program.title if program else "", targets, page), edit=edit)


@router.message(Command("invite"))
async def on_invite_command(message: Message, services: Services, person: Person, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, PickPurpose.INVITE)
    if program is not None:
        await _invite_menu(message, services, program.id, texts)


def invite_link(username: str, token: str) -> str:
    return f"https://t.me/{username}?start={token}"


@router.callback_query(InviteParty.filter())
async def on_invite_party(query: CallbackQuery, callback_data: InviteParty, services: Services, person: Person,
                          bot: Bot, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not await _coordinates(services, person, callback_data.program_id, texts, callback_answer):
        return
    organization_id = callback_data.organization_id or None
    target = next((t for t in await services.invites.targets(callback_data.program_id)
                   if t.party_id == callback_data.party_id and t.organization_id == organization_id), None)
    if target is None:
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True
        return
    if target.joined_person_ids and not callback_data.confirmed and isinstance(query.message, Message):
        # Someone holds this party: a new link is for another phone or another person — ask first.
        holders = [m.label for m in await services.people.program_members(callback_data.program_id)
                   if m.person.id in target.joined_person_ids]
        await query.message.answer(
            texts("invite-joined-ask", label=target.label, holders=", ".join(holders) or "—"),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=texts("invite-joined-issue"),
                callback_data=callback_data.model_copy(update={"confirmed": True}).pack())]]))
        return
    issued = await services.invites.issue(callback_data.program_id, InviteRole.RESPONSIBLE, party_id=target.party_id,
                                          organization_id=organization_id, created_by=person.id, now=clock.now())
    me = await bot.me()
    if isinstance(query.message, Message):
        await query.message.answer(texts("invite-link", label=target.label, until=format_date(issued.expires_at.date()),
                                         link=invite_link(me.username or "bot", issued.token)))


@router.callback_query(InviteAll.filter())
async def on_invite_all(query: CallbackQuery, callback_data: InviteAll, services: Services, person: Person,
                        bot: Bot, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not await _coordinates(services, person, callback_data.program_id, texts, callback_answer):
        return
    me = await bot.me()
    rows = []
    expires = clock.now()
    connected = 0
    for t in await services.invites.targets(callback_data.program_id):
        if t.joined_person_ids and not callback_data.joined_too:
            # A new link would replace the one a connected person may still share: ask first.
            connected += 1
            rows.append((t.label, texts("invite-file-connected"), ""))
            continue
        issued = await services.invites.issue(callback_data.program_id, InviteRole.RESPONSIBLE, party_id=t.party_id,
                                              organization_id=t.organization_id, created_by=person.id, now=clock.now())
        expires = issued.expires_at
        rows.append((t.label, texts("invite-file-connected") if t.joined_person_ids else "",
                     invite_link(me.username or "bot", issued.token)))
    if not isinstance(query.message, Message):
        return
    caption = texts("invite-file-caption", count=len(rows) - connected, until=format_date(expires.date()))
    keyboard = None
    if connected:
        caption += "\n" + texts("invite-file-connected-skipped", count=connected)
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=texts("invite-file-connected-too"),
            callback_data=InviteAll(program_id=callback_data.program_id, joined_too=True).pack())]])
    await query.message.answer_document(BufferedInputFile(invites_workbook(rows), filename="приглашения.xlsx"),
                                        caption=caption, reply_markup=keyboard)


@router.message(Command("activity"))
async def on_activity(message: Message, command: CommandObject, services: Services, person: Person,
                      texts: Texts) -> None:
    number = (command.args or "").strip().rstrip(".")
    if not number:
        await message.answer(texts("activity-usage"))
        return
    if not ACTIVITY_NUMBER.fullmatch(number):
        await message.answer(texts("activity-not-found", number=number))
        return
    program = await current_or_ask(message, services, person, texts, PickPurpose.ACTIVITY, arg=number)
    if program is not None:
        await show_activity(message, services, person, texts, program.id, number)


async def show_activity(message: Message, services: Services, person: Person, texts: Texts, program_id: int,
                        number: str) -> None:
    if not number:
        await message.answer(texts("activity-usage"))
    elif not await _activity(message, services, program_id, texts, number=number, person=person):
        line, rows = await context_of(services, person, texts, program_id, PickPurpose.ACTIVITY, number)
        program = await services.programs.get_program(program_id)
        await message.answer(texts("activity-not-found-in", number=number, program=program.title if program else "")
                             + ("\n" + line if line else ""), reply_markup=with_rows(None, rows))


async def _activity(message: Message, services: Services, program_id: int, texts: Texts, *, number: str | None = None,
                    activity_id: int = 0, page: int = 0, edit: bool = False, person: Person | None = None) -> bool:
    """Activity «number» (or the one with `activity_id`) of the program, if it has it: its
    schools (or dates) a page at a time."""
    tasks = await services.tasks.for_program(program_id)
    if number is None:
        number = next(((t.number or "").rstrip(".") for t in tasks if t.activity_id == activity_id), None)
        if number is None:
            return False
    tasks = [t for t in tasks if (t.number or "").rstrip(".") == number]
    if not tasks:
        return False
    program = await services.programs.get_program(program_id)
    assignees = await services.tasks.assignees_of([t.task_id for t in tasks])
    arg = number if ACTIVITY_NUMBER.fullmatch(number) else ""
    line, rows = await context_of(services, person, texts, program_id, PickPurpose.ACTIVITY, arg)
    text, markup = activity_view(texts, program.title if program else "", tasks, assignees, page, line)
    await show(message, text, with_rows(markup, rows), edit=edit)
    return True


async def _overdue(message: Message, services: Services, program_id: int, texts: Texts, now, page: int = 0, *,
                   edit: bool = False, person: Person | None = None) -> None:
    tasks = [t for t in await services.tasks.for_program(program_id) if t.is_overdue(now)]
    program = await services.programs.get_program(program_id)
    # which program this is: by its title for one program, the switch line for several
    line, rows = await context_of(services, person, texts, program_id, PickPurpose.OVERDUE)
    context = line or texts("overdue-program", program=program.title if program else "")
    if not tasks:
        await show(message, texts("overdue-none") + "\n" + context, with_rows(None, rows), edit=edit)
        return
    text, markup = overdue_view(texts, program_id, tasks, now, page, context)
    await show(message, text, with_rows(markup, rows), edit=edit)


@router.message(Command("overdue"))
async def on_overdue(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, PickPurpose.OVERDUE)
    if program is not None:
        await _overdue(message, services, program.id, texts, clock.now(), person=person)


@router.callback_query(PeoplePage.filter())
async def on_people_page(query: CallbackQuery, callback_data: PeoplePage, services: Services, person: Person,
                         texts: Texts, callback_answer: CallbackAnswer) -> None:
    if await _coordinates(services, person, callback_data.program_id, texts, callback_answer) \
            and isinstance(query.message, Message):
        await _people(query.message, services, callback_data.program_id, texts, callback_data.page, edit=True)


@router.callback_query(InvitePage.filter())
async def on_invite_page(query: CallbackQuery, callback_data: InvitePage, services: Services, person: Person,
                         texts: Texts, callback_answer: CallbackAnswer) -> None:
    if await _coordinates(services, person, callback_data.program_id, texts, callback_answer) \
            and isinstance(query.message, Message):
        await _invite_menu(query.message, services, callback_data.program_id, texts, callback_data.page, edit=True)


@router.callback_query(ActivityPage.filter())
async def on_activity_page(query: CallbackQuery, callback_data: ActivityPage, services: Services, person: Person,
                           texts: Texts, callback_answer: CallbackAnswer) -> None:
    if await _coordinates(services, person, callback_data.program_id, texts, callback_answer) \
            and isinstance(query.message, Message) \
            and not await _activity(query.message, services, callback_data.program_id, texts,
                                    activity_id=callback_data.activity_id, page=callback_data.page, edit=True,
                                    person=person):
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True


@router.callback_query(ActivityOpen.filter())
async def on_activity_open(query: CallbackQuery, callback_data: ActivityOpen, services: Services, person: Person,
                           texts: Texts, callback_answer: CallbackAnswer) -> None:
    """A line of /overdue pressed: the activity's schools and dates in a new message, the list stays."""
    if await _coordinates(services, person, callback_data.program_id, texts, callback_answer) \
            and isinstance(query.message, Message) \
            and not await _activity(query.message, services, callback_data.program_id, texts,
                                    activity_id=callback_data.activity_id, person=person):
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True


@router.callback_query(OverduePage.filter())
async def on_overdue_page(query: CallbackQuery, callback_data: OverduePage, services: Services, person: Person,
                          clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if await _coordinates(services, person, callback_data.program_id, texts, callback_answer) \
            and isinstance(query.message, Message):
        await _overdue(query.message, services, callback_data.program_id, texts, clock.now(), callback_data.page,
                       edit=True, person=person)
