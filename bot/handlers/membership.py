"""A person blocks or unblocks the bot: reminders stop or resume, the coordinator sees it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.domain.clock import Clock
from bot.services.bundle import Services
from bot.services.unreachable import report_unreachable

router = Router(name="membership")


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=KICKED))
async def on_blocked(event: ChatMemberUpdated, services: Services, clock: Clock) -> None:
    await report_unreachable(services.db, event.from_user.id, reason="blocked the bot", now=clock.now(),
                             configured_coordinators=services.access.configured_coordinators)


@router.my_chat_member(ChatMemberUpdatedFilter(member_status_changed=MEMBER))
async def on_unblocked(event: ChatMemberUpdated, services: Services) -> None:
    await services.people.mark_reachable(event.from_user.id)
