"""The coordinator adds a person or a role the import missed, and invites it (issue 12
«One person, one name»): /addperson or «➕ Добавить человека или роль» under /invite.

Name → how it was understood (person or role, correctable) → for a role: in each school or one
for the program → the activities it answers for → confirmed → stored and invited. Nothing is
stored before «Добавить»; a name the program already has is offered, not added twice."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.domain.models import PartyKind
from bot.domain.parties import normalize_party_name, parse_parties
from bot.domain.person_names import person_name
from bot.handlers.coordinator import invite_link
from bot.handlers.program_context import current_or_ask
from bot.handlers.states import AddPartyFlow
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import AddPartyChoice, AddPartyStart, AddPartyStep, InviteParty, PickPurpose
from bot.rendering.invites import invites_workbook
from bot.services.bundle import Services
from bot.storage.invites import InviteRole
from bot.storage.party_admin import ActivityRef, PartyAdmin
from bot.storage.people import Person

router = Router(name="add_party")
MAX_NAME = 150


def _button(texts: Texts, key: str, program_id: int, step: AddPartyStep) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=texts(key), callback_data=AddPartyChoice(program_id=program_id, step=step).pack())


def _markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


def _who(texts: Texts, data: dict) -> str:
    if data["kind"] == PartyKind.PERSON.value:
        return texts("add-party-who-person", name=data["name"])
    return texts("add-party-who-role-each" if data["per_school"] else "add-party-who-role-one", name=data["name"])


def _numbers(activities: list[ActivityRef] | list[str]) -> str:
    return ", ".join(a if isinstance(a, str) else a.number for a in activities)


async def start(message: Message, state: FSMContext, texts: Texts, program_id: int) -> None:
    await state.set_state(AddPartyFlow.name)
    await state.set_data({"program_id": program_id})
    await message.answer(texts("add-party-ask"))


@router.message(Command("addperson"))
async def on_add_person(message: Message, services: Services, person: Person, state: FSMContext,
                        texts: Texts) -> None:
    # Several programs and none current: the programs are asked for /invite, whose view has «➕».
    program = await current_or_ask(message, services, person, texts, PickPurpose.INVITE)
    if program is not None and await services.access.is_coordinator(person, program.id):
        await start(message, state, texts, program.id)


@router.callback_query(AddPartyStart.filter())
async def on_start_button(query: CallbackQuery, callback_data: AddPartyStart, services: Services, person: Person,
                          state: FSMContext, texts: Texts, callback_answer: CallbackAnswer) -> None:
    if not await services.access.is_coordinator(person, callback_data.program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    if isinstance(query.message, Message):
        await start(query.message, state, texts, callback_data.program_id)


@router.message(AddPartyFlow.name, F.text, ~F.text.startswith("/"))
async def on_name(message: Message, services: Services, person: Person, state: FSMContext, texts: Texts) -> None:
    data = await state.get_data()
    program_id = int(data["program_id"])
    if not await services.access.is_coordinator(person, program_id):
        await state.clear()
        await message.answer(texts("no-access"))
        return
    text = " ".join((message.text or "").split())
    if len(text) > MAX_NAME:
        await message.answer(texts("add-party-too-long", max=MAX_NAME))
        return
    parties = parse_parties(text)
    if len(parties) > 1:
        await message.answer(texts("add-party-several", names="; ".join(p.name for p in parties)))
        return
    if not parties or len(text) < 3:
        await message.answer(texts("add-party-not-a-name"))
        return
    party = parties[0]
    if party.kind is PartyKind.ORGANIZATION:
        await message.answer(texts("add-party-organization", name=party.name))
        return
    await state.set_state(AddPartyFlow.choosing)
    await state.update_data(typed=text, name=party.name, normalized=party.normalized, kind=party.kind.value,
                            per_school=False)
    await message.answer(texts("add-party-understood", name=party.name, kind=party.kind.value), reply_markup=_markup(
        [_button(texts, "add-party-button-ok", program_id, AddPartyStep.KIND_OK)],
        [_button(texts, "add-party-button-role" if party.kind is PartyKind.PERSON else "add-party-button-person",
                 program_id, AddPartyStep.AS_ROLE if party.kind is PartyKind.PERSON else AddPartyStep.AS_PERSON)],
    ))


async def _after_kind(message: Message, services: Services, state: FSMContext, texts: Texts, program_id: int) -> None:
    """The kind is settled: an existing party is offered; a new role is asked its scope."""
    data = await state.get_data()
    kind = PartyKind(data["kind"])
    existing = await PartyAdmin(services.db).find(program_id, kind, data["normalized"])
    if existing is not None and (existing.linked or existing.added_in_chat):
        await state.clear()
        if existing.per_organization:
            await message.answer(texts("add-party-exists", name=existing.name) + "\n" + texts("add-party-exists-each"))
        else:
            await message.answer(texts("add-party-exists", name=existing.name), reply_markup=_markup([
                InlineKeyboardButton(text=texts("add-party-exists-link"), callback_data=InviteParty(
                    program_id=program_id, party_id=existing.id, organization_id=0).pack())]))
        return
    if existing is not None:  # stored but answering for nothing: linking it makes it invitable
        await state.update_data(name=existing.name, per_school=existing.per_organization)
        await message.answer(texts("add-party-exists-unlinked", name=existing.name))
        await _ask_activities(message, state, texts, program_id, existing.name)
        return
    if kind is PartyKind.ROLE:
        await message.answer(texts("add-party-scope-ask", name=data["name"]), reply_markup=_markup([
            _button(texts, "add-party-button-every-school", program_id, AddPartyStep.EVERY_SCHOOL),
            _button(texts, "add-party-button-one", program_id, AddPartyStep.ONE_ROLE)]))
        return
    await _ask_activities(message, state, texts, program_id, data["name"])


async def _ask_activities(message: Message, state: FSMContext, texts: Texts, program_id: int, name: str) -> None:
    await state.set_state(AddPartyFlow.activities)
    await message.answer(texts("add-party-activities-ask", name=name), reply_markup=_markup(
        [_button(texts, "add-party-button-no-activities", program_id, AddPartyStep.NO_ACTIVITIES)]))


async def _confirm(message: Message, services: Services, state: FSMContext, texts: Texts, program_id: int,
                   activities: list[ActivityRef], unknown: list[str]) -> None:
    await state.set_state(AddPartyFlow.confirming)
    await state.update_data(activity_ids=[a.id for a in activities])
    data = await state.get_data()
    program = await services.programs.get_program(program_id)
    lines = [texts("add-party-unknown-numbers", numbers=_numbers(unknown))] if unknown else []
    lines.append(texts("add-party-confirm", program=program.title if program else "", who=_who(texts, data),
                       activities=_numbers(activities) or texts("add-party-activities-none")))
    await message.answer("\n".join(lines), reply_markup=_markup([
        _button(texts, "add-party-button-save", program_id, AddPartyStep.SAVE),
        _button(texts, "add-party-button-cancel", program_id, AddPartyStep.CANCEL)]))


@router.message(AddPartyFlow.activities, F.text, ~F.text.startswith("/"))
async def on_numbers(message: Message, services: Services, person: Person, state: FSMContext, texts: Texts) -> None:
    program_id = int((await state.get_data())["program_id"])
    if not await services.access.is_coordinator(person, program_id):
        await state.clear()
        await message.answer(texts("no-access"))
        return
    found = await PartyAdmin(services.db).lookup(program_id, (message.text or "")[:500])
    if not found.found:
        unknown = [texts("add-party-unknown-numbers", numbers=_numbers(list(found.unknown)))] if found.unknown else []
        await message.answer("\n".join([*unknown, texts("add-party-no-numbers")]))
        return
    await _confirm(message, services, state, texts, program_id, list(found.found), list(found.unknown))


_STEP_STATES = {
    AddPartyStep.KIND_OK: AddPartyFlow.choosing.state,
    AddPartyStep.AS_ROLE: AddPartyFlow.choosing.state,
    AddPartyStep.AS_PERSON: AddPartyFlow.choosing.state,
    AddPartyStep.EVERY_SCHOOL: AddPartyFlow.choosing.state,
    AddPartyStep.ONE_ROLE: AddPartyFlow.choosing.state,
    AddPartyStep.NO_ACTIVITIES: AddPartyFlow.activities.state,
    AddPartyStep.SAVE: AddPartyFlow.confirming.state,
    AddPartyStep.CANCEL: AddPartyFlow.confirming.state,
}


@router.callback_query(AddPartyChoice.filter())
async def on_choice(query: CallbackQuery, callback_data: AddPartyChoice, services: Services, person: Person,
                    bot: Bot, clock: Clock, state: FSMContext, texts: Texts, callback_answer: CallbackAnswer) -> None:
    program_id, step = callback_data.program_id, callback_data.step
    if not await services.access.is_coordinator(person, program_id):
        callback_answer.text, callback_answer.show_alert = texts("no-access"), True
        return
    data = await state.get_data()
    if await state.get_state() != _STEP_STATES[step] or data.get("program_id") != program_id \
            or not isinstance(query.message, Message):
        callback_answer.text, callback_answer.show_alert = texts("stale-button"), True
        return
    message = query.message
    await message.edit_reply_markup(reply_markup=None)
    if step in (AddPartyStep.AS_ROLE, AddPartyStep.AS_PERSON):
        kind = PartyKind.ROLE if step is AddPartyStep.AS_ROLE else PartyKind.PERSON
        # a role keeps the words as typed; a person is «Фамилия И.О.» when the words allow it
        name = data["typed"] if kind is PartyKind.ROLE else person_name(data["typed"]) or data["typed"]
        await state.update_data(kind=kind.value, name=name, normalized=normalize_party_name(name))
        await _after_kind(message, services, state, texts, program_id)
    elif step is AddPartyStep.KIND_OK:
        await _after_kind(message, services, state, texts, program_id)
    elif step in (AddPartyStep.EVERY_SCHOOL, AddPartyStep.ONE_ROLE):
        await state.update_data(per_school=step is AddPartyStep.EVERY_SCHOOL)
        await _ask_activities(message, state, texts, program_id, data["name"])
    elif step is AddPartyStep.NO_ACTIVITIES:
        await _confirm(message, services, state, texts, program_id, [], [])
    elif step is AddPartyStep.CANCEL:
        await state.clear()
        await message.answer(texts("add-party-cancelled"))
    else:
        await state.clear()
        await _save(message, services, person, bot, clock, texts, program_id, data)


async def _save(message: Message, services: Services, person: Person, bot: Bot, clock: Clock, texts: Texts,
                program_id: int, data: dict) -> None:
    admin = PartyAdmin(services.db)
    kind = PartyKind(data["kind"])
    activity_ids = [int(i) for i in data.get("activity_ids") or []]
    party_id = await admin.add(program_id, kind=kind, name=data["name"], normalized=data["normalized"],
                               per_organization=bool(data["per_school"]), activity_ids=activity_ids, by=person.id,
                               now=clock.now())
    linked = [a for a in await admin.activities(program_id) if a.id in activity_ids]
    lines = [texts("add-party-saved", who=_who(texts, data),
                   activities=_numbers(linked) or texts("add-party-activities-none"))]
    per_school = kind is PartyKind.ROLE and bool(data["per_school"])
    shared_only = [a for a in linked if not a.has_school_tasks] if per_school else []
    schools_only = [a for a in linked if not a.has_shared_task] if not per_school else []
    if shared_only:
        lines.append(texts("add-party-shared-note", numbers=_numbers(shared_only)))
    if schools_only:
        lines.append(texts("add-party-schools-note", numbers=_numbers(schools_only), name=data["name"]))
    await message.answer("\n".join(lines))
    await _send_invites(message, services, person, bot, clock, texts, program_id, party_id, data["name"])


async def _send_invites(message: Message, services: Services, person: Person, bot: Bot, clock: Clock, texts: Texts,
                        program_id: int, party_id: int, name: str) -> None:
    """One link for a person or a program-wide role; a file of links for a per-school role."""
    targets = [t for t in await services.invites.targets(program_id) if t.party_id == party_id]
    if not targets:
        await message.answer(texts("add-party-no-schools"))
        return
    username = (await bot.me()).username or "bot"
    issued = [(t, await services.invites.issue(program_id, InviteRole.RESPONSIBLE, party_id=party_id,
                                               organization_id=t.organization_id, created_by=person.id,
                                               now=clock.now())) for t in targets]
    until = format_date(issued[-1][1].expires_at.date())
    if len(issued) == 1 and issued[0][0].organization_id is None:
        target, invite = issued[0]
        await message.answer(texts("invite-link", label=target.label, until=until,
                                   link=invite_link(username, invite.token)))
        return
    rows = [(t.label, "", invite_link(username, invite.token)) for t, invite in issued]
    await message.answer_document(BufferedInputFile(invites_workbook(rows), filename="приглашения.xlsx"),
                                  caption=texts("add-party-links-caption", name=name, count=len(rows), until=until))
