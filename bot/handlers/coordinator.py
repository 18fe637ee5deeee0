"""The coordinator's commands: /programs, /people, /invite, /activity N, /overdue."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import (
    ActivityAction,
    ActivityButton,
    InviteAll,
    InviteParty,
    ProgramPick,
    TaskCardOpen,
)
from bot.rendering.invites import invites_workbook
from bot.rendering.tasks import relative_day
from bot.services.bundle import Services
from bot.storage.invites import InviteRole
from bot.storage.people import Person

router = Router(name="coordinator")
OVERDUE_LINES = 30


def program_label(program) -> str:  # type: ignore[no-untyped-def]
    """Titles of municipal programs often start the same way: lead with the place."""
    place = f"{program.municipality} · " if program.municipality else ""
    return (place + program.title)[:60]


async def _programs(services: Services, person: Person):
    ids = await services.access.coordinated_programs(person)
    return [p for p in await services.programs.list_programs() if p.id in ids]


async def _pick_or_run(message: Message, services: Services, person: Person, texts: Texts, purpose: str):
    """The program to act on: the only one, or None after asking the coordinator to pick."""
    programs = await _programs(services, person)
    if not programs:
        await message.answer(texts("not-coordinator") if not await services.access.coordinated_programs(person)
                             and not services.access.is_configured_coordinator(person) else texts("programs-empty"))
        return None
    if len(programs) == 1:
        return programs[0]
    await message.answer(texts("pick-program"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=program_label(p), callback_data=ProgramPick(program_id=p.id, purpose=purpose).pack())]
        for p in programs
    ]))
    return None


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
        lines.append(texts("programs-line", title=p.title, period=period, timezone=p.timezone,
                           activities=texts("activities-count", count=p.activity_count)))
    await message.answer("\n".join(lines))


async def _people(message: Message, services: Services, program_id: int, texts: Texts) -> None:
    program = await services.programs.get_program(program_id)
    members = await services.people.program_members(program_id)
    lines = [texts("people-header", program=program.title if program else "")]
    for m in members:
        roles = f" — {'; '.join(m.roles)}" if m.roles else ""
        if not m.person.reachable:
            lines.append(texts("people-unreachable", name=m.person.display_name, roles=roles))
        elif m.is_coordinator and not m.roles:
            lines.append(texts("people-coordinator", name=m.person.display_name))
        else:
            lines.append(texts("people-joined", name=m.person.display_name, roles=roles))
    missing = [t for t in await services.invites.targets(program_id) if not t.joined_person_ids]
    if missing:
        lines += ["", texts("people-not-joined-header", count=len(missing))]
        lines += [texts("people-not-joined", label=t.label) for t in missing]
        lines += ["", texts("people-invite-hint")]
    await message.answer("\n".join(lines))


@router.message(Command("people"))
async def on_people(message: Message, services: Services, person: Person, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, "ppl")
    if program is not None:
        await _people(message, services, program.id, texts)


async def _invite_menu(message: Message, services: Services, program_id: int, texts: Texts) -> None:
    program = await services.programs.get_program(program_id)
    targets = await services.invites.targets(program_id)
    if not targets:
        await message.answer(texts("invite-nothing"))
        return
    rows = [[InlineKeyboardButton(text=("✅ " if t.joined_person_ids else "") + t.label[:58], callback_data=InviteParty(
        program_id=program_id, party_id=t.party_id, organization_id=t.organization_id or 0).pack())] for t in targets]
    rows.append([InlineKeyboardButton(text=texts("invite-all"), callback_data=InviteAll(program_id=program_id).pack())])
    await message.answer(texts("invite-header", program=program.title if program else ""),
                         reply_markup=InlineKeyboardMarkup(inline_keyboard=rows[:99]))


@router.message(Command("invite"))
async def on_invite_command(message: Message, services: Services, person: Person, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, "inv")
    if program is not None:
        await _invite_menu(message, services, program.id, texts)


@router.callback_query(ProgramPick.filter())
async def on_program_pick(query: CallbackQuery, callback_data: ProgramPick, services: Services, person: Person,
                          clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not await services.access.is_coordinator(person, callback_data.program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    if not isinstance(query.message, Message):
        return
    if callback_data.purpose == "ppl":
        await _people(query.message, services, callback_data.program_id, texts)
    elif callback_data.purpose == "inv":
        await _invite_menu(query.message, services, callback_data.program_id, texts)
    elif callback_data.purpose == "ovd":
        await _overdue(query.message, services, callback_data.program_id, texts, clock.now())


def invite_link(username: str, token: str) -> str:
    return f"https://t.me/{username}?start={token}"


@router.callback_query(InviteParty.filter())
async def on_invite_party(query: CallbackQuery, callback_data: InviteParty, services: Services, person: Person,
                          bot: Bot, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not await services.access.is_coordinator(person, callback_data.program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    organization_id = callback_data.organization_id or None
    target = next((t for t in await services.invites.targets(callback_data.program_id)
                   if t.party_id == callback_data.party_id and t.organization_id == organization_id), None)
    if target is None:
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True
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
    if not await services.access.is_coordinator(person, callback_data.program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    me = await bot.me()
    rows = []
    expires = clock.now()
    for t in await services.invites.targets(callback_data.program_id):
        issued = await services.invites.issue(callback_data.program_id, InviteRole.RESPONSIBLE, party_id=t.party_id,
                                              organization_id=t.organization_id, created_by=person.id, now=clock.now())
        expires = issued.expires_at
        rows.append((t.label, "уже подключён" if t.joined_person_ids else "",
                     invite_link(me.username or "bot", issued.token)))
    if isinstance(query.message, Message):
        await query.message.answer_document(
            BufferedInputFile(invites_workbook(rows), filename="приглашения.xlsx"),
            caption=texts("invite-file-caption", count=len(rows), until=format_date(expires.date())),
        )


@router.message(Command("activity"))
async def on_activity(message: Message, command: CommandObject, services: Services, person: Person, clock: Clock,
                      texts: Texts) -> None:
    number = (command.args or "").strip().rstrip(".")
    if not number:
        await message.answer(texts("activity-usage"))
        return
    programs = await _programs(services, person)
    if not programs:
        await message.answer(texts("not-coordinator"))
        return
    for program in programs:
        tasks = [t for t in await services.tasks.for_program(program.id) if (t.number or "").rstrip(".") == number]
        if not tasks:
            continue
        first = tasks[0]
        lines = [texts("activity-header", number=first.number or "", title=first.title, program=program.title,
                       schedule=first.schedule_text or "—", result=first.result or "—")]
        today = first.local_today(clock.now())
        done = sum(t.status.value == "done" for t in tasks)
        for t in tasks[:40]:
            names = [n for _, n in await services.tasks.assignees(t.task_id)]
            lines.append(texts(
                "activity-task-line", icon=texts(f"status-icon-{t.status.value}"),
                organization=t.organization_name or "", due=(f" · {format_date(t.due_date)}" if t.due_date else ""),
                status=texts(f"status-{t.status.value}"), files=t.file_count,
                assignees=", ".join(names) if names else texts("activity-nobody"),
            ).replace("  ", " "))
        lines.append(texts("activity-progress", done=done, total=len(tasks)))
        buttons = [[
            InlineKeyboardButton(text=texts("activity-button-fix"), callback_data=ActivityButton(
                activity_id=first.activity_id, action=ActivityAction.FIX_DEADLINE).pack()),
            InlineKeyboardButton(text=texts("activity-button-assign"), callback_data=ActivityButton(
                activity_id=first.activity_id, action=ActivityAction.ASSIGN).pack()),
        ]]
        # Each school's (or date's) card: history, files re-sent, the coordinator may act on it.
        buttons += [[InlineKeyboardButton(
            text=(f"{t.organization_name or ''} {format_date(t.due_date) if t.due_date else ''}".strip() or t.title)[:60],
            callback_data=TaskCardOpen(task_id=t.task_id).pack())] for t in tasks[:20]]
        await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))
        return
    await message.answer(texts("activity-not-found", number=number))


async def _overdue(message: Message, services: Services, program_id: int, texts: Texts, now) -> None:
    tasks = [t for t in await services.tasks.for_program(program_id) if t.is_overdue(now)]
    if not tasks:
        await message.answer(texts("overdue-none"))
        return
    tasks.sort(key=lambda t: (t.due_date, t.number or ""))
    lines = [texts("overdue-header", count=len(tasks))]
    for t in tasks[:OVERDUE_LINES]:
        names = [n for _, n in await services.tasks.assignees(t.task_id)]
        lines.append(texts("overdue-line", number=t.number or "•", title=t.title[:80],
                           organization=f" · {t.organization_name}" if t.organization_name else "",
                           overdue=relative_day(texts, t.due_date, t.local_today(now)),
                           assignees=", ".join(names) if names else texts("activity-nobody")))
    if len(tasks) > OVERDUE_LINES:
        lines.append(texts("overdue-more", count=len(tasks) - OVERDUE_LINES))
    await message.answer("\n".join(lines))


@router.message(Command("overdue"))
async def on_overdue(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    program = await _pick_or_run(message, services, person, texts, "ovd")
    if program is not None:
        await _overdue(message, services, program.id, texts, clock.now())
