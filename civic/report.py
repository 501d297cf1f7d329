"""Printing problems: for people (text), for GitHub (annotations), for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from civic.plural import plural
from civic.problems import Problem


def as_text(problems: Sequence[Problem], records: int) -> str:
    if not problems:
        return f"Dane są poprawne: sprawdzono {records} {plural(records, 'rekord', 'rekordy', 'rekordów')}."
    lines = [str(p) for p in problems]
    files = len({p.path for p in problems})
    count = len(problems)
    lines.append(
        f"Znaleziono {count} {plural(count, 'problem', 'problemy', 'problemów')} "
        f"w {files} {plural(files, 'pliku', 'plikach', 'plikach')}. "
        "Popraw je i uruchom sprawdzanie ponownie; strona nie zostanie opublikowana, dopóki są błędy."
    )
    return "\n".join(lines)


def as_github(problems: Sequence[Problem], records: int) -> str:
    """Workflow commands: each problem becomes an annotation on its line."""
    lines = [
        f"::error file={_prop(p.path)},line={p.line},col={p.column},"
        f"title={_prop(f'{p.where} [{p.code}]')}::{_data(p.message)}"
        for p in problems
    ]
    lines.append(as_text(problems, records).splitlines()[-1])
    return "\n".join(lines)


def as_json(problems: Sequence[Problem], records: int) -> str:
    """One fixed shape: ``{"ok", "records", "problems": [...]}``."""
    return json.dumps(
        {
            "ok": not problems,
            "records": records,
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "where": p.where,
                    "code": p.code,
                    "message": p.message,
                }
                for p in problems
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[Sequence[Problem], int], str]] = {
    "text": as_text,
    "github": as_github,
    "json": as_json,
}
