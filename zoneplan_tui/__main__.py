"""`python -m zoneplan_tui` works like the `zoneplan` command."""

import sys

from zoneplan_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
