"""What the review flags as odd parties (issue 10, item 6)."""

from __future__ import annotations

import pytest

from bot.domain.models import Party, PartyKind
from bot.importing.review import odd_reason


def party(kind: PartyKind, name: str) -> Party:
    return Party(kind=kind, name=name, normalized=name.casefold())


@pytest.mark.parametrize("kind,name,reason", [
    (PartyKind.ORGANIZATION, "Органы исполнительной власти субъектов Российской Федерации, осуществляющие "
                             "государственное управление в сфере образования (ОИВ)", None),
    (PartyKind.ROLE, "Заместитель директора по учебно-воспитательной работе, курирующий подготовку к "
                     "государственной итоговой аттестации", "review-odd-long"),
    (PartyKind.ROLE, "11 классов", "review-odd-digits"),
    (PartyKind.PERSON, "Петренко", "review-odd-no-initials"),
    (PartyKind.PERSON, "Петренко А.С.", None),
    (PartyKind.ROLE, "классные руководители", None),
])
def test_odd_parties(kind, name, reason):
    assert odd_reason(party(kind, name)) == reason
