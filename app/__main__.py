"""`python -m app` starts the desktop app (the same as `thinkdesk gui`)."""

import sys

from app.cli import main

sys.exit(main(["gui", *sys.argv[1:]]))
