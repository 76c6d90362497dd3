from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
GOLD = Path(__file__).resolve().parent / "gold"

# Gold files are named after the shared seeds; the same plans ship under descriptive names.
SEED_FILES = {
    "000_85363b721c052c01": "wuqing-2019-work-points.txt",
    "001_944198d32a153964": "changsha-etdz-2020-work-points.txt",
    "002_5295ecfae469fdd1": "industrial-park-summary-and-plan-redacted.txt",
    "003_e04148dd00fc1d1e": "haimen-2017-work-plan.txt",
    "004_abaae5a951e12ace": "jinan-luan-2020-work-points.txt",
}


def sample_path(seed: str) -> Path:
    return SAMPLES / SEED_FILES[seed]


def gold_outline(seed: str) -> dict:
    return json.loads((GOLD / f"{seed}.outline.json").read_text(encoding="utf-8"))


def gold_numbers(seed: str) -> list[dict]:
    lines = (GOLD / f"{seed}.numbers.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test may touch the user's real notes: point every data directory at a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ZONEPLAN_DB", str(home / "notes.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    yield
