"""Telegram's refusals the emulator reproduces, with Telegram's own error texts.

Sources, cited where each text is produced:
- [server] the official Bot API server, tdlib/telegram-bot-api, telegram-bot-api/Client.cpp
  (commit 01a3679, May 2026): `get_inline_keyboard_button_type`, `get_reply_markup`,
  `get_input_media`, `get_input_message_contents`, and `fail_query_with_error`, which prefixes
  "Bad Request: " and lower-cases the first letter of TDLib's message ("Message text is empty" →
  "Bad Request: message text is empty") and maps REPLY_MARKUP_TOO_LONG to "reply markup is too long".
- [tdlib] TDLib: `InlineKeyboardButton::get_inline_keyboard_button` ("Inline keyboard button text
  must be non-empty"), `MessagesManager::send_message_group` (`is_homogenous_media_group_content`:
  "<Document> can't be mixed with other media types"), `check_message_group_message_contents`
  ("There are no messages to send", "Too many messages to send as an album").
- [reports] what bots observe from api.telegram.org where the open-source code does not decide:
  more than 100 inline buttons → "Bad Request: reply markup is too long"
  (github.com/eternnoir/pyTelegramBotAPI/issues/511, rubenlagus/TelegramBots/issues/218,
  EDM115/unzip-bot/issues/2); answerCallbackQuery text over 200 characters → "Bad Request:
  MESSAGE_TOO_LONG" (eternnoir/pyTelegramBotAPI/issues/500; messages.setBotCallbackAnswer lists
  MESSAGE_TOO_LONG).
- [emulator] stricter than Telegram on purpose, where the spec forbids what the server tolerates;
  the text is the emulator's own, in Telegram's style, and says so in a comment.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

MAX_INLINE_BUTTONS = 100
MAX_CALLBACK_ANSWER = 200
ALBUM_MIN, ALBUM_MAX = 2, 10

# Checked in this order by the official server; the first one present is the button's kind.
# url and callback_data count only when non-empty, the others when the field is present.
BUTTON_KINDS = ("url", "callback_data", "callback_game", "pay", "switch_inline_query",
                "switch_inline_query_chosen_chat", "switch_inline_query_current_chat", "login_url",
                "web_app", "copy_text")
_NON_EMPTY_KINDS = {"url", "callback_data"}


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def response(self) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return web.json_response(body, status=self.code)


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _button_error(message: str) -> ApiError:
    # [server] get_reply_markup: "Can't parse inline keyboard button: " + the button's error.
    return bad(f"can't parse inline keyboard button: {message}")


def check_reply_markup(markup: Any, callback_data_bytes: int) -> None:
    """An inline keyboard as Telegram checks it; other markups (reply keyboards) pass through.

    In Telegram's order: the Bot API server parses every button, then TDLib checks them, then
    Telegram's servers refuse the keyboard's size and callback data."""
    if not isinstance(markup, dict):
        raise bad("object expected as reply markup")  # [server]
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')  # [server]
    buttons = [button for row in rows for button in row]
    kinds = [parse_inline_button(button) for button in buttons]
    if any(button["text"] == "" for button in buttons):
        raise bad("inline keyboard button text must be non-empty")  # [tdlib]
    if len(buttons) > MAX_INLINE_BUTTONS:
        raise bad("reply markup is too long")  # [reports] + [server]'s REPLY_MARKUP_TOO_LONG mapping
    for button, kind in zip(buttons, kinds):
        if kind == "callback_data" and len(button["callback_data"].encode()) > callback_data_bytes:
            raise bad("BUTTON_DATA_INVALID")  # Telegram's servers: callback_data is 1-64 bytes


def parse_inline_button(button: Any) -> str:
    """The button's kind, as the official server finds it, or its refusal."""
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")  # [server]
    if "text" not in button:
        raise _button_error('Can\'t find field "text"')  # [server] td JsonObject::get_required_string_field
    if not isinstance(button["text"], str):
        raise _button_error('Field "text" must be of type String')  # [server] same
    for kind in _NON_EMPTY_KINDS:
        if kind in button and not isinstance(button[kind], str):
            raise _button_error(f'Field "{kind}" must be of type String')  # [server]
    kinds = [kind for kind in BUTTON_KINDS if (button.get(kind) if kind in _NON_EMPTY_KINDS else kind in button)]
    if not kinds:
        # [server] Also an empty callback_data: the server treats "" as absent.
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(kinds) > 1:
        # [emulator] The official server takes the first kind present (url before callback_data…)
        # and ignores the rest; the spec demands exactly one. Refused here so that a button which
        # silently loses its callback in production fails in tests. No Telegram text exists.
        raise _button_error(f"exactly one of the optional fields must be used, found {', '.join(kinds)}")
    return kinds[0]


def album_kind(item_type: Any) -> str:
    """The stored kind of an album item, or Telegram's refusal of its type."""
    if item_type in ("photo", "video", "live_photo", "document", "audio"):
        return item_type
    if item_type == "animation":
        raise bad(f'can\'t parse InputMedia: type "{item_type}" can\'t be used in sendMediaGroup')  # [server]
    raise bad(f'can\'t parse InputMedia: type "{item_type}" is unsupported')  # [server]


def check_media_group(media: Any) -> list[str]:
    """sendMediaGroup's album as Telegram checks it; returns the items' kinds."""
    if not isinstance(media, list):
        raise bad("expected an Array of InputMedia")  # [server]
    kinds = []
    for item in media:
        if not isinstance(item, dict):
            raise bad("can't parse InputMedia: expected an Object")
        kinds.append(album_kind(item.get("type")))
    if not media:
        raise bad("there are no messages to send")  # [tdlib]
    if len(media) > ALBUM_MAX:
        raise bad("too many messages to send as an album")  # [tdlib]
    distinct = set(kinds)
    if len(distinct) > 1:
        for kind in ("document", "audio"):  # [tdlib] is_homogenous_media_group_content
            if kind in distinct:
                raise bad(f"{kind} can't be mixed with other media types")
    if len(media) < ALBUM_MIN:
        # [emulator] TDLib sends a lone item as an ordinary message; the spec says 2-10 items.
        raise bad("wrong number of media specified: an album needs 2-10 items")
    return kinds


def check_callback_answer_text(text: Any) -> None:
    if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
        raise bad("MESSAGE_TOO_LONG")  # [reports]
