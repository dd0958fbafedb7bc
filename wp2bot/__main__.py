"""``python -m wp2bot``."""

import sys

from wp2bot.launch import main

sys.exit(main())
