"""A roadmap's region words → its timezone, for regions beyond the seeds' (issue 10, item 8:
fewer programs left on a guessed Moscow)."""

from __future__ import annotations

import pytest

from bot.importing.regions import zone_from_text


@pytest.mark.parametrize("text,zone", [
    ("в Краснодарском крае в 2016 году", "Europe/Moscow"),
    ("Министерство образования Кабардино-Балкарской Республики", "Europe/Moscow"),
    ("Республики Башкортостан", "Asia/Yekaterinburg"),
    ("Алтайского края", "Asia/Barnaul"),
    ("Кемеровской области — Кузбасса", "Asia/Novokuznetsk"),
    ("Забайкальского края", "Asia/Chita"),
    ("Сахалинской области", "Asia/Sakhalin"),
    ("Удмуртской Республики", "Europe/Samara"),
    ("города Зеи", "Asia/Yakutsk"),
    ("Комитет по образованию администрации района", None),  # «коми» inside a word is no region
])
def test_region_words_give_the_zone(text, zone):
    assert zone_from_text(text) == zone
