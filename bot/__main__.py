import sys

from bot.cli import main

if __name__ == "__main__":  # a worker process re-importing __main__ must not start the bot
    sys.exit(main())
