"""Reading the «Ответственные» cells of the seeds into persons, roles and organisations."""

from __future__ import annotations

import pytest

from bot.domain.parties import classify_party, find_abbreviations, normalize_party_name, parse_parties

ZEYA_ABBREVIATIONS = {"ООА": "Отдел образования администрации города Зеи"}


@pytest.mark.parametrize(("cell", "expected"), [
    ("Якшина А.И., руководитель ОО; МОАУ СОШ № 1",
     [("person", "Якшина А.И."), ("role", "руководитель ОО"), ("organization", "МОАУ СОШ № 1")]),
    ("Федотова Н. Э", [("person", "Федотова Н.Э.")]),  # persons as «Фамилия И.О.» (issue 10)
    ("А.И. Якшина", [("person", "Якшина А.И.")]),
    ("ГАУ ДПО «АМИРО», ООА", [("organization", "ГАУ ДПО «АМИРО»"),
                              ("organization", "Отдел образования администрации города Зеи")]),
    ("Руководитель или заместитель руководителя ОО", [("role", "Руководитель или заместитель руководителя ОО")]),
    ("Муниципальный координатор\nСпециалисты РМК", [("role", "Муниципальный координатор"),
                                                  ("role", "Специалисты РМК")]),
    ("Педагоги ОО.", [("role", "Педагоги ОО")]),
    ("Якшина А.И. Петрова В.В.", [("person", "Якшина А.И."), ("person", "Петрова В.В.")]),
    ("Руководители ОО (директор, заместитель)", [("role", "Руководители ОО (директор, заместитель)")]),
    ("", []),
])
def test_a_responsible_cell_becomes_parties(cell, expected):
    assert [(p.kind.value, p.name) for p in parse_parties(cell, ZEYA_ABBREVIATIONS)] == expected


def test_the_same_party_written_differently_has_one_key():
    assert normalize_party_name("Якшина  А.И.") == normalize_party_name("якшина а. и.")
    assert normalize_party_name("МОАУ СОШ №1") == normalize_party_name("моау сош № 1")
    assert classify_party("МБОУ «Лицей № 2»").value == "organization"


def test_abbreviations_defined_in_the_text_are_found():
    text = ("Программа разработана. Отдел образования администрации города Зеи (далее – ООА) "
            "совместно с Муниципальным методическим центром (далее — ММЦ) организует работу.")
    found = find_abbreviations(text)
    assert found["ООА"] == "Отдел образования администрации города Зеи"
    assert found["ММЦ"].endswith("Муниципальным методическим центром")
