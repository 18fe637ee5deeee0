"""The MAX dispatcher: maxapi handlers that build a neutral event, ask bot/conversations and carry
out the replies (sending.py). Updates are handled one after another (maxapi's default), so one
person's double tap never runs twice at once. An exception is logged with its traceback (tests
fail on it) and polling goes on."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from maxapi import Dispatcher, Router
from maxapi.types import BotStarted, MessageCallback, MessageCreated

from bot.conversations import channels, editing, evidence, flows, invites, presses
from bot.conversations import tasks as task_conversation
from bot.conversations import coordinator_presses
from bot.conversations import help as helping
from bot.conversations.events import Files, Press, Start, Turn
from bot.conversations.replies import Notice, Reply, Send
from bot.max import sending
from bot.max.updates import Runtime, command_of, pressed_of, uploads_of

log = logging.getLogger(__name__)


async def _text(turn: Turn, text: str, first_name: str | None) -> list[Reply]:
    command = command_of(text)
    if command is None:
        if await flows.waits_for_text(turn):
            return await flows.answer(turn, text)
        if await editing.waits_for_text(turn):  # a deadline, a name, activity numbers the coordinator was asked
            return await editing.answer(turn, text)
        return [Send(turn.texts("free-text-hint"))]
    if command.name == "start" and channels.is_link(command.args):  # issue 14: attach MAX to a person
        return await channels.redeem(turn, command.args, turn.extra["max_user_id"])
    if command.name == "start":
        return await invites.redeem(turn, Start(command.args)) if command.args else \
            await helping.greet(turn, first_name)
    if command.name == "channels":
        return await channels.channels_command(turn)
    if command.name == "tasks":
        return await task_conversation.tasks_command(turn)
    if command.name == "cancel":
        return await flows.cancel(turn)
    coordinator_replies = await coordinator_presses.command(turn, command)  # /summary, /people…, /help
    if coordinator_replies is not None:
        return coordinator_replies
    if command.name in editing.COMMANDS:  # the coordinator's editing: /schools, /reminders, /addperson…
        return await editing.command(turn, command) or []
    return [Send(turn.texts("unknown-command"))]


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    router = Router(router_id="roadmap")

    async def guarded(what: str, chat_id: int, work: Callable[[], Awaitable[None]]) -> None:
        try:
            await work()
        except Exception:  # the polling loop goes on; the traceback is logged (tests fail on it)
            log.exception("MAX %s in chat %s failed", what, chat_id)

    @router.bot_started()
    async def on_started(event: BotStarted) -> None:
        async def work() -> None:
            turn = await runtime.turn(event.user, event.chat_id)
            replies = await channels.redeem(turn, event.payload, event.user.user_id) \
                if event.payload and channels.is_link(event.payload) else \
                await invites.redeem(turn, Start(event.payload)) if event.payload else \
                await helping.greet(turn, event.user.first_name)
            await sending.carry_out(event.bot, event.chat_id, replies)

        await guarded("bot_started", event.chat_id, work)

    @router.message_created()
    async def on_message(event: MessageCreated) -> None:
        message = event.message
        chat_id = message.recipient.chat_id
        sender = message.sender
        if sender is None or chat_id is None or getattr(sender, "is_bot", False):
            return

        async def work() -> None:
            turn = await runtime.turn(sender, chat_id)
            turn.extra["max_user_id"] = sender.user_id
            body = message.body
            uploads = uploads_of(runtime, body.attachments, body.mid)
            group = f"max:{body.mid}" if len(uploads) > 1 else None
            for upload in uploads:  # one at a time: the first file's answer is edited by the next
                replies = await editing.file_received(turn, upload) if await editing.wants_file(turn, upload) \
                    else await evidence.file_received(turn, Files(upload, group))  # a roadmap, or evidence
                await sending.carry_out(event.bot, chat_id, replies)
            if body.text and not (uploads and command_of(body.text) is None):  # a file's caption is not an answer
                await sending.carry_out(event.bot, chat_id, await _text(turn, body.text, sender.first_name))
            elif not uploads and not body.text:  # a sticker, a location…: a hint, or «please write it»
                replies = await flows.answer(turn, None) if await flows.waits_for_text(turn) else \
                    [Send(turn.texts("free-text-hint"))]
                await sending.carry_out(event.bot, chat_id, replies)

        await guarded("message", chat_id, work)

    @router.message_callback()
    async def on_press(event: MessageCallback) -> None:
        callback = event.callback
        chat_id = event.message.recipient.chat_id if event.message is not None else None
        if chat_id is None:  # MAX left the message out: the dialog we know for this account
            chat_id = await runtime.known_chat(callback.user.user_id)
        if chat_id is None:
            log.warning("MAX press from %s without a known chat", callback.user.user_id)
            return
        message_id = event.message.body.mid if event.message is not None and event.message.body else None
        press = sending.Press(callback.callback_id, message_id)

        async def work() -> None:
            turn = await runtime.turn(callback.user, chat_id)
            data = callback.payload or ""
            replies: list[Reply] = await presses.press(turn, Press(data, pressed_of(event.message))) \
                if presses.understood(data) else await coordinator_presses.press(turn, Press(data, pressed_of(
                    event.message))) if coordinator_presses.understood(data) else await channels.pressed(turn, data) \
                if channels.understood(data) else await editing.press(turn, Press(data, pressed_of(event.message))) \
                if editing.understood(data) else [Notice(turn.texts("stale-button"), alert=True)]
            await sending.carry_out(event.bot, chat_id, replies, press)

        await guarded("press", chat_id, work)

    dispatcher = Dispatcher()
    dispatcher.include_routers(router)
    return dispatcher
