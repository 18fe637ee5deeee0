"""Which responsible roles apply in every participating school.

«Руководитель ОО» in a municipal roadmap means «the head of each school»: the activity
becomes one task per school. «Муниципальный координатор» is one person for the whole
program. This is a heuristic over the role's name until `bot.domain.parties` classifies
roles itself; the result is stored per party, so it can later be corrected by hand.
"""

from __future__ import annotations

import re

from bot.domain.models import Party, PartyKind
from bot.storage.keys import name_key

_IN_EVERY_SCHOOL = re.compile(
    r"\bоо\b|\bоу\b|\bоо-|школ|образовательн\w* (организац|учрежден)|директор|завуч"
    r"|заместител\w* (руководител|директор)|педагог|учител|классн\w* руководител"
)
_MUNICIPAL = re.compile(r"муниципальн|управлени|отдел\w* образовани|комитет|\bммс\b|\bмму\b|амиро|регион|минист")


def applies_per_organization(party: Party) -> bool:
    if party.kind is not PartyKind.ROLE:
        return False
    key = name_key(party.name)
    return bool(_IN_EVERY_SCHOOL.search(key)) and not _MUNICIPAL.search(key)
