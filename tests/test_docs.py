"""The README documents every setting the plugin reads and every script staff run."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "civic").rglob("*.py"))
    code += (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings = set(re.findall(r"\b(CIVIC_[A-Z_]+)\b", code)) - {"CIVIC_REQUIRE_SAMPLES", "CIVIC_VENV"}
    assert settings
    undocumented = sorted(s for s in settings if f"`{s}`" not in README)
    assert not undocumented


def test_every_script_is_documented():
    scripts = sorted(p.name for p in (ROOT / "scripts").iterdir() if not p.name.startswith("_"))
    assert scripts
    assert [s for s in scripts if f"scripts/{s}" not in README] == []


def test_readme_set_up_is_two_commands():
    block = README.split("## Set-up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["scripts/serve", "scripts/test"]
