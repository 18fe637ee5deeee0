"""A deep-link start with an invite token: the person joins the program (services.invites.redeem),
on whichever messenger they opened the link — the token is one-time either way."""

from __future__ import annotations

from bot.conversations.events import Start, Turn
from bot.conversations.replies import CoordinatorMenu, Reply, Send
from bot.conversations.tasks import list_page
from bot.storage.invites import InviteError, InviteRole, looks_like_token


async def redeem(turn: Turn, event: Start) -> list[Reply]:
    texts, services = turn.texts, turn.services
    await turn.state.clear()
    token = event.payload.strip()
    if not looks_like_token(token):
        return [Send(texts("invite-unknown"))]
    try:
        redeemed = await services.invites.redeem(token, turn.person.id, now=turn.clock.now(),
                                                 configured=services.access.configured_coordinators)
    except InviteError as error:
        return [Send(texts(f"invite-{error.problem.value}"))]
    program = await services.programs.get_program(redeemed.program_id)
    title = program.title if program else ""
    replies: list[Reply] = []
    if redeemed.role is InviteRole.COORDINATOR:  # the coordinator's commands in this chat's menu
        replies.append(CoordinatorMenu())
    if redeemed.waits_for_coordinator:  # someone holds this party already: the coordinator decides
        return replies + [Send(texts("invite-waits", program=title))]
    if redeemed.already_yours:
        replies.append(Send(texts("invite-again", program=title)))
    elif redeemed.role is InviteRole.COORDINATOR:
        return replies + [Send(texts("invite-joined-coordinator", program=title))]
    else:
        role = next((t.label for t in await services.invites.targets(redeemed.program_id)
                     if t.party_id == redeemed.party_id and t.organization_id == redeemed.organization_id), "")
        # «как Дорошенко Т.А.» — the initials' dot ends the sentence; no «Т.А..»
        replies.append(Send(texts("invite-joined", program=title, role=role.rstrip("."))))
    text, buttons = await list_page(turn, 0)
    return replies + [Send(text, buttons)]


async def greet(turn: Turn, first_name: str | None) -> list[Reply]:
    """/start without a payload."""
    await turn.state.clear()
    return [Send(turn.texts("start-greeting", name=first_name or "коллега"))]
