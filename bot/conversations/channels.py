"""/channels on any messenger: where reminders go (Telegram / MAX / where I last wrote) and a
one-time link that attaches the other messenger's account to the same person (issue 14).

Button data: «ch:tg», «ch:max», «ch:last» (the choice), «ch:link» (a link for the other messenger).
The adapters route data starting with «ch:» here (bot/handlers/channels.py for Telegram); a
deep-link start whose payload `is_link` goes to `redeem` on either messenger."""

from __future__ import annotations

from bot.conversations.events import MAX, TELEGRAM, Turn
from bot.conversations.links import max_link, names_for, telegram_link
from bot.conversations.replies import Button, Edit, Keyboard, Notice, Reply, Send, keyboard
from bot.services.channel_choice import LAST_WRITTEN, choose, configured_in, reach_of, set_preference
from bot.storage.channel_links import LinkOutcome, is_link, issue_link, redeem_link
from bot.storage.meta import MetaRepository

PREFIX = "ch:"
DATA = {"tg": TELEGRAM, "max": MAX, "last": LAST_WRITTEN}
BOT_NAME_KEY = "bot_username.{channel}"  # written by each adapter when it learns its bot's name

__all__ = ["understood", "channels_command", "pressed", "redeem", "is_link", "remember_bot_name"]


def understood(data: str) -> bool:
    return data.startswith(PREFIX) and (data[len(PREFIX):] in DATA or data == PREFIX + "link")


async def remember_bot_name(turn: Turn, channel: str, username: str | None) -> None:
    meta = MetaRepository(turn.services.db)
    key = BOT_NAME_KEY.format(channel=channel)
    if username and await meta.get(key) != username:
        await meta.set(key, username, now=turn.clock.now())


def _name(turn: Turn, channel: str) -> str:
    return turn.texts(f"channels-account-{channel}")


async def _screen(turn: Turn) -> tuple[str, Keyboard]:
    texts = turn.texts
    reach = await reach_of(turn.services.db, turn.person.id)
    async with turn.services.db.read() as conn:
        configured = await configured_in(conn)
    assert reach is not None
    linked = [c for c in (TELEGRAM, MAX) if reach.has(c)]
    current = choose(reach, configured)
    where = texts(f"channels-where-{current}")
    chosen = reach.preferred or LAST_WRITTEN
    lines = [texts("channels-title"),
             texts("channels-now", where=where if reach.preferred else texts("channels-where-last", where=where)),
             texts("channels-accounts", list=", ".join(_name(turn, c) for c in linked) or texts("channels-none"))]
    if len(linked) < 2:
        lines.append(texts("channels-only-one"))

    def button(code: str, choice: str, label_key: str) -> Button:
        label = texts(label_key)
        return Button(texts("channels-chosen", label=label) if chosen == choice else label, PREFIX + code)

    rows = [[button("tg", TELEGRAM, "channels-button-telegram"), button("max", MAX, "channels-button-max")],
            [button("last", LAST_WRITTEN, "channels-button-last")]]
    missing = [c for c in (TELEGRAM, MAX) if c in configured and not reach.has(c)]
    if missing:
        rows.append([Button(texts(f"channels-button-link-{missing[0]}"), PREFIX + "link")])
    return "\n".join(lines), keyboard(*rows)


async def channels_command(turn: Turn) -> list[Reply]:
    text, buttons = await _screen(turn)
    return [Send(text, buttons)]


async def pressed(turn: Turn, data: str) -> list[Reply]:
    code = data[len(PREFIX):]
    if code == "link":
        return await _link(turn)
    choice = DATA.get(code)
    if choice is None:
        return [Notice(turn.texts("stale-button"), alert=True)]
    reach = await reach_of(turn.services.db, turn.person.id)
    if choice != LAST_WRITTEN and (reach is None or not reach.has(choice)):
        name = _name(turn, choice)
        return [Notice(turn.texts("channels-not-linked", name=name), alert=True)]
    await set_preference(turn.services.db, turn.person.id, None if choice == LAST_WRITTEN else choice,
                         now=turn.clock.now())
    text, buttons = await _screen(turn)
    return [Notice(turn.texts("channels-saved")), Edit(text, buttons)]


async def _link(turn: Turn) -> list[Reply]:
    reach = await reach_of(turn.services.db, turn.person.id)
    target = MAX if reach is not None and reach.has(TELEGRAM) and not reach.has(MAX) else TELEGRAM
    if reach is not None and reach.has(target):
        return [Notice(turn.texts("channels-link-already"), alert=True)]
    token = await issue_link(turn.services.db, turn.person.id, target, now=turn.clock.now())
    bot_name = getattr(names_for(turn.services.db), target) or \
        await MetaRepository(turn.services.db).get(BOT_NAME_KEY.format(channel=target))
    name = _name(turn, target)
    if not bot_name:
        return [Send(turn.texts("channels-link-manual", name=name, token=token))]
    url = max_link(bot_name, token) if target == MAX else telegram_link(bot_name, token)
    return [Send(turn.texts("channels-link", name=name, url=url))]


async def redeem(turn: Turn, token: str, external_user_id: int | str) -> list[Reply]:
    """The link opened on `turn.channel` by this account (`turn.person`: its row as found or made)."""
    texts = turn.texts
    result = await redeem_link(turn.services.db, token, channel=turn.channel, opener_person_id=turn.person.id,
                               external_user_id=external_user_id, now=turn.clock.now())
    if result.outcome is LinkOutcome.LINKED:
        await turn.state.clear()
        reach = await reach_of(turn.services.db, result.person_id) if result.person_id else None
        async with turn.services.db.read() as conn:
            configured = await configured_in(conn)
        where = texts(f"channels-where-{choose(reach, configured)}") if reach else ""
        return [Send(texts("channels-linked", name=_name(turn, turn.channel), where=where))]
    if result.outcome is LinkOutcome.ALREADY:
        return [Send(texts("channels-link-already"))]
    return [Send(texts(f"channels-link-{result.outcome.value}"))]
