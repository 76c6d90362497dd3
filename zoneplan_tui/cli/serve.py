"""`zoneplan serve [DIR ...]`: the app in a browser (zoneplan_tui/serve/, textual-serve).

Checks what can fail before the server starts (the extra is installed, the folders hold
plans, the port is a port), so a failure is one line on stderr like any other command's.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zoneplan_tui.cli.args import add_command, add_db, add_index
from zoneplan_tui.core.errors import UserError

DEFAULT_MAX_SESSIONS = 8


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "serve",
        help="serve the app to a browser, on this machine by default",
        description="Serve the app to a browser: the library of DIR's plans (none: the bundled "
        "samples), one app session per browser tab, all sharing the notes file. The URL it "
        "prints carries a random access token; a request without it is refused (403). The "
        "sessions open only plans under the served folders (symbolic links followed).\n\n"
        "It is not a multi-user server with accounts: whoever has the URL reads and annotates "
        "everything served. Bound to this machine (127.0.0.1) unless --host says otherwise; "
        "for more than one machine, put it behind your own authentication (and HTTPS).",
        example="""zoneplan serve ~/plans
                   zoneplan serve ~/plans --host 0.0.0.0 --port 8080""",
    )
    p.add_argument("folders", nargs="*", metavar="DIR", help="folders of plans to serve")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every "
        "network interface, with a warning)",
    )
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"browser tabs served at once (default {DEFAULT_MAX_SESSIONS}; each runs its own "
        "app process, some 250 MB): one more is refused (503) until a tab closes",
    )
    add_db(p)
    add_index(p)
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from zoneplan_tui.cli.output import warn
    from zoneplan_tui.formats.load import find_plans, sample_docs_dir

    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port}: not a port (1–65535)")
    if args.max_sessions < 1:
        raise UserError(f"--max-sessions {args.max_sessions}: at least 1")
    try:
        from zoneplan_tui.serve.server import ZoneplanServer, is_loopback
    except ImportError as exc:
        raise UserError(
            f"zoneplan serve needs the serve extra ({exc.name} is missing): "
            "pip install 'zoneplan[serve]'"
        ) from None
    folders = [Path(f) for f in args.folders] or [sample_docs_dir()]
    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"{folder}: not a folder (zoneplan serve serves folders of plans)")
        find_plans(folder)  # a missing folder, or one with no plans
    for warning in _browser_only_remaps():
        warn(warning)
    if not is_loopback(args.host):
        warn(
            f"--host {args.host}: other machines can reach this server; anyone with the URL "
            "(its token) reads and annotates every served plan, over plain HTTP"
        )
    _index_once(folders, getattr(args, "index", None))
    server = ZoneplanServer(
        folders,
        host=args.host,
        port=args.port,
        db=getattr(args, "db", None),
        index=getattr(args, "index", None),
        max_sessions=args.max_sessions,
    )
    server.serve()
    return 0


def _browser_only_remaps() -> list[str]:
    """A `[keys]` remap that leaves an action only keys the browser keeps (ctrl+w, F5 …): in
    the browser that action could not be reached. The defaults never do (a test checks)."""
    from zoneplan_tui.core.config import load_config
    from zoneplan_tui.serve.browser_keys import browser_only
    from zoneplan_tui.tui.bindings import keys_of
    from zoneplan_tui.tui.keys import binding_by_id, known_binding_ids

    keymap = load_config().keys
    out = []
    for binding_id in sorted(set(keymap) & known_binding_ids()):
        keys = keys_of(binding_by_id(binding_id), keymap)
        if browser_only(keys):
            out.append(
                f"[keys] {binding_id} = {', '.join(keys)!r}: the browser keeps these keys, "
                "so this action cannot be reached in it"
            )
    return out


def _index_once(folders: list[Path], index: str | None) -> None:
    """Index the folders before the first tab opens: every session then finds its plans
    indexed, instead of each segmenting every plan at once. In a process of its own, so the
    server does not keep jieba's dictionary in memory; confined as the sessions are, so a link
    leading out of a folder is not indexed either."""
    import json
    import os
    import subprocess
    import sys

    from zoneplan_tui.cli.output import say
    from zoneplan_tui.core.confinement import ROOTS_ENV, resolved_roots

    say("zoneplan serve: indexing the plans…")
    roots = os.pathsep.join(map(str, resolved_roots(folders)))
    code = "import json, sys; from zoneplan_tui.cli.serve import index_folders as f; "
    code += "f(*json.loads(sys.argv[1]))"
    subprocess.run(
        [sys.executable, "-c", code, json.dumps([[str(f) for f in folders], index])],
        env=dict(os.environ, **{ROOTS_ENV: roots}),
        check=False,
    )


def index_folders(folders: list[str], index: str | None) -> None:
    """What `_index_once` runs in its process: the library's refresh, warnings on stderr."""
    from zoneplan_tui.cli.output import warn
    from zoneplan_tui.core.errors import UserError
    from zoneplan_tui.library.catalog import Library

    try:
        with Library.open(index_path=index) as lib:
            report = lib.refresh(folders, remember=False)
    except UserError as exc:  # each session will say so too, in the browser
        warn(str(exc))
        return
    for line in (*report.errors, *report.notices):
        warn(line)
