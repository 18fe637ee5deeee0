"""Pure, typed domain: no aiogram, no I/O."""
