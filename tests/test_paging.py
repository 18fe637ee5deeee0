"""Cutting lists into pages (bot/rendering/paging.py)."""

from __future__ import annotations

from bot.i18n import texts
from bot.keyboards.callbacks import PeoplePage
from bot.rendering.paging import navigation_row, page_of, split_pages


def test_pages_respect_characters_and_count():
    lines = [f"{i:03}" + "х" * 97 for i in range(100)]  # 100 characters each, 101 with the line break
    pages = split_pages(lines, chars=1000, per_page=50)
    assert [len(p) for p in pages] == [9] * 11 + [1]
    assert [line for page in pages for line in page] == lines
    assert [len(p) for p in split_pages(lines, chars=10**6, per_page=30)] == [30, 30, 30, 10]


def test_an_oversized_item_gets_a_page_of_its_own_and_nothing_is_one_empty_page():
    assert split_pages(["a", "b" * 50, "c"], chars=10) == [["a"], ["b" * 50], ["c"]]
    assert split_pages([], chars=10) == [[]]


def test_a_stale_page_number_lands_on_the_last_page_and_navigation_names_it():
    page = page_of([["a"], ["b"], ["c"]], 99)
    assert (page.number, page.count, page.items) == (2, 3, ["c"])
    row = navigation_row(texts(), page, lambda n: PeoplePage(program_id=5, page=n))
    assert [(b.text, b.callback_data) for b in row] == [("◀ Назад", "pl:5:1"), ("стр. 3 из 3", "pl:5:2")]
    assert navigation_row(texts(), page_of([["a"]], 0), lambda n: PeoplePage(program_id=5, page=n)) == []
