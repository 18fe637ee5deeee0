"""/start (with an invite payload from a deep link) and /help."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.conversations import invites
from bot.conversations.events import Start
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.storage.people import Person
from bot.telegram.command_menu import set_coordinator_menu
from bot.telegram.conversation import answer_message, turn_of

router = Router(name="start")


@router.message(CommandStart(deep_link=True))
async def on_invite(message: Message, command: CommandObject, **data: Any) -> None:
    """The invite's logic is channel-neutral (bot.conversations.invites): MAX runs the same."""
    turn = turn_of(data)
    await answer_message(message, await invites.redeem(turn, Start(command.args or "")), turn)


@router.message(CommandStart())
async def on_start(message: Message, state: FSMContext, services: Services, texts: Texts, bot: Bot,
                   person: Person | None = None) -> None:
    await state.clear()
    if person is not None and await _role(services, person) == "coordinator":
        # A configured coordinator may open the chat after start-up set the menus: set theirs now.
        await set_coordinator_menu(bot, texts, message.chat.id)
    name = message.from_user.first_name if message.from_user else "коллега"
    await message.answer(texts("start-greeting", name=name))


async def _role(services: Services, person: Person | None) -> str:
    """«coordinator», «teacher» (answers for something in a program) or «stranger»."""
    if person is None:  # not a private chat
        return "stranger"
    if services.access.is_configured_coordinator(person) or await services.people.coordinated_program_ids(person.id):
        return "coordinator"
    if await services.people.member_program_ids(person.id):
        return "teacher"
    return "stranger"


@router.message(Command("help"))
async def on_help(message: Message, services: Services, texts: Texts, person: Person | None = None) -> None:
    role = await _role(services, person)
    await message.answer(texts("help-coordinator") if role == "coordinator"
                         else texts("help-teacher") if role == "teacher" else texts("help-stranger"))
