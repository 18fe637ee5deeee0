"""Typed refusals. Handlers map each to a Russian text; none of them is a crash."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: the request was understood and refused."""


class AccessDenied(ServiceError):
    """The person may not see or change this (forged or foreign callback)."""


class NotFound(ServiceError):
    """The task, program or request no longer exists (a stale button)."""


class AlreadyDecided(ServiceError):
    """Somebody decided this already (a second tap on approve/reject)."""


class InvalidInput(ServiceError):
    """A date in the past, an empty reason…; `reason` is a short machine key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
