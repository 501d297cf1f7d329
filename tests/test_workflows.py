"""The GitHub workflows and templates: valid, and running the commands the README gives."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key "on" as true
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def commands(step: dict[str, Any]) -> list[list[str]]:
    """The commands of a run step, without output redirections; variables set before them first."""
    out = []
    for line in step["run"].splitlines():
        words = shlex.split(line.split(">>", 1)[0].split(" > ", 1)[0])
        if words:
            out.append(words)
    return out


def split_variables(words: list[str]) -> tuple[list[str], list[str]]:
    """``A=1 B=2 scripts/x --y`` → ``(["A", "B"], ["scripts/x", "--y"])``."""
    names = []
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        names.append(words[0].split("=", 1)[0])
        words = words[1:]
    return names, words


def test_the_workflows_pass_the_github_workflow_schema():
    assert WORKFLOWS
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_issue_form_and_its_configuration_are_valid():
    forms = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
    assert forms
    result = check_jsonschema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE/config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_step_runs_a_command_the_readme_gives(path: Path):
    for step in steps(workflow(path.name)):
        if "run" not in step:
            continue
        for command in commands(step):
            variables, words = split_variables(command)
            script = words[0]
            assert script.startswith("scripts/") and (ROOT / script).is_file(), step["run"]
            assert script in README, f"{script} is not in the README"
            for option in (w for w in words[1:] if w.startswith("--")):
                assert re.search(rf"{re.escape(script)}[^|\n]*{re.escape(option)}", README), (script, option)
            for variable in variables:
                assert f"`{variable}=" in README, variable


def test_a_pull_request_is_checked_built_previewed_tested_and_summarised():
    data = workflow("checks.yml")
    assert "pull_request" in data["on"]
    runs = [shlex.join(c) for s in steps(data) if "run" in s for c in commands(s)]
    assert "scripts/validate --format github" in runs
    assert "scripts/build --full" in runs and "scripts/test" in runs
    diff = next(s for s in steps(data) if "scripts/diff" in s.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "output/"
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the diff's base and the "last changed" dates


def test_main_is_deployed_with_full_history_and_rebuilt_daily():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["on"]["schedule"][0]["cron"]
    assert data["permissions"]["pages"] == "write" and data["permissions"]["id-token"] == "write"
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    build = next(s for s in steps(data) if "scripts/build" in s.get("run", ""))
    assert "--settings publishconf.py" in build["run"] and "CIVIC_TODAY=" in build["run"]
    uses = [s.get("uses", "") for s in steps(data)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pre_commit_validates_with_the_projects_own_commands():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks[0]["entry"] == "scripts/validate" and hooks[0]["files"] == "^data/"
    for hook in hooks:
        program = hook["entry"].split()[0]
        assert (ROOT / program).is_file() or program == ".venv/bin/python", program
        assert hook["entry"].replace(".venv/bin/python -m civic", "").strip().split()[0] in README


def test_the_pull_request_template_has_a_checklist_and_contributing_its_sections():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", template, re.MULTILINE)) >= 5
    headings = re.findall(r"^## (.+)$", CONTRIBUTING, re.MULTILINE)
    for wanted in ("Zmiana rekordu w edytorze", "Dodanie nowej konsultacji", "komunikat o błędzie", "pull requestu"):
        assert any(wanted in h for h in headings), wanted
