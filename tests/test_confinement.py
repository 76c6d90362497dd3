"""core/confinement.py: what a served app may open. The rules are general (components, not
string prefixes; symbolic links followed; relative paths from the working directory), so the
cases are built from them, not from one folder's layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zoneplan_tui.core.confinement import (
    ROOTS_ENV,
    allowed,
    check,
    confine,
    env_roots,
    resolved_roots,
)
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats.load import find_plans, load_document


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """served/ (a plan, a sub-folder with a plan, links in and out), a sibling served2/ whose
    name starts like the root's, and outside/ with a secret plan."""
    served = tmp_path / "served"
    (served / "sub").mkdir(parents=True)
    (served / "plan.txt").write_text("一、总体要求\n增长8%\n", encoding="utf-8")
    (served / "sub" / "inner.txt").write_text("二、重点任务\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("机密\n", encoding="utf-8")
    sibling = tmp_path / "served2"
    sibling.mkdir()
    (sibling / "other.txt").write_text("其他\n", encoding="utf-8")
    (served / "link-out.txt").symlink_to(outside / "secret.txt")
    (served / "dir-out").symlink_to(outside, target_is_directory=True)
    (served / "link-in.txt").symlink_to(served / "sub" / "inner.txt")
    return {"served": served, "outside": outside, "sibling": sibling, "tmp": tmp_path}


def roots(tree: dict[str, Path]) -> tuple[Path, ...]:
    return resolved_roots([tree["served"]])


def test_paths_under_a_root_are_allowed_and_resolved(tree):
    served = tree["served"]
    assert confine(served / "plan.txt", roots(tree)) == (served / "plan.txt").resolve()
    assert (
        confine(served / "sub" / ".." / "plan.txt", roots(tree)) == (served / "plan.txt").resolve()
    )
    assert confine(served, roots(tree)) == served.resolve()
    # A file that does not exist yet (an export's name) is judged by where it would be.
    assert confine(served / "sub" / "new.md", roots(tree)).parent == (served / "sub").resolve()
    # A link that stays inside is followed and allowed.
    assert confine(served / "link-in.txt", roots(tree)) == (served / "sub" / "inner.txt").resolve()


@pytest.mark.parametrize(
    "relative",
    [
        "../outside/secret.txt",  # `..` out of the root
        "sub/../../outside/secret.txt",  # `..` deeper in the path
        "link-out.txt",  # a file link leading out
        "dir-out/secret.txt",  # a folder link leading out
        "dir-out",
        "..",
        "../served2/other.txt",  # a sibling whose name begins with the root's
    ],
)
def test_paths_leading_out_are_refused(tree, relative):
    with pytest.raises(DocumentError, match="outside the served folders"):
        confine(tree["served"] / relative, roots(tree))


def test_absolute_and_relative_paths_outside_are_refused(tree, monkeypatch):
    for absolute in (tree["outside"] / "secret.txt", Path("/etc/passwd"), Path("/")):
        with pytest.raises(DocumentError):
            confine(absolute, roots(tree))
    monkeypatch.chdir(tree["outside"])
    with pytest.raises(DocumentError):
        confine("secret.txt", roots(tree))  # relative to the working directory, which is outside
    monkeypatch.chdir(tree["served"])
    assert confine("plan.txt", roots(tree)) == (tree["served"] / "plan.txt").resolve()


def test_a_root_that_is_itself_a_link_is_compared_where_it_leads(tree):
    alias = tree["tmp"] / "alias"
    alias.symlink_to(tree["served"], target_is_directory=True)
    via_alias = resolved_roots([alias])
    assert confine(tree["served"] / "plan.txt", via_alias)
    assert confine(alias / "plan.txt", roots(tree))
    with pytest.raises(DocumentError):
        confine(alias / "link-out.txt", via_alias)


def test_several_roots(tree):
    both = resolved_roots([tree["served"], tree["outside"]])
    assert confine(tree["outside"] / "secret.txt", both)
    with pytest.raises(DocumentError):
        confine(tree["sibling"] / "other.txt", both)


def test_the_environment_names_the_roots(tree):
    env = {ROOTS_ENV: os.pathsep.join([str(tree["served"]), str(tree["sibling"])])}
    assert env_roots(env) == resolved_roots([tree["served"], tree["sibling"]])
    assert env_roots({}) is None
    assert env_roots({ROOTS_ENV: ""}) == ()  # set but empty: nothing is allowed
    check(tree["outside"] / "secret.txt", {})  # not confined: anything goes
    with pytest.raises(DocumentError):
        check(tree["served"] / "plan.txt", {ROOTS_ENV: ""})
    with pytest.raises(DocumentError):
        check(tree["outside"] / "secret.txt", env)


def test_every_plan_reader_is_confined(tree, monkeypatch):
    """load_document and find_plans are how the app, the library and the index read plans."""
    monkeypatch.setenv(ROOTS_ENV, str(tree["served"]))
    assert load_document(tree["served"] / "plan.txt").text.startswith("一、")
    for outside in (tree["outside"] / "secret.txt", tree["served"] / "link-out.txt"):
        with pytest.raises(DocumentError, match="outside the served folders"):
            load_document(outside)
    with pytest.raises(DocumentError, match="outside the served folders"):
        find_plans(tree["outside"])
    with pytest.raises(DocumentError, match="outside the served folders"):
        find_plans(tree["served"] / ".." / "outside")
    # A served folder does not list a link leading out (nor walk into a linked folder); a
    # link that stays inside is listed.
    found = {p.name for p in find_plans(tree["served"])}
    assert found == {"plan.txt", "inner.txt", "link-in.txt"}
    monkeypatch.delenv(ROOTS_ENV)
    assert "link-out.txt" in {p.name for p in find_plans(tree["served"])}
    assert load_document(tree["outside"] / "secret.txt").text == "机密\n"


def test_allowed_answers_as_check_does(tree):
    env = {ROOTS_ENV: str(tree["served"])}
    assert allowed(tree["served"] / "plan.txt", env)
    assert not allowed(tree["served"] / "link-out.txt", env)
    assert allowed(tree["outside"] / "secret.txt", {})
