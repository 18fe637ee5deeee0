"""Region words in a document → the program's IANA timezone. Russia spans UTC+2…UTC+12,
so a reminder «at 09:00» means nothing without this. Extend as new regions load roadmaps."""

from __future__ import annotations

import re

# (pattern over the casefolded text, zone). Towns first: a roadmap often names only them.
REGION_ZONES: tuple[tuple[str, str], ...] = (
    (r"\bзе[яию]\b|магдагач|благовещенск|амурск", "Asia/Yakutsk"),  # Амурская область, UTC+9
    (r"минусинск|красноярск", "Asia/Krasnoyarsk"),  # UTC+7
    (r"турочак|республик\w* алтай|горно-алтайск", "Asia/Barnaul"),  # Республика Алтай, UTC+7
    (r"саратов", "Europe/Saratov"),  # UTC+4
    (r"калининград", "Europe/Kaliningrad"),
    (r"камчат", "Asia/Kamchatka"),
    (r"якут|\bсаха\b", "Asia/Yakutsk"),  # not «Сахалин»
    (r"новосибирск", "Asia/Novosibirsk"),
    (r"иркутск", "Asia/Irkutsk"),
    (r"хабаровск|владивосток|приморск", "Asia/Vladivostok"),
    (r"екатеринбург|свердловск|челябинск|тюмен", "Asia/Yekaterinburg"),
    (r"омск", "Asia/Omsk"),
    (r"самар", "Europe/Samara"),
    (r"алтайск\w* кра|барнаул", "Asia/Barnaul"),
    (r"башкорт|уфа\b|пермск|оренбург|курган|ханты|ямал", "Asia/Yekaterinburg"),
    (r"кемеров|кузбас|новокузнецк", "Asia/Novokuznetsk"),
    (r"томск", "Asia/Tomsk"),
    (r"бурят|улан-удэ", "Asia/Irkutsk"),
    (r"забайкал|чита\b", "Asia/Chita"),
    (r"сахалин", "Asia/Sakhalin"),
    (r"магадан", "Asia/Magadan"),
    (r"чукот", "Asia/Anadyr"),
    (r"удмурт|ижевск|ульяновск", "Europe/Samara"),
    (r"волгоград", "Europe/Volgograd"),
    (r"астрахан", "Europe/Astrakhan"),
    (r"москв|подмосков|краснодар|кубан|ростов|воронеж|нижегород|татарстан|казан\w*\b|кабардин|осети|мордов"
     r"|тверск|калуж|тульск|рязан|ярослав|владимирск|смоленск|брянск|курск|белгород|липецк|тамбов|пенз"
     r"|чуваш|марий|вологод|архангельск|мурманск|карели|петербург|ленинград|новгородск|псков|дагестан"
     r"|чечен|ингуш|ставрополь|крым|севастопол|адыге|калмык|ивановск|костром|орловск", "Europe/Moscow"),
)


def zone_from_text(text: str) -> str | None:
    folded = text.casefold().replace("ё", "е")
    for pattern, zone in REGION_ZONES:
        if re.search(pattern, folded):
            return zone
    return None
