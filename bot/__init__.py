"""Telegram bot that keeps municipal school-improvement roadmaps on schedule."""
