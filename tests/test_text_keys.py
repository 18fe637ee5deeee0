"""Every text the code asks for by a literal key exists in locales/ru (a typo would
otherwise surface as a crash in front of a user)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import texts

BOT = Path(__file__).resolve().parent.parent / "bot"
LITERAL_KEY = re.compile(r"""texts\(\s*["']([a-z][a-z0-9_-]+)["']""")


def test_literal_text_keys_exist():
    bundle = texts()
    missing = sorted({(path.relative_to(BOT).as_posix(), key)
                      for path in BOT.rglob("*.py")
                      for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
                      if not bundle.has(key)})
    assert missing == []
    assert sum(len(LITERAL_KEY.findall(p.read_text(encoding="utf-8"))) for p in BOT.rglob("*.py")) > 100
