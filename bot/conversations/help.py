"""/help and the greeting, by role: a coordinator, a teacher (someone who answers for something in
a program) or a stranger. A coordinator's chat gets the coordinator's command menu where the
messenger has per-chat menus (Telegram); MAX has none — /help lists the commands there."""

from __future__ import annotations

from bot.conversations.events import Turn
from bot.conversations.replies import CoordinatorMenu, Reply, Send
from bot.services.bundle import Services
from bot.storage.people import Person


async def role(services: Services, person: Person | None) -> str:
    """«coordinator», «teacher» or «stranger»."""
    if person is None:  # not a private chat
        return "stranger"
    if services.access.is_configured_coordinator(person) or await services.people.coordinated_program_ids(person.id):
        return "coordinator"
    if await services.people.member_program_ids(person.id):
        return "teacher"
    return "stranger"


async def help_command(turn: Turn) -> list[Reply]:
    found = await role(turn.services, turn.person)
    return [Send(turn.texts("help-coordinator") if found == "coordinator"
                 else turn.texts("help-teacher") if found == "teacher" else turn.texts("help-stranger"))]


async def greet(turn: Turn, first_name: str | None) -> list[Reply]:
    """/start without a payload."""
    await turn.state.clear()
    replies: list[Reply] = []
    if await role(turn.services, turn.person) == "coordinator":
        # a configured coordinator may open the chat after start-up set the menus: set theirs now
        replies.append(CoordinatorMenu())
    return replies + [Send(turn.texts("start-greeting", name=first_name or "коллега"))]
