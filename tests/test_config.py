"""The settings file: defaults when missing, one-line errors when wrong, the theme written back."""

from __future__ import annotations

import re
import tomllib

import pytest

from zoneplan_tui.core.config import Config, ConfigError, config_path, load_config, save_setting


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "none.toml") == Config()


def test_env_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONEPLAN_CONFIG", str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"


def test_default_location_is_the_user_config_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("ZONEPLAN_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "zoneplan" / "config.toml"


def test_every_documented_key_is_read(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text(
        '# my settings\ntheme = "nord"\noutline_width = "30%"\n'
        'library_folders = ["~/plans", "/srv/x"]\nfuture_key = 1\n'
        '[keys]\n"reader.next-section" = "] , ctrl+down"\n',
        encoding="utf-8",
    )
    c = load_config(p)
    assert c.theme == "nord" and c.outline_width == "30%" and c.path == p
    assert c.library_folders[1].as_posix() == "/srv/x"
    assert not str(c.library_folders[0]).startswith("~")
    assert c.keys == {"reader.next-section": "],ctrl+down"}


def test_the_reviewer_and_export_folder_are_read(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('reviewer = "  Li \t Wei "\nexport_folder = "~/reviews"\n', encoding="utf-8")
    c = load_config(p)
    assert c.reviewer == "Li Wei"  # spaces folded
    assert c.export_folder is not None and c.export_folder.name == "reviews"
    assert not str(c.export_folder).startswith("~")
    assert load_config(tmp_path / "none.toml").reviewer is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("theme = ", "not valid TOML"),
        ("theme = 3", "theme must be"),
        ("outline_width = 3", "outline_width must be"),
        ("outline_width = true", "outline_width must be"),
        ('outline_width = "95%"', "outline_width must be"),
        ('library_folders = "~/plans"', "library_folders must be"),
        ("[keys]\nx = 1", "[keys] must be"),
        ("reviewer = 3", "reviewer must be"),
        ('reviewer = "  "', "reviewer must be"),
        ("export_folder = []", "export_folder must be"),
    ],
)
def test_wrong_values_are_one_line_errors(tmp_path, text, message):
    p = tmp_path / "c.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_config(p)
    assert str(p) in str(info.value) and "\n" not in str(info.value)


def test_save_setting_keeps_the_rest_of_the_file(tmp_path):
    p = tmp_path / "sub" / "c.toml"
    save_setting("theme", "nord", p)
    assert load_config(p).theme == "nord"
    p.write_text('# mine\ntheme = "nord"  # dark\n\n[keys]\n"a.b" = "x"\n', encoding="utf-8")
    p.chmod(0o600)
    save_setting("theme", 'odd "name"', p)
    text = p.read_text(encoding="utf-8")
    assert text.startswith("# mine\n") and '"a.b" = "x"' in text
    assert tomllib.loads(text)["theme"] == 'odd "name"'
    assert p.stat().st_mode & 0o777 == 0o600


def test_save_setting_inserts_before_the_first_table(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[keys]\ntheme = "not the top-level one"\n', encoding="utf-8")
    save_setting("theme", "nord", p)
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    assert data["theme"] == "nord" and data["keys"]["theme"] == "not the top-level one"
