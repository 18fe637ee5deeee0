"""The MAX API's refusals as the emulator answers them: HTTP status + the description's `Error`
object `{code, message}`.

Sources: the description (`shared/specs/max-bot-api-openapi-2026-07-01.json`) gives the shape, the
status list (400, 401, 403, 404, 405, 429, 500, 503) and the codes `verify.token`,
`attachment.not.ready` and `not.found`. Codes it does not give are marked [emulator]: the
emulator's own, in MAX's dotted style — an adapter should branch on the HTTP status, not on them.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

MAX_DEEP_LINK_PAYLOAD = 512  # description, "Deep linking": longer payloads are not passed to the bot


class MaxApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}

    def response(self) -> web.Response:
        return web.json_response(self.body(), status=self.status)


def unauthorized() -> MaxApiError:
    return MaxApiError(401, "verify.token", "Invalid access_token")  # the description's own example


def bad_request(message: str) -> MaxApiError:
    return MaxApiError(400, "proto.payload", message)  # [emulator] code


def not_found(message: str) -> MaxApiError:
    return MaxApiError(404, "not.found", message)  # code named by the description


def too_many_requests() -> MaxApiError:
    return MaxApiError(429, "too.many.requests", "Too many requests")  # [emulator] code; status from the description


def attachment_not_ready() -> MaxApiError:
    # The description: a just-uploaded file may not be processed yet; clients retry on this code.
    return MaxApiError(400, "attachment.not.ready", "Key: errors.process.attachment.file.not.processed")


def chat_denied() -> MaxApiError:
    # [emulator] code: the user blocked (stopped) the bot; MAX answers 403 Forbidden for a dialog
    # the bot may not write to. Adapters: treat any 403 on send as "this person is unreachable".
    return MaxApiError(403, "chat.denied", "chat.denied: the user has blocked the bot")


def forbidden(message: str) -> MaxApiError:
    return MaxApiError(403, "access.denied", message)  # [emulator] code
