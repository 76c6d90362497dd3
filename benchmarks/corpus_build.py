"""Rebuild the real-document corpus (benchmarks/corpus/manifest.json) from fetched snapshots.

    .venv/bin/python benchmarks/corpus_build.py [--mirror /work/.mirror] [--out DIR]

Each manifest entry names a public repository, a commit and a path. The snapshot of that
repository must already be on this machine as a git directory under the mirror folder
(`<mirror>/<owner>+<name>/repo`, bare or with a `.git` inside), as the search tool's `fetch`
leaves it. This script reads the file's bytes with `git cat-file` at the recorded commit, checks
their SHA-256 against the manifest and writes them to `<out>/<id>.<format>` (default
benchmarks/corpus/files/, which is git-ignored: the documents are others' data and stay out of
git). It uses no network, and it imports, builds or runs nothing from the fetched repositories:
git only reads objects. A missing snapshot is reported with the repository to fetch, and that
document is skipped. Exit status: 0 when every document was written and verified, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "corpus" / "manifest.json"
DEFAULT_OUT = HERE / "corpus" / "files"
DEFAULT_MIRROR = Path(os.environ.get("ZONEPLAN_MIRROR", "/work/.mirror"))


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def file_name(doc: dict) -> str:
    return f"{doc['id']}.{doc['format']}"


def git_dir(mirror: Path, repo: str) -> Path | None:
    """The git directory of a fetched snapshot, or None if it is not on this machine."""
    base = mirror / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "objects").is_dir() and (candidate / "HEAD").is_file():
            return candidate
    return None


def read_blob(gdir: Path, commit: str, path: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"  # the snapshot's own config is never consulted either
    result = subprocess.run(
        ["git", "--git-dir", str(gdir), "cat-file", "blob", f"{commit}:{path}"],
        capture_output=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise LookupError(result.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    return result.stdout


def build(mirror: Path, out: Path, only: set[str] | None = None) -> int:
    docs = load_manifest()
    out.mkdir(parents=True, exist_ok=True)
    written = failed = skipped = 0
    missing_repos: set[str] = set()
    for doc in docs:
        if only and doc["id"] not in only:
            continue
        target = out / file_name(doc)
        gdir = git_dir(mirror, doc["repo"])
        if gdir is None:
            print(f"SKIP  {doc['id']}: no snapshot of {doc['repo']} (fetch github:{doc['repo']})")
            missing_repos.add(doc["repo"])
            skipped += 1
            continue
        try:
            data = read_blob(gdir, doc["commit"], doc["path"])
        except LookupError as exc:
            print(f"FAIL  {doc['id']}: {doc['repo']}@{doc['commit'][:12]}:{doc['path']}: {exc}")
            failed += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != doc["sha256"]:
            print(f"FAIL  {doc['id']}: sha256 {digest} != manifest {doc['sha256']}")
            failed += 1
            continue
        target.write_bytes(data)
        written += 1
        print(f"ok    {doc['id']:<40} {doc['format']:<5} {len(data):>9,} B  sha256 verified")
    total = written + failed + skipped
    print(f"\n{written}/{total} documents written to {out} ({failed} failed, {skipped} skipped)")
    if missing_repos:
        print("snapshots to fetch first: " + ", ".join(sorted(missing_repos)))
    return 0 if written == total else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="folder of snapshots")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the files")
    ap.add_argument("ids", nargs="*", help="only these document ids")
    args = ap.parse_args(argv)
    return build(args.mirror, args.out, set(args.ids) or None)


if __name__ == "__main__":
    sys.exit(main())
