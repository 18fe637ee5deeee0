"""A program's reminder settings, on any messenger: /reminders shows them with buttons (lead-day
chips, the overdue repeat, on/off — each press saves and the message is shown again in place);
«/reminders за=7,3 повтор=2 …» changes them by typed syntax (bot/services/policy.py)."""

from __future__ import annotations

from collections.abc import Callable

from bot.conversations.programs import context_of, current_or_ask
from bot.conversations.edit_data import LeadToggle, RemindersSwitch, RepeatEvery, pack
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Button, Edit, Keyboard, Notice, Reply, Send, keyboard
from bot.domain.reminders import ReminderPolicy
from bot.i18n import Texts
from bot.services.errors import InvalidInput
from bot.storage.programs import ProgramRecord
from bot.services.policy import (LEAD_DAY_CHOICES, REPEAT_CHOICES, load_policy, parse_changes, save_policy, switched,
                                 toggle_lead_day, with_repeat)

REMINDERS = "rem"  # PickPurpose value


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


def policy_keyboard(texts: Texts, program_id: int, policy: ReminderPolicy) -> Keyboard:
    """Lead-day chips (✅ when on), the overdue repeat interval (✅ on the chosen one), on/off."""
    lead = [Button(("✅ " if days in policy.before_days else "") + texts("policy-button-lead", days=days),
                   pack(LeadToggle(program_id, days))) for days in LEAD_DAY_CHOICES]
    repeat = [Button(("✅ " if every == policy.overdue_every_working_days else "")
                     + texts("policy-button-repeat", every=every), pack(RepeatEvery(program_id, every)))
              for every in REPEAT_CHOICES]
    switch = [Button(texts("policy-button-off") if policy.enabled else texts("policy-button-on"),
                     pack(RemindersSwitch(program_id, not policy.enabled)))]
    return keyboard(lead, repeat, switch)


async def policy_message(turn: Turn, program_id: int, policy: ReminderPolicy) -> tuple[str, Keyboard]:
    texts = turn.texts
    record = await turn.services.programs.get_program(program_id)
    text = policy_text(texts, program_id, record.title if record else "", policy) + "\n\n" + texts("policy-buttons")
    return text, policy_keyboard(texts, program_id, policy)


async def show(turn: Turn, program_id: int) -> list[Reply]:
    text, buttons = await policy_message(turn, program_id, await load_policy(turn.services.db, program_id))
    line, rows = await context_of(turn.services, turn.person, turn.texts, program_id, REMINDERS)
    return [Send(text, buttons),
            Send(turn.texts("policy-usage") + ("\n\n" + line if line else ""), keyboard(*rows) if rows else None)]


async def change(turn: Turn, program_id: int, args: str) -> list[Reply]:
    texts, db = turn.texts, turn.services.db
    try:
        policy, _ = parse_changes(args, await load_policy(db, program_id))
    except InvalidInput as error:
        return [Send(texts("policy-bad", fragment=error.reason, usage=texts("policy-usage")))]
    await save_policy(db, program_id, policy)
    record = await turn.services.programs.get_program(program_id)
    return [Send(texts("policy-saved") + "\n\n" + policy_text(texts, program_id, record.title if record else "",
                                                              policy))]


async def run(turn: Turn, program: ProgramRecord, args: str) -> list[Reply]:
    """/reminders on the program the coordinator picked."""
    return await change(turn, program.id, args) if args else await show(turn, program.id)


async def reminders_command(turn: Turn, args: str) -> list[Reply]:
    texts = turn.texts
    programs = await turn.services.access.coordinated_programs(turn.person)
    if not programs:
        return [Send(texts("not-coordinator"))]
    args = args.strip()
    named = None
    if args:
        try:
            _, named = parse_changes(args, ReminderPolicy())  # «программа=№» names the program itself
        except InvalidInput as error:
            return [Send(texts("policy-bad", fragment=error.reason, usage=texts("policy-usage")))]
    if named is not None:
        if named not in programs:
            return [Send(texts("no-access"))]
        return await change(turn, named, args)
    program, asked = await current_or_ask(turn, REMINDERS, args=args)
    if program is None:
        return asked
    return await run(turn, program, args)


async def pressed(turn: Turn, value: LeadToggle | RepeatEvery | RemindersSwitch,
                  message: Pressed | None) -> list[Reply]:
    """A press under /reminders: the policy changed through the policy service, the message shown again."""
    changer: Callable[[ReminderPolicy], ReminderPolicy]
    if isinstance(value, LeadToggle):
        changer = lambda p: toggle_lead_day(p, value.days)  # noqa: E731
    elif isinstance(value, RepeatEvery):
        changer = lambda p: with_repeat(p, value.every)  # noqa: E731
    else:
        changer = lambda p: switched(p, value.enabled)  # noqa: E731
    texts, services, program_id = turn.texts, turn.services, value.program_id
    if not await services.access.is_coordinator(turn.person, program_id) \
            or await services.programs.get_program(program_id) is None:
        return [Notice(texts("no-access"), alert=True)]
    policy = await load_policy(services.db, program_id)
    try:
        changed = changer(policy)
    except InvalidInput:
        return [Notice(texts("policy-keep-one-lead"), alert=True)]
    if changed == policy:  # the chosen value pressed again: nothing to save or edit
        return []
    await save_policy(services.db, program_id, changed)
    replies: list[Reply] = [Notice(texts("policy-saved-short"))]
    if message is not None:
        text, buttons = await policy_message(turn, program_id, changed)
        replies.append(Edit(text, buttons))
    return replies
