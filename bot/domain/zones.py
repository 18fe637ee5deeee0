"""Russia's time zones as a person names them: a city and its UTC offset («Якутск, UTC+9»),
never a raw IANA code. The bot offers these when a roadmap's region is not recognised."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

# West to east; one city per offset people know (Krasnoyarsk and Novosibirsk share +7).
RUSSIAN_ZONES: tuple[tuple[str, str], ...] = (
    ("Europe/Kaliningrad", "Калининград"),
    ("Europe/Moscow", "Москва"),
    ("Europe/Samara", "Самара"),
    ("Asia/Yekaterinburg", "Екатеринбург"),
    ("Asia/Omsk", "Омск"),
    ("Asia/Novosibirsk", "Новосибирск"),
    ("Asia/Krasnoyarsk", "Красноярск"),
    ("Asia/Irkutsk", "Иркутск"),
    ("Asia/Yakutsk", "Якутск"),
    ("Asia/Vladivostok", "Владивосток"),
    ("Asia/Magadan", "Магадан"),
    ("Asia/Kamchatka", "Петропавловск-Камчатский"),
)
_CITY = dict(RUSSIAN_ZONES)
_EXTRA_CITIES = {"Europe/Saratov": "Саратов", "Asia/Barnaul": "Барнаул", "Europe/Volgograd": "Волгоград",
                 "Asia/Chita": "Чита", "Asia/Sakhalin": "Южно-Сахалинск", "Europe/Ulyanovsk": "Ульяновск",
                 "Asia/Tomsk": "Томск", "Asia/Novokuznetsk": "Новокузнецк", "Europe/Astrakhan": "Астрахань",
                 "Europe/Kirov": "Киров", "Asia/Anadyr": "Анадырь", "Asia/Srednekolymsk": "Среднеколымск",
                 "Asia/Khandyga": "Хандыга", "Asia/Ust-Nera": "Усть-Нера"}


def utc_offset_label(zone: str, at: datetime | None = None) -> str:
    offset = (at or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str, at: datetime | None = None) -> str:
    """«Якутск, UTC+9»; an unknown zone keeps its code with the offset."""
    city = _CITY.get(zone) or _EXTRA_CITIES.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city}, {utc_offset_label(zone, at)}"
