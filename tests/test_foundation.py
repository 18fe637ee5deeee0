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
