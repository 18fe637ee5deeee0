"""Turning domain rows into Russian texts and keyboards. No handler logic here."""
