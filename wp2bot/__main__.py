"""``python -m wp2bot``."""

import sys

from wp2bot.cli import main

sys.exit(main())
