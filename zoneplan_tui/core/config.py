"""The user's settings: a TOML file in the user config directory.

```toml
theme = "textual-light"            # any Textual theme; the palette's choice is written back here
outline_width = 40                 # the outline pane, in cells (or "30%")
library_folders = ["~/plans"]      # what a bare `zoneplan` and `zoneplan library` open
reviewer = "张三"                   # the author of an export's Word comments (default: the OS user)
export_folder = "~/reviews"        # where exports go unless told (default: beside the plan)
[keys]                             # key remaps by binding id (`?` lists the ids)
"reader.next-section" = "],ctrl+down"
```

The file is optional. `ZONEPLAN_CONFIG` names another file. A file that is not valid TOML, or a
known key with a value of the wrong type, is a `ConfigError`: one line naming the file and the key,
so a typo never silently falls back to defaults. Unknown keys are kept and ignored (a newer
zoneplan may have written them).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zoneplan_tui.core.errors import UserError

CONFIG_FILENAME = "config.toml"
_WIDTH = re.compile(r"^\d{1,3}%$")


class ConfigError(UserError):
    """The settings file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Config:
    theme: str | None = None
    outline_width: int | str | None = None  # cells, or a percentage such as "30%"
    library_folders: tuple[Path, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    reviewer: str | None = None  # the author of exported comments; None: the OS user
    export_folder: Path | None = None  # where exports go by default; None: beside the plan
    path: Path | None = None  # where it was read from (None: no file)


def config_path() -> Path:
    env = os.environ.get("ZONEPLAN_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("zoneplan")) / CONFIG_FILENAME


def load_config(path: Path | None = None) -> Config:
    """The settings in `path` (default: `config_path()`); defaults when the file does not exist."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return _parse(data, path)


def _parse(data: dict[str, Any], path: Path) -> Config:
    def bad(key: str, want: str) -> ConfigError:
        return ConfigError(f"{path}: {key} must be {want}")

    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise bad("theme", "a theme name (a string)")
    width = data.get("outline_width")
    if width is not None and not _valid_width(width):
        raise bad("outline_width", 'a number of cells from 10 to 200, or a percentage ("30%")')
    folders = data.get("library_folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        raise bad("library_folders", "a list of folder paths (strings)")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise bad("[keys]", 'a table of binding id = "key,key" strings')
    reviewer = data.get("reviewer")
    if reviewer is not None and (not isinstance(reviewer, str) or not reviewer.strip()):
        raise bad("reviewer", "a name (a string)")
    export_folder = data.get("export_folder")
    if export_folder is not None and (
        not isinstance(export_folder, str) or not export_folder.strip()
    ):
        raise bad("export_folder", "a folder (a string)")
    return Config(
        theme=theme.strip() if theme else None,
        outline_width=width,
        library_folders=tuple(Path(f).expanduser() for f in folders),
        keys={k: ",".join(p.strip() for p in v.split(",") if p.strip()) for k, v in keys.items()},
        reviewer=" ".join(reviewer.split()) if reviewer else None,
        export_folder=Path(export_folder).expanduser() if export_folder else None,
        path=path,
    )


def _valid_width(width: object) -> bool:
    if isinstance(width, bool):  # TOML true is not 1 cell
        return False
    if isinstance(width, int):
        return 10 <= width <= 200
    return isinstance(width, str) and bool(_WIDTH.match(width)) and 5 <= int(width[:-1]) <= 90


_TOP_KEY = r"^[ \t]*{key}[ \t]*=.*$"
_TABLE = re.compile(r"^[ \t]*\[", re.M)


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set one top-level string `key` in the settings file, keeping the rest of it (comments,
    order, tables) as the user wrote it. Creates the file and its folder when missing."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    line = f"{key} = {_toml_string(value)}"
    first_table = _TABLE.search(text)
    top_end = first_table.start() if first_table else len(text)
    top = text[:top_end]
    pattern = re.compile(_TOP_KEY.format(key=re.escape(key)), re.M)
    # a callable replacement: the value is never read as a regex template
    top = pattern.sub(lambda _m: line, top, count=1) if pattern.search(top) else f"{line}\n{top}"
    new = top + text[top_end:]
    tomllib.loads(new)  # never write a file this module could not read back
    _write_atomic(path, new)
    return path


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def _write_atomic(path: Path, text: str) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror or exc})") from None
