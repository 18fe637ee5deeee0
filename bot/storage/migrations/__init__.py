"""Numbered SQL migrations (`0001_initial.sql`, …), applied in order by `bot.storage.migrate`."""
