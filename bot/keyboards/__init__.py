"""Inline keyboards and the CallbackData factories they emit.

Callback data carries ids only, never text or rights: every handler re-reads the row
and re-checks access in the database (a forged or stale button changes nothing).
"""
