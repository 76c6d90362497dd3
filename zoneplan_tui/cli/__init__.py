"""The `zoneplan` command: one module per subcommand over the core, terminal-safe output."""

from zoneplan_tui.cli.command import main

__all__ = ["main"]
