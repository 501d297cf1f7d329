"""The build's own settings (``CIVIC_*``) checked before anything is built.

A wrong setting used to stop a build halfway with a Python error in English
(``month must be in 1..12``, ``KeyError: 'index'``), or to pass unnoticed
(a search shard of 0 pages taken as the default). Every setting the README
documents is checked here first, and each problem is said in Polish: where
the setting was given (the settings file and the line that assigns it, the
command line, or the environment), the value, and what is allowed. The
build then stops before it begins, and the last site stays as it was.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from string import Formatter
from typing import Any

from civic.export.metadata import LICENSES
from civic.problems import display_path
from civic.schema import Catalog, SchemaError

Check = Callable[[Any], "str | None"]
"""What is allowed, said in Polish, if the value is not; None if it is."""

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"[A-Z0-9_]+")


class SettingsInvalid(Exception):
    """Settings a build cannot be made with; ``problems`` says each one."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _whole(minimum: int, meaning: str) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return None
        return f"dozwolona jest liczba całkowita, co najmniej {minimum} ({meaning}), bez cudzysłowu"

    return check


def _day(value: Any) -> str | None:
    if isinstance(value, date):
        return None
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return "takiego dnia nie ma w kalendarzu; dozwolona jest data RRRR-MM-DD, np. 2026-11-22"
        return None
    return 'dozwolona jest data w postaci tekstu RRRR-MM-DD, np. "2026-11-22"'


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "dozwolone są wartości True (tak) i False (nie), bez cudzysłowu"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "dozwolony jest tekst w cudzysłowie"


def _address(value: Any) -> str | None:
    if isinstance(value, str) and (value == "" or value.startswith(("https://", "http://"))):
        return None
    return "dozwolony jest pełny adres zaczynający się od https:// (albo http://) lub pusty tekst"


def _path(value: Any) -> str | None:
    return (
        None if isinstance(value, (str, os.PathLike)) else "dozwolona jest ścieżka do folderu lub pliku, w cudzysłowie"
    )


def _code(value: Any) -> str | None:
    if isinstance(value, str) and _CODE.fullmatch(value):
        return None
    return "dozwolony jest kod ze słownika częstotliwości UE, wielkimi literami, np. IRREG, MONTHLY, ANNUAL"


def _keywords(value: Any) -> str | None:
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return 'dozwolona jest lista niepustych tekstów, np. ["konsultacje", "budżet obywatelski"]'


def _urls(value: Any) -> str | None:
    example = 'np. {"ngos": {"record": "organizacje/{id}/", "index": "organizacje/"}}'
    if not isinstance(value, dict):
        return f"dozwolony jest słownik: dla tabeli wzory adresów „record” i „index”, {example}"
    for table, patterns in value.items():
        if not isinstance(patterns, dict) or not {"record", "index"} <= patterns.keys():
            return f"tabela {table!r} musi mieć oba wzory adresów, „record” i „index”, {example}"
        for kind in ("record", "index"):
            pattern = patterns[kind]
            if not isinstance(pattern, str) or not pattern.endswith("/"):
                return f"wzór „{kind}” tabeli {table!r} musi być tekstem zakończonym ukośnikiem /, {example}"
            try:
                list(Formatter().parse(pattern))
            except ValueError:
                return f"we wzorze „{kind}” tabeli {table!r} nawiasy {{ }} nie tworzą par, {example}"
    return None


RULES: dict[str, Check] = {
    "CIVIC_DATA_PATH": _path,
    "CIVIC_URLS": _urls,
    "CIVIC_LICENSE_NAME": _text,
    "CIVIC_PUBLIC_URL": _address,
    "CIVIC_REPOSITORY_URL": _address,
    "CIVIC_REPOSITORY_BRANCH": _text,
    "CIVIC_BIP_URL": _address,
    "CIVIC_TODAY": _day,
    "CIVIC_SEARCH": _flag,
    "CIVIC_LIST_PAGE_SIZE": _whole(1, "tyle rekordów pokazuje jedna strona listy"),
    "CIVIC_SEARCH_SHARD_PAGES": _whole(1, "najwięcej tyle stron w jednej części indeksu wyszukiwarki"),
    "CIVIC_PROCESSES": _whole(1, "tyle procesów buduje stronę; bez ustawienia: tyle, ile rdzeni"),
    "CIVIC_CACHE_PATH": _path,
    "CIVIC_TRANSLATIONS": _path,
    "CIVIC_ACCESSIBILITY_STATEMENT": _path,
    "CIVIC_LICENSE": _text,  # one not listed in LICENSES needs CIVIC_LICENSE_URL too (check_settings)
    "CIVIC_LICENSE_URL": _address,
    "CIVIC_PUBLISHER": _text,
    "CIVIC_MUNICIPALITY": _text,
    "CIVIC_BUILD_DATE": _day,
    "CIVIC_UPDATE_FREQUENCY": _code,
    "CIVIC_KEYWORDS": _keywords,
}
"""Every setting the README documents, with what it allows. ``None`` (or leaving it out) means the default."""


def check_settings(
    settings: Mapping[str, Any],
    settings_file: Path,
    given: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """The problems of the settings read from ``settings_file`` (``given`` are those passed
    when the build was run, which take precedence), one Polish sentence each."""
    given = given or {}
    environ = os.environ if environ is None else environ
    lines = _assigned_lines(settings_file)
    problems = []

    def where(name: str) -> str:
        if name in given:
            return f"Ustawienie {name} podane przy uruchomieniu budowy"
        line = lines.get(name)
        shown = display_path(settings_file)
        return f"{shown}, wiersz {line}: ustawienie {name}" if line else f"{shown}: ustawienie {name}"

    for name, check in RULES.items():
        value = settings.get(name)
        if value is None:
            continue
        allowed = check(value)
        if allowed:
            problems.append(f"{where(name)} ma wartość {value!r}; {allowed}.")
    today = environ.get("CIVIC_TODAY")
    if settings.get("CIVIC_TODAY") is None and today:
        allowed = _day(today)
        if allowed:
            problems.append(f"Zmienna środowiskowa CIVIC_TODAY ma wartość {today!r}; {allowed}.")
    urls = settings.get("CIVIC_URLS")
    if urls is not None and _urls(urls) is None:
        problems.extend(f"{where('CIVIC_URLS')}: {problem}." for problem in _url_fields(urls, settings))
    code = settings.get("CIVIC_LICENSE")
    if isinstance(code, str) and code not in LICENSES and not settings.get("CIVIC_LICENSE_URL"):
        problems.append(
            f"{where('CIVIC_LICENSE')} ma wartość {code!r}, licencję spoza listy: "
            f"{', '.join(LICENSES)}; podaj jedną z nich albo adres tekstu licencji w CIVIC_LICENSE_URL."
        )
    return problems


def _url_fields(urls: dict[str, dict[str, str]], settings: Mapping[str, Any]) -> list[str]:
    """What the address patterns name that the data's schemas do not have: a table, or a field of it."""
    try:
        catalog = Catalog.load(Path(settings.get("CIVIC_DATA_PATH") or "data") / "schemas")
    except (OSError, SchemaError):
        return []  # the build reports the data folder and its schemas itself
    kinds = sorted(table.name for table in catalog.main_tables if table.kind)
    problems = []
    for name, patterns in urls.items():
        if name not in catalog.tables:
            problems.append(f"nie ma tabeli {name!r}; adresy mają tabele: {', '.join(kinds)}")
            continue
        fields = catalog[name].fields  # the id (the file's name) among them
        for _, field, _, _ in Formatter().parse(patterns["record"]):
            if field and field not in fields:
                problems.append(
                    f"we wzorze „record” tabeli {name!r} nie ma pola {field!r}; "
                    f"tabela ma pola: {', '.join(fields)} (adres najlepiej z pola id)"
                )
    return problems


def _assigned_lines(settings_file: Path) -> dict[str, int]:
    """The line of the last top-level assignment of each name in the settings file (none if unreadable)."""
    try:
        tree = ast.parse(settings_file.read_bytes(), filename=str(settings_file))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                lines[target.id] = node.lineno
    return lines
