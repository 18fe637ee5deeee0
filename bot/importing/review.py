"""What a coordinator must check before loading a roadmap, as data (chat and CLI render it).

«Понято N из M» counts an activity as understood only when its deadline was read without a
guess (`needs_review` is set on every guess), so the figure never flatters the importer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.models import Activity, ImportResult, Party, PartyKind

ODD_NAME_LENGTH = 90  # a role or a person; bodies have long official names («Органы исполнительной власти…»)
ODD_ORGANIZATION_LENGTH = 200
_DIGITS_ONLY = re.compile(r"^[\d\s,.\-–—%№]+(?:класс\w*|чел\w*|раз\w*)?$", re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|[\s.])[А-ЯЁA-Z](?:\.|\s|$)")


@dataclass(frozen=True, slots=True)
class OddParty:
    activity: Activity
    party: Party
    reason: str  # a text key: review-odd-*


@dataclass(frozen=True, slots=True)
class ImportReview:
    result: ImportResult
    to_check: list[Activity]
    without_parties: list[Activity]
    odd_parties: list[OddParty]

    @property
    def total(self) -> int:
        return len(self.result.program.activities)

    @property
    def understood(self) -> int:
        return self.total - len(self.to_check)


def odd_reason(party: Party) -> str | None:
    name = party.name.strip()
    limit = ODD_ORGANIZATION_LENGTH if party.kind is PartyKind.ORGANIZATION else ODD_NAME_LENGTH
    if len(name) > limit:
        return "review-odd-long"
    if _DIGITS_ONLY.match(name):
        return "review-odd-digits"
    if party.kind is PartyKind.PERSON and not _INITIAL.search(name) and len(name.split()) < 3:
        return "review-odd-no-initials"
    return None


def review(result: ImportResult) -> ImportReview:
    activities = result.program.activities
    odd = [OddParty(a, p, reason) for a in activities for p in a.responsible if (reason := odd_reason(p))]
    return ImportReview(
        result=result,
        to_check=[a for a in activities if a.deadline.needs_review],
        without_parties=[a for a in activities if not a.responsible],
        odd_parties=odd,
    )
