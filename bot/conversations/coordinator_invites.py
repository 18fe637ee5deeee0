"""/invite on any messenger: a button per party (per school for a per-school role), a personal
one-time link for the party pressed — one token, a link per configured messenger (links.py) —
the question before a new link for a party someone holds, and «Все ссылки одним файлом» (.xlsx)."""

from __future__ import annotations

from bot.conversations import links, programs
from bot.conversations.coordinator_data import InviteAll, pack
from bot.conversations.coordinator_lists import coordinates, shown
from bot.conversations.edit_data import AddPartyOpen, InvitePartyPress
from bot.conversations.edit_data import pack as pack_edit
from bot.conversations.events import Turn
from bot.conversations.replies import Button, Notice, Reply, Send, SendDocument, keyboard
from bot.i18n import format_date
from bot.rendering.coordinator import invite_view
from bot.rendering.invites import invites_workbook
from bot.storage.invites import InviteRole

WORKBOOK_NAME = "приглашения.xlsx"


async def invite_menu(turn: Turn, program_id: int, page: int = 0, *, edit: bool = False) -> list[Reply]:
    texts, services = turn.texts, turn.services
    program = await services.programs.get_program(program_id)
    targets = await services.invites.targets(program_id)
    if not targets:
        return [shown(texts("invite-nothing"), keyboard([Button(texts("add-party-button"),
                                                                pack_edit(AddPartyOpen(program_id)))]), edit=edit)]
    return [shown(*invite_view(texts, program_id, program.title if program else "", targets, page), edit=edit)]


async def invite_command(turn: Turn) -> list[Reply]:
    program, asked = await programs.current_or_ask(turn, programs.INVITE)
    return await invite_menu(turn, program.id) if program is not None else asked


async def invite_page(turn: Turn, program_id: int, page: int) -> list[Reply]:
    return await coordinates(turn, program_id) or await invite_menu(turn, program_id, page, edit=True)


async def party_pressed(turn: Turn, press: InvitePartyPress) -> list[Reply]:
    texts, services = turn.texts, turn.services
    refused = await coordinates(turn, press.program_id)
    if refused:
        return refused
    organization_id = press.organization_id or None
    target = next((t for t in await services.invites.targets(press.program_id)
                   if t.party_id == press.party_id and t.organization_id == organization_id), None)
    if target is None:
        return [Notice(texts("stale-button"), alert=True)]
    if target.joined_person_ids and not press.confirmed:
        # Someone holds this party: a new link is for another phone or another person — ask first.
        holders = [m.label for m in await services.people.program_members(press.program_id)
                   if m.person.id in target.joined_person_ids]
        confirmed = InvitePartyPress(press.program_id, press.party_id, press.organization_id, True)
        return [Send(texts("invite-joined-ask", label=target.label, holders=", ".join(holders) or "—"),
                     keyboard([Button(texts("invite-joined-issue"), pack_edit(confirmed))]))]
    issued = await services.invites.issue(press.program_id, InviteRole.RESPONSIBLE, party_id=target.party_id,
                                          organization_id=organization_id, created_by=turn.person.id,
                                          now=turn.clock.now())
    return [Send(texts("invite-link", label=target.label, until=format_date(issued.expires_at.date()),
                       link=links.invite_link_text(texts, turn, issued.token)))]


async def all_pressed(turn: Turn, program_id: int, joined_too: bool) -> list[Reply]:
    """Every party's link in one workbook; parties someone holds only when asked explicitly."""
    texts, services = turn.texts, turn.services
    refused = await coordinates(turn, program_id)
    if refused:
        return refused
    channels = [name for name, _ in links.invite_links(turn, "x")]
    rows: list[tuple[str, ...]] = []
    expires = turn.clock.now()
    connected = 0
    for t in await services.invites.targets(program_id):
        if t.joined_person_ids and not joined_too:
            # A new link would replace the one a connected person may still share: ask first.
            connected += 1
            rows.append((t.label, texts("invite-file-connected"), *([""] * len(channels))))
            continue
        issued = await services.invites.issue(program_id, InviteRole.RESPONSIBLE, party_id=t.party_id,
                                              organization_id=t.organization_id, created_by=turn.person.id,
                                              now=turn.clock.now())
        expires = issued.expires_at
        rows.append((t.label, texts("invite-file-connected") if t.joined_person_ids else "",
                     *(link for _, link in links.invite_links(turn, issued.token))))
    caption = texts("invite-file-caption", count=len(rows) - connected, until=format_date(expires.date()))
    board = None
    if connected:
        caption += "\n" + texts("invite-file-connected-skipped", count=connected)
        board = keyboard([Button(texts("invite-file-connected-too"), pack(InviteAll(program_id, True)))])
    headers = ["Ссылка"] if len(channels) == 1 else [str(texts("invite-file-column", channel=c)) for c in channels]
    return [SendDocument(invites_workbook(rows, headers), WORKBOOK_NAME, caption, board)]
