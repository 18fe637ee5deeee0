"""Time-driven work: planning reminders, draining the outbox, the weekly summary."""
