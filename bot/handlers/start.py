"""/start (with an invite payload from a deep link) and /help."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.domain.clock import Clock
from bot.handlers.tasks import render_list
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.storage.invites import InviteError, InviteRole, looks_like_token
from bot.storage.people import Person
from bot.telegram.command_menu import set_coordinator_menu

router = Router(name="start")


@router.message(CommandStart(deep_link=True))
async def on_invite(message: Message, command: CommandObject, state: FSMContext, services: Services,
                    person: Person, clock: Clock, texts: Texts, bot: Bot) -> None:
    await state.clear()
    token = (command.args or "").strip()
    if not looks_like_token(token):
        await message.answer(texts("invite-unknown"))
        return
    try:
        redeemed = await services.invites.redeem(token, person.id, now=clock.now(),
                                                 configured=services.access.configured_coordinators)
    except InviteError as error:
        await message.answer(texts(f"invite-{error.problem.value}"))
        return
    program = await services.programs.get_program(redeemed.program_id)
    title = program.title if program else ""
    if redeemed.role is InviteRole.COORDINATOR:  # the coordinator's commands in this chat's menu
        await set_coordinator_menu(bot, texts, message.chat.id)
    if redeemed.waits_for_coordinator:  # someone holds this party already: the coordinator decides
        await message.answer(texts("invite-waits", program=title))
        return
    if redeemed.already_yours:
        await message.answer(texts("invite-again", program=title))
    elif redeemed.role is InviteRole.COORDINATOR:
        await message.answer(texts("invite-joined-coordinator", program=title))
        return
    else:
        role = next((t.label for t in await services.invites.targets(redeemed.program_id)
                     if t.party_id == redeemed.party_id and t.organization_id == redeemed.organization_id), "")
        # «как Дорошенко Т.А.» — the initials' dot ends the sentence; no «Т.А..»
        await message.answer(texts("invite-joined", program=title, role=role.rstrip(".")))
    text, keyboard = await render_list(services, person, clock, texts, 0)
    await message.answer(text, reply_markup=keyboard)


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
