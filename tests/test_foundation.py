from datetime import date

import pytest

from bot.config import Settings
from bot.domain.models import Period, Program
from bot.i18n import format_date, texts


def test_settings_read_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "")
    monkeypatch.setenv("COORDINATOR_IDS", "111, 222")
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Asia/Yakutsk")
    settings = Settings()
    assert settings.bot_token is None
    assert settings.coordinator_ids == [111, 222]
    assert settings.default_timezone == "Asia/Yakutsk"


def test_settings_reject_unknown_zone(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValueError):
        Settings()


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 мероприятие"), (2, "2 мероприятия"), (5, "5 мероприятий"), (11, "11 мероприятий"),
     (21, "21 мероприятие"), (24, "24 мероприятия"), (112, "112 мероприятий")],
)
def test_russian_plurals(count, expected):
    assert texts()("activities-count", count=count) == expected


def test_date_in_plain_russian():
    assert format_date(date(2023, 9, 30)) == "30 сентября 2023"


def test_period_parse_and_order():
    assert Period.parse("2023-09-01:2024-08-31") == Period(start=date(2023, 9, 1), end=date(2024, 8, 31))
    with pytest.raises(ValueError):
        Period.parse("2024-08-31:2023-09-01")


def test_program_needs_real_zone():
    with pytest.raises(ValueError):
        Program(title="x", period=Period.parse("2023-01-01:2023-12-31"), timezone="Nowhere/City")


def test_every_locale_file_parses_and_menu_is_complete():
    from bot.app import COMMAND_MENU

    t = texts()
    for name in COMMAND_MENU:
        assert t(f"menu-{name}")


def test_html_arguments_are_escaped_for_the_bot_but_not_for_the_console():
    assert "&lt;b&gt;" in texts()("start-greeting", name="<b>")
    assert "<b>" in texts(html=False)("start-greeting", name="<b>")


def test_malformed_locale_file_fails_loudly(tmp_path):
    from bot.i18n import Texts

    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "x.ftl").write_text("ok = да\nbroken = { $n ->\n [] x\n}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.ftl"):
        Texts("ru", tmp_path)
