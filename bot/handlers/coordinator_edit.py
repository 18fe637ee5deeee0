"""The coordinator changes the roadmap in the chat: fixes a deadline, assigns or
reassigns an activity, chooses which schools take part."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.domain.models import Schedule, ScheduleKind
from bot.handlers.common import refusal_text
from bot.handlers.program_context import context_of
from bot.handlers.states import CoordinatorFlow
from bot.i18n import Texts, format_date, shorten
from bot.domain.reminders import ReminderPolicy
from bot.keyboards.callbacks import (
    ActivityAction,
    ActivityButton,
    AssignPick,
    PickPurpose,
    ReminderLeadToggle,
    ReminderRepeat,
    ReminderSwitch,
    SchoolToggle,
)
from bot.services.bundle import Services
from bot.services.errors import InvalidInput, ServiceError
from bot.services.policy import (
    LEAD_DAY_CHOICES,
    REPEAT_CHOICES,
    load_policy,
    save_policy,
    switched,
    toggle_lead_day,
    with_repeat,
)
from bot.services.roadmap_edits import RoadmapEdits
from bot.storage.people import Person

router = Router(name="coordinator_edit")


def schedule_phrase(schedule: Schedule) -> str:
    if schedule.kind in (ScheduleKind.DATE, ScheduleKind.PERIOD) and schedule.due:
        return f"до {format_date(schedule.due[-1])}"
    if schedule.kind is ScheduleKind.RECURRING and schedule.due:
        return (f"{len(schedule.due)} срок(а/ов): {format_date(schedule.due[0])} … {format_date(schedule.due[-1])}"
                if len(schedule.due) > 1 else f"до {format_date(schedule.due[0])}")
    if schedule.kind is ScheduleKind.CONTINUOUS and schedule.start and schedule.end:
        return f"постоянно, {format_date(schedule.start)} – {format_date(schedule.end)}"
    return "не определён"


async def _activity(services: Services, activity_id: int) -> tuple[int, str, str] | None:
    async with services.db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT program_id, title, schedule_text FROM activities WHERE id = ? AND removed_at IS NULL",
            (activity_id,),
        )
    return (rows[0][0], rows[0][1], rows[0][2]) if rows else None


async def _coordinated_activity(services: Services, person: Person, activity_id: int, texts: Texts,
                                callback_answer: CallbackAnswer) -> tuple[int, str, str] | None:
    found = await _activity(services, activity_id)
    if found is None:
        callback_answer.text, callback_answer.show_alert = texts("task-gone"), True
        return None
    if not await services.access.is_coordinator(person, found[0]):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return None
    return found


@router.callback_query(ActivityButton.filter(F.action == ActivityAction.FIX_DEADLINE))
async def on_fix(query: CallbackQuery, callback_data: ActivityButton, services: Services, person: Person,
                 state: FSMContext, texts: Texts, callback_answer: CallbackAnswer) -> None:
    found = await _coordinated_activity(services, person, callback_data.activity_id, texts, callback_answer)
    if found is None or not isinstance(query.message, Message):
        return
    await state.set_state(CoordinatorFlow.fix_deadline)
    await state.update_data(activity_id=callback_data.activity_id)
    await query.message.answer(texts("fix-ask", current=found[2] or "—"))


@router.message(CoordinatorFlow.fix_deadline, F.text, ~F.text.startswith("/"))
async def on_fix_text(message: Message, state: FSMContext, services: Services, person: Person, clock: Clock,
                      texts: Texts) -> None:
    activity_id = int((await state.get_data())["activity_id"])
    text = (message.text or "").strip()[:200]
    edits = RoadmapEdits(services.db, services.access)
    try:
        preview = await edits.preview_deadline(person, activity_id, text)
        if preview.kind is ScheduleKind.UNSPECIFIED:
            await message.answer(texts("fix-unreadable", text=text))
            return
        schedule = await edits.set_deadline(person, activity_id, text, now=clock.now())
    except ServiceError as error:
        await state.clear()
        await message.answer(refusal_text(texts, error))
        return
    await state.clear()
    found = await _activity(services, activity_id)
    await message.answer(texts("fix-done", title=found[1] if found else "", understood=schedule_phrase(schedule)))


@router.callback_query(ActivityButton.filter(F.action == ActivityAction.ASSIGN))
async def on_assign(query: CallbackQuery, callback_data: ActivityButton, services: Services, person: Person,
                    texts: Texts, callback_answer: CallbackAnswer) -> None:
    found = await _coordinated_activity(services, person, callback_data.activity_id, texts, callback_answer)
    if found is None or not isinstance(query.message, Message):
        return
    members = [m for m in await services.people.program_members(found[0]) if m.person.telegram_user_id]
    if not members:
        await query.message.answer(texts("assign-none"))
        return
    rows = [[InlineKeyboardButton(text=shorten(m.label, 60), callback_data=AssignPick(
        activity_id=callback_data.activity_id, person_id=m.person.id).pack())] for m in members[:40]]
    rows.append([InlineKeyboardButton(text=texts("assign-parties"), callback_data=AssignPick(
        activity_id=callback_data.activity_id, person_id=0).pack())])
    await query.message.answer(texts("assign-pick", title=found[1]), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@router.callback_query(AssignPick.filter())
async def on_assign_pick(query: CallbackQuery, callback_data: AssignPick, services: Services, person: Person,
                         clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    found = await _coordinated_activity(services, person, callback_data.activity_id, texts, callback_answer)
    if found is None:
        return
    program_id, title, _ = found
    if callback_data.person_id:
        members = {m.person.id: m for m in await services.people.program_members(program_id)}
        chosen = members.get(callback_data.person_id)
        if chosen is None:  # not a person of this program: a forged or stale button
            callback_answer.text, callback_answer.show_alert = texts("no-access"), True
            return
        await services.assignments.assign(callback_data.activity_id, [chosen.person.id], organization_id=None,
                                          by=person.id, now=clock.now())
        answer = texts("assign-done", title=title, name=chosen.label)
    else:
        await services.assignments.assign(callback_data.activity_id, [], organization_id=None, by=person.id,
                                          now=clock.now())
        answer = texts("assign-reset", title=title)
    callback_answer.text = answer
    if isinstance(query.message, Message):
        await query.message.edit_text(answer, reply_markup=None)


async def schools_menu(message: Message, services: Services, program_id: int, texts: Texts, *, edit: bool,
                       person: Person | None = None) -> None:
    program = await services.programs.get_program(program_id)
    rows = [[InlineKeyboardButton(text=("✅ " if participating else "➖ ") + name[:55],
                                  callback_data=SchoolToggle(organization_id=org_id).pack())]
            for org_id, name, participating in await services.organizations.list(program_id)]
    line, switch = await context_of(services, person, texts, program_id, PickPurpose.SCHOOLS)
    text = texts("schools-header", program=program.title if program else "") + ("\n" + line if line else "")
    markup = InlineKeyboardMarkup(inline_keyboard=rows[:90] + switch) if rows or switch else None
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


@router.callback_query(SchoolToggle.filter())
async def on_school_toggle(query: CallbackQuery, callback_data: SchoolToggle, services: Services, person: Person,
                           clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    async with services.db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT program_id, name, participating FROM organizations WHERE id = ?", (callback_data.organization_id,)
        )
    if not rows or not await services.access.is_coordinator(person, rows[0][0]):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    program_id, name, participating = rows[0]
    await services.organizations.set_participating(callback_data.organization_id, not participating, now=clock.now())
    callback_answer.text = texts("schools-toggled", participating="no" if participating else "yes", name=name)
    if isinstance(query.message, Message):
        await schools_menu(query.message, services, program_id, texts, edit=True, person=person)


def policy_text(texts: Texts, program_id: int, title: str, policy: ReminderPolicy) -> str:
    yes, no = texts("policy-yes"), texts("policy-no")
    shown = texts(
        "policy-show", program=title, id=program_id, before=", ".join(str(d) for d in policy.before_days) or "—",
        on_due=texts("policy-on-due") if policy.on_due_day else texts("policy-no-on-due"),
        every=policy.overdue_every_working_days, max=policy.overdue_max,
        coordinator=policy.coordinator_after_working_days, checkin=yes if policy.continuous_check_in else no,
        start=yes if policy.start_notice else no, time=policy.send_at.strftime("%H:%M"),
    )
    return shown if policy.enabled else shown + "\n" + texts("policy-off")


def _policy_keyboard(texts: Texts, program_id: int, policy: ReminderPolicy) -> InlineKeyboardMarkup:
    """Lead-day chips (✅ when on), the overdue repeat interval (✅ on the chosen one), on/off."""
    lead = [InlineKeyboardButton(
        text=("✅ " if days in policy.before_days else "") + texts("policy-button-lead", days=days),
        callback_data=ReminderLeadToggle(program_id=program_id, days=days).pack()) for days in LEAD_DAY_CHOICES]
    repeat = [InlineKeyboardButton(
        text=("✅ " if every == policy.overdue_every_working_days else "") + texts("policy-button-repeat", every=every),
        callback_data=ReminderRepeat(program_id=program_id, every=every).pack()) for every in REPEAT_CHOICES]
    switch = [InlineKeyboardButton(text=texts("policy-button-off") if policy.enabled else texts("policy-button-on"),
                                   callback_data=ReminderSwitch(program_id=program_id,
                                                                enabled=not policy.enabled).pack())]
    return InlineKeyboardMarkup(inline_keyboard=[lead, repeat, switch])


async def policy_message(services: Services, texts: Texts, program_id: int,
                          policy: ReminderPolicy) -> tuple[str, InlineKeyboardMarkup]:
    record = await services.programs.get_program(program_id)
    text = policy_text(texts, program_id, record.title if record else "", policy) + "\n\n" + texts("policy-buttons")
    return text, _policy_keyboard(texts, program_id, policy)


async def _change_policy(query: CallbackQuery, program_id: int, change, services: Services,  # type: ignore[no-untyped-def]
                         person: Person, texts: Texts, callback_answer: CallbackAnswer) -> None:
    """A press under /reminders: the policy changed through the policy service, the message edited."""
    if not await services.access.is_coordinator(person, program_id) \
            or await services.programs.get_program(program_id) is None:
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    policy = await load_policy(services.db, program_id)
    try:
        changed = change(policy)
    except InvalidInput:
        callback_answer.text, callback_answer.show_alert = texts("policy-keep-one-lead"), True
        return
    if changed == policy:  # the chosen value pressed again: nothing to save or edit
        return
    await save_policy(services.db, program_id, changed)
    callback_answer.text = texts("policy-saved-short")
    if isinstance(query.message, Message):
        text, keyboard = await policy_message(services, texts, program_id, changed)
        await query.message.edit_text(text, reply_markup=keyboard)


@router.callback_query(ReminderLeadToggle.filter())
async def on_policy_lead(query: CallbackQuery, callback_data: ReminderLeadToggle, services: Services, person: Person,
                         texts: Texts, callback_answer: CallbackAnswer) -> None:
    await _change_policy(query, callback_data.program_id, lambda p: toggle_lead_day(p, callback_data.days),
                         services, person, texts, callback_answer)


@router.callback_query(ReminderRepeat.filter())
async def on_policy_repeat(query: CallbackQuery, callback_data: ReminderRepeat, services: Services, person: Person,
                           texts: Texts, callback_answer: CallbackAnswer) -> None:
    await _change_policy(query, callback_data.program_id, lambda p: with_repeat(p, callback_data.every),
                         services, person, texts, callback_answer)


@router.callback_query(ReminderSwitch.filter())
async def on_policy_switch(query: CallbackQuery, callback_data: ReminderSwitch, services: Services, person: Person,
                           texts: Texts, callback_answer: CallbackAnswer) -> None:
    await _change_policy(query, callback_data.program_id, lambda p: switched(p, callback_data.enabled),
                         services, person, texts, callback_answer)
