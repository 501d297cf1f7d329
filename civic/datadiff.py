"""What changed in the records between two versions, per kind and field, in Polish Markdown.

``scripts/diff main HEAD`` lists, for each record kind, the records added,
removed and changed, and for a changed record every field that differs:
its Polish title, the value before and after. Nested lists are compared
item by item (``Spotkania konsultacyjne, poz. 2 › Data``). The pull-request
workflow writes this into the job summary, and an import's dry run shows
its changes the same way.

Values are compared as written (text), so the diff shows what a reviewer
will see in the files. Only record files are compared (YAML under the kinds'
folders and the vocabularies), never the schemas.

Reading git: one ``git diff`` lists the files that differ, and one
``git cat-file --batch`` reads them at each revision, however many records
the city has.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civic.datafiles import RECORD_SUFFIXES
from civic.plural import plural
from civic.rawdata import parse_raw
from civic.schema import Catalog, Table
from civic.yamlwrite import key_order

Snapshot = Mapping[str, str | None]
"""Record files by path relative to the data folder; None where a file does not exist."""

_MAX_SHOWN = 160
_UNREADABLE = "(plik nie daje się odczytać: błąd składni YAML)"


class DiffError(Exception):
    """A comparison that cannot be made (no git, unknown revision); the message is Polish."""


@dataclass
class FieldChange:
    label: str
    key: str
    old: str | None
    new: str | None


@dataclass
class RecordChange:
    record_id: str
    path: str
    label: str
    status: str  # "added", "removed" or "changed"
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class KindChanges:
    table: Table
    records: list[RecordChange]

    def with_status(self, status: str) -> list[RecordChange]:
        return [r for r in self.records if r.status == status]


# -- comparing ------------------------------------------------------------


def compare(catalog: Catalog, old: Snapshot, new: Snapshot, data_prefix: str = "data") -> list[KindChanges]:
    """Changes per kind, kinds in the catalog's order, records by id."""
    out: list[KindChanges] = []
    for table in sorted(catalog.main_tables, key=lambda t: t.layout != "files"):  # kinds, then vocabularies
        before = _records(table, old)
        after = _records(table, new)
        changes: list[RecordChange] = []
        for record_id in sorted(set(before) | set(after)):
            change = _record_change(table, record_id, before.get(record_id), after.get(record_id), data_prefix)
            if change is not None:
                changes.append(change)
        if changes:
            out.append(KindChanges(table, changes))
    return out


@dataclass
class _Found:
    path: str
    values: Any  # the parsed record, or _UNREADABLE


def _records(table: Table, snapshot: Snapshot) -> dict[str, _Found]:
    found: dict[str, _Found] = {}
    for path, text in snapshot.items():
        if text is None or not path.endswith(RECORD_SUFFIXES):
            continue
        if table.layout == "list":
            if path == f"{table.folder}/{table.name}.yaml":
                entries = parse_raw(text)
                for entry in entries if isinstance(entries, list) else []:
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        found[entry["id"]] = _Found(path, entry)
            continue
        folder, _, name = path.rpartition("/")
        if folder == table.folder or folder.startswith(f"{table.folder}/"):
            values = parse_raw(text)
            found[Path(name).stem] = _Found(path, values if isinstance(values, dict) else _UNREADABLE)
    return found


def _record_change(
    table: Table, record_id: str, old: _Found | None, new: _Found | None, prefix: str
) -> RecordChange | None:
    current = new or old
    assert current is not None
    shown = f"{prefix}/{current.path}" if prefix else current.path
    label = _record_label(current.values)
    if old is None:
        return RecordChange(record_id, shown, label, "added")
    if new is None:
        return RecordChange(record_id, shown, _record_label(old.values), "removed")
    if old.values == new.values:
        return None
    if _UNREADABLE in (old.values, new.values):
        fields = [FieldChange("plik", "", _state(old.values), _state(new.values))]
    else:
        fields = _fields(table, old.values, new.values, "", "")
    return RecordChange(record_id, shown, label, "changed", fields)


def _fields(
    table: Table, old: dict[str, Any], new: dict[str, Any], key_prefix: str, label_prefix: str
) -> list[FieldChange]:
    order = key_order(table)
    keys = [k for k in order if k in old or k in new]
    keys += sorted(k for k in {*old, *new} if k not in order)
    out: list[FieldChange] = []
    for key in keys:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        child = table.child_by_key.get(key)
        path = f"{key_prefix}{key}"
        if child is not None and not child.scalar and isinstance(a, list | None) and isinstance(b, list | None):
            out += _items(child, a or [], b or [], path, label_prefix)
            continue
        title = child.title if child is not None else table.fields[key].title if key in table.fields else key
        out.append(FieldChange(f"{label_prefix}{title}", path, _show(a), _show(b)))
    return out


def _items(child: Table, old: list[Any], new: list[Any], path: str, label_prefix: str) -> list[FieldChange]:
    out: list[FieldChange] = []
    for i in range(max(len(old), len(new))):
        a = old[i] if i < len(old) else None
        b = new[i] if i < len(new) else None
        if a == b:
            continue
        label = f"{label_prefix}{child.title}, poz. {i + 1}"
        item_path = f"{path}[{i + 1}]"
        if isinstance(a, dict) and isinstance(b, dict):
            out += _fields(child, a, b, f"{item_path}.", f"{label} › ")
        elif a is None:
            out.append(FieldChange(label, item_path, None, f"dodano: {_item_label(b)}"))
        elif b is None:
            out.append(FieldChange(label, item_path, f"usunięto: {_item_label(a)}", None))
        else:
            out.append(FieldChange(label, item_path, _show(a), _show(b)))
    return out


def _record_label(values: Any) -> str:
    if not isinstance(values, dict):
        return ""
    for key in ("title", "name", "task_title"):
        if isinstance(values.get(key), str):
            return values[key]
    return ""


def _item_label(item: Any) -> str:
    if isinstance(item, dict):
        for value in item.values():
            if isinstance(value, str) and value:
                return value
        return "pozycja"
    return _show(item) or "pozycja"


def _state(values: Any) -> str:
    return values if isinstance(values, str) else "(plik poprawny)"


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False)


# -- Markdown -------------------------------------------------------------


def markdown(kinds: list[KindChanges], heading: str) -> str:
    """The changes as a Markdown section for people: a pull request's summary or a terminal."""
    lines = [f"## {heading}", ""]
    if not kinds:
        return "\n".join([*lines, "Brak zmian w rekordach.", ""])
    counts = {s: sum(len(k.with_status(s)) for k in kinds) for s in ("added", "removed", "changed")}
    lines += [_summary(counts), ""]
    for kind in kinds:
        lines += [f"### {kind.table.title}", ""]
        for status, title in (("added", "Dodane"), ("removed", "Usunięte")):
            records = kind.with_status(status)
            if records:
                lines += [f"**{title} ({len(records)}):**", ""]
                lines += [f"- {_record_heading(r)} (`{r.path}`)" for r in records]
                lines.append("")
        changed = kind.with_status("changed")
        if changed:
            lines += [f"**Zmienione ({len(changed)}):**", ""]
            for record in changed:
                lines += [f"{_record_heading(record)} (`{record.path}`)", ""]
                lines += ["| pole | było | jest |", "| --- | --- | --- |"]
                lines += [_table_row(f) for f in record.fields]
                lines.append("")
    return "\n".join(lines)


def _table_row(change: FieldChange) -> str:
    label = f"{_cell(change.label)} (`{change.key}`)" if change.key else _cell(change.label)
    return f"| {label} | {_cell(change.old)} | {_cell(change.new)} |"


def _summary(counts: Mapping[str, int]) -> str:
    added, removed, changed = counts["added"], counts["removed"], counts["changed"]
    return f"Dodano {added} {plural(added, 'rekord', 'rekordy', 'rekordów')}, usunięto {removed}, zmieniono {changed}."


def _record_heading(record: RecordChange) -> str:
    return f"`{record.record_id}` — {_cell(record.label)}" if record.label else f"`{record.record_id}`"


def _cell(text: str | None) -> str:
    if text is None or text == "":
        return "—"
    text = text.strip()
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", "<br>")


# -- reading git ----------------------------------------------------------


@dataclass
class Revisions:
    """The two snapshots to compare and how to name them."""

    old: dict[str, str | None]
    new: dict[str, str | None]
    old_name: str
    new_name: str
    data_prefix: str


def from_git(data_dir: Path, rev1: str, rev2: str | None) -> Revisions:
    """The record files that differ between ``rev1`` and ``rev2`` (None: the working folder)."""
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    try:
        prefix = data_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"Folder {data_dir} nie leży w repozytorium git {top}.") from None
    names = [_commit(data_dir, rev1)] + ([_commit(data_dir, rev2)] if rev2 else [])
    spec = ["--", prefix] if prefix != "." else ["--"]
    listed = _git(data_dir, "diff", "--name-only", "--no-renames", "-z", *names, *spec, cwd=top)
    paths = {p for p in listed.decode().split("\0") if p}
    if rev2 is None:
        untracked = _git(data_dir, "ls-files", "--others", "--exclude-standard", "-z", *spec, cwd=top)
        paths |= {p for p in untracked.decode().split("\0") if p}
    paths = {p for p in paths if p.endswith(RECORD_SUFFIXES) and not _in_schemas(p, prefix)}
    old = _cat_files(top, rev1, sorted(paths))
    new = _cat_files(top, rev2, sorted(paths)) if rev2 else {p: _read(top / p) for p in sorted(paths)}
    strip = len(prefix) + 1 if prefix != "." else 0
    return Revisions(
        {p[strip:]: t for p, t in old.items()},
        {p[strip:]: t for p, t in new.items()},
        _name(data_dir, rev1),
        _name(data_dir, rev2) if rev2 else "folder roboczy",
        prefix if prefix != "." else "",
    )


def diff_markdown(data_dir: Path, rev1: str, rev2: str | None) -> str:
    """The Markdown report of ``scripts/diff REV1 [REV2]``."""
    revisions = from_git(data_dir, rev1, rev2)
    catalog = Catalog.load(data_dir / "schemas")
    kinds = compare(catalog, revisions.old, revisions.new, revisions.data_prefix)
    return markdown(kinds, f"Zmiany w danych: {revisions.old_name} → {revisions.new_name}")


def _in_schemas(path: str, prefix: str) -> bool:
    inside = path[len(prefix) + 1 :] if prefix != "." else path
    return inside.startswith("schemas/")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None


def _commit(data_dir: Path, rev: str) -> str:
    out = _git(data_dir, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    sha = out.decode().strip()
    if not sha:
        raise DiffError(f"Nie ma w repozytorium wersji „{rev}” (gałęzi, znacznika ani commita o tej nazwie).")
    return sha


def _name(data_dir: Path, rev: str) -> str:
    short = _git(data_dir, "rev-parse", "--short", f"{rev}^{{commit}}").decode().strip()
    return f"`{rev}`" if rev == short else f"`{rev}` ({short})"


def _cat_files(top: Path, rev: str, paths: Iterable[str]) -> dict[str, str | None]:
    paths = list(paths)
    if not paths:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in paths).encode()
    out = _git(top, "cat-file", "--batch", input=request)
    result: dict[str, str | None] = {}
    at = 0
    for path in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            result[path] = out[at : at + size].decode("utf-8-sig", errors="replace")
            at += size + 1
        else:
            result[path] = None  # missing at this revision
    return result


def _git(where: Path, *args: str, cwd: Path | None = None, input: bytes | None = None, check: bool = True) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd or where, input=input, capture_output=True, check=False, timeout=600
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffError(f"Nie udało się uruchomić gita: {exc}") from None
    if check and done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise DiffError(f"Polecenie git {args[0]} nie powiodło się: {detail[-1] if detail else done.returncode}")
    return done.stdout
