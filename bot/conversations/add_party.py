"""The coordinator adds a person or a role the import missed, and invites it (issue 12
«One person, one name»), on any messenger: /addperson or «➕ Добавить человека или роль».

Name → how it was understood (person or role, correctable) → for a role: in each school or one
for the program → the activities it answers for → confirmed → stored and invited (one link, or
a workbook of links for a role in each school). Nothing is stored before «Добавить»; a name the
program already has is offered, not added twice. The links: one per configured messenger (links.py)."""

from __future__ import annotations

from typing import Any

from bot.conversations import links
from bot.conversations.programs import current_or_ask
from bot.conversations.edit_data import AddPartyStepPress, InvitePartyPress, pack
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Button, DropKeyboard, Notice, Reply, Send, SendDocument, keyboard
from bot.domain.models import PartyKind
from bot.domain.parties import normalize_party_name, parse_parties
from bot.domain.person_names import person_name
from bot.i18n import Texts, format_date
from bot.rendering.invites import invites_workbook
from bot.storage.invites import InviteRole
from bot.storage.party_admin import ActivityRef, PartyAdmin

MAX_NAME = 150
INVITE = "inv"  # PickPurpose value


class Step:  # aiogram's names (bot.handlers.states.AddPartyFlow)
    NAME = "AddPartyFlow:name"  # data: program_id
    CHOOSING = "AddPartyFlow:choosing"  # data: program_id, typed, name, normalized, kind, per_school
    ACTIVITIES = "AddPartyFlow:activities"  # the same data
    CONFIRMING = "AddPartyFlow:confirming"  # the same data and activity_ids

    TEXT_STATES = frozenset({NAME, ACTIVITIES})


_STEP_STATES = {"ok": Step.CHOOSING, "role": Step.CHOOSING, "pers": Step.CHOOSING, "each": Step.CHOOSING,
                "one": Step.CHOOSING, "none": Step.ACTIVITIES, "save": Step.CONFIRMING, "stop": Step.CONFIRMING}


def _button(texts: Texts, key: str, program_id: int, step: str) -> Button:
    return Button(texts(key), pack(AddPartyStepPress(program_id, step)))


def _who(texts: Texts, data: dict[str, Any]) -> str:
    if data["kind"] == PartyKind.PERSON.value:
        return texts("add-party-who-person", name=data["name"])
    return texts("add-party-who-role-each" if data["per_school"] else "add-party-who-role-one", name=data["name"])


def _numbers(activities: list[ActivityRef] | list[str]) -> str:
    return ", ".join(a if isinstance(a, str) else a.number for a in activities)


async def start(turn: Turn, program_id: int) -> list[Reply]:
    await turn.state.clear()
    await turn.state.set_state(Step.NAME)
    await turn.state.update_data(program_id=program_id)
    return [Send(turn.texts("add-party-ask"))]


async def addperson_command(turn: Turn) -> list[Reply]:
    # Several programs and none current: the programs are asked for /invite, whose view has «➕».
    program, asked = await current_or_ask(turn, INVITE)
    if program is None:
        return asked
    if not await turn.services.access.is_coordinator(turn.person, program.id):
        return []
    return await start(turn, program.id)


async def start_pressed(turn: Turn, program_id: int, message: Pressed | None) -> list[Reply]:
    if not await turn.services.access.is_coordinator(turn.person, program_id):
        return [Notice(turn.texts("no-access"), alert=True)]
    return await start(turn, program_id) if message is not None else []


async def waits_for_text(turn: Turn) -> bool:
    return await turn.state.get_state() in Step.TEXT_STATES


async def answer(turn: Turn, text: str) -> list[Reply]:
    """A name (Step.NAME) or activity numbers (Step.ACTIVITIES)."""
    data = await turn.state.get_data()
    program_id = int(data["program_id"])
    if not await turn.services.access.is_coordinator(turn.person, program_id):
        await turn.state.clear()
        return [Send(turn.texts("no-access"))]
    if await turn.state.get_state() == Step.NAME:
        return await _name(turn, program_id, text)
    return await _activity_numbers(turn, program_id, text)


async def _name(turn: Turn, program_id: int, typed: str) -> list[Reply]:
    texts = turn.texts
    text = " ".join(typed.split())
    if len(text) > MAX_NAME:
        return [Send(texts("add-party-too-long", max=MAX_NAME))]
    parties = parse_parties(text)
    if len(parties) > 1:
        return [Send(texts("add-party-several", names="; ".join(p.name for p in parties)))]
    if not parties or len(text) < 3:
        return [Send(texts("add-party-not-a-name"))]
    party = parties[0]
    if party.kind is PartyKind.ORGANIZATION:
        return [Send(texts("add-party-organization", name=party.name))]
    await turn.state.set_state(Step.CHOOSING)
    await turn.state.update_data(typed=text, name=party.name, normalized=party.normalized, kind=party.kind.value,
                                 per_school=False)
    person = party.kind is PartyKind.PERSON
    return [Send(texts("add-party-understood", name=party.name, kind=party.kind.value), keyboard(
        [_button(texts, "add-party-button-ok", program_id, "ok")],
        [_button(texts, "add-party-button-role" if person else "add-party-button-person", program_id,
                 "role" if person else "pers")],
    ))]


async def _after_kind(turn: Turn, program_id: int) -> list[Reply]:
    """The kind is settled: an existing party is offered; a new role is asked its scope."""
    texts, state = turn.texts, turn.state
    data = await state.get_data()
    kind = PartyKind(data["kind"])
    existing = await PartyAdmin(turn.services.db).find(program_id, kind, data["normalized"])
    if existing is not None and (existing.linked or existing.added_in_chat):
        await state.clear()
        if existing.per_organization:
            return [Send(texts("add-party-exists", name=existing.name) + "\n" + texts("add-party-exists-each"))]
        return [Send(texts("add-party-exists", name=existing.name), keyboard([
            Button(texts("add-party-exists-link"), pack(InvitePartyPress(program_id, existing.id, 0)))]))]
    if existing is not None:  # stored but answering for nothing: linking it makes it invitable
        await state.update_data(name=existing.name, per_school=existing.per_organization)
        return [Send(texts("add-party-exists-unlinked", name=existing.name)),
                *await _ask_activities(turn, program_id, existing.name)]
    if kind is PartyKind.ROLE:
        return [Send(texts("add-party-scope-ask", name=data["name"]), keyboard([
            _button(texts, "add-party-button-every-school", program_id, "each"),
            _button(texts, "add-party-button-one", program_id, "one")]))]
    return await _ask_activities(turn, program_id, data["name"])


async def _ask_activities(turn: Turn, program_id: int, name: str) -> list[Reply]:
    await turn.state.set_state(Step.ACTIVITIES)
    texts = turn.texts
    return [Send(texts("add-party-activities-ask", name=name),
                 keyboard([_button(texts, "add-party-button-no-activities", program_id, "none")]))]


async def _confirm(turn: Turn, program_id: int, activities: list[ActivityRef], unknown: list[str]) -> list[Reply]:
    texts, state = turn.texts, turn.state
    await state.set_state(Step.CONFIRMING)
    await state.update_data(activity_ids=[a.id for a in activities])
    data = await state.get_data()
    program = await turn.services.programs.get_program(program_id)
    lines = [texts("add-party-unknown-numbers", numbers=_numbers(unknown))] if unknown else []
    lines.append(texts("add-party-confirm", program=program.title if program else "", who=_who(texts, data),
                       activities=_numbers(activities) or texts("add-party-activities-none")))
    return [Send("\n".join(lines), keyboard([_button(texts, "add-party-button-save", program_id, "save"),
                                             _button(texts, "add-party-button-cancel", program_id, "stop")]))]


async def _activity_numbers(turn: Turn, program_id: int, text: str) -> list[Reply]:
    texts = turn.texts
    found = await PartyAdmin(turn.services.db).lookup(program_id, text[:500])
    if not found.found:
        unknown = [texts("add-party-unknown-numbers", numbers=_numbers(list(found.unknown)))] if found.unknown else []
        return [Send("\n".join([*unknown, texts("add-party-no-numbers")]))]
    return await _confirm(turn, program_id, list(found.found), list(found.unknown))


async def step_pressed(turn: Turn, program_id: int, step: str, message: Pressed | None) -> list[Reply]:
    texts, state = turn.texts, turn.state
    if not await turn.services.access.is_coordinator(turn.person, program_id):
        return [Notice(texts("no-access"), alert=True)]
    data = await state.get_data()
    if await state.get_state() != _STEP_STATES[step] or data.get("program_id") != program_id or message is None:
        return [Notice(texts("stale-button"), alert=True)]
    replies: list[Reply] = [DropKeyboard()]
    if step in ("role", "pers"):
        kind = PartyKind.ROLE if step == "role" else PartyKind.PERSON
        # a role keeps the words as typed; a person is «Фамилия И.О.» when the words allow it
        name = data["typed"] if kind is PartyKind.ROLE else person_name(data["typed"]) or data["typed"]
        await state.update_data(kind=kind.value, name=name, normalized=normalize_party_name(name))
        return replies + await _after_kind(turn, program_id)
    if step == "ok":
        return replies + await _after_kind(turn, program_id)
    if step in ("each", "one"):
        await state.update_data(per_school=step == "each")
        return replies + await _ask_activities(turn, program_id, data["name"])
    if step == "none":
        return replies + await _confirm(turn, program_id, [], [])
    await state.clear()
    if step == "stop":
        return replies + [Send(texts("add-party-cancelled"))]
    return replies + await _save(turn, program_id, data)


async def _save(turn: Turn, program_id: int, data: dict[str, Any]) -> list[Reply]:
    texts = turn.texts
    admin = PartyAdmin(turn.services.db)
    kind = PartyKind(data["kind"])
    activity_ids = [int(i) for i in data.get("activity_ids") or []]
    party_id = await admin.add(program_id, kind=kind, name=data["name"], normalized=data["normalized"],
                               per_organization=bool(data["per_school"]), activity_ids=activity_ids,
                               by=turn.person.id, now=turn.clock.now())
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
    return [Send("\n".join(lines)), *await _invites(turn, program_id, party_id, data["name"])]


async def _invites(turn: Turn, program_id: int, party_id: int, name: str) -> list[Reply]:
    """One link for a person or a program-wide role; a file of links for a per-school role (a link
    per configured messenger, bot/conversations/links.py)."""
    texts, services = turn.texts, turn.services
    targets = [t for t in await services.invites.targets(program_id) if t.party_id == party_id]
    if not targets:
        return [Send(texts("add-party-no-schools"))]
    issued = [(t, await services.invites.issue(program_id, InviteRole.RESPONSIBLE, party_id=party_id,
                                               organization_id=t.organization_id, created_by=turn.person.id,
                                               now=turn.clock.now())) for t in targets]
    until = format_date(issued[-1][1].expires_at.date())
    if len(issued) == 1 and issued[0][0].organization_id is None:
        target, invite = issued[0]
        return [Send(texts("invite-link", label=target.label, until=until,
                           link=links.invite_link_text(texts, turn, invite.token)))]
    channels = [channel for channel, _ in links.invite_links(turn, "x")]
    rows = [(t.label, "", *(link for _, link in links.invite_links(turn, invite.token))) for t, invite in issued]
    headers = ["Ссылка"] if len(channels) == 1 else [str(texts("invite-file-column", channel=c)) for c in channels]
    return [SendDocument(invites_workbook(rows, headers), "приглашения.xlsx",
                         texts("add-party-links-caption", name=name, count=len(rows), until=until))]
