"""Spreadsheet rows into new records, or into updates of existing ones matched by id.

The first row names the columns, by field name (``votes``) or by the
field's Polish title (``Liczba głosów``); case, spaces and Polish letters
do not matter. Each further row is one record:

* a row whose ``id`` (``Identyfikator``) is a record that exists updates it:
  only the fields of the columns given, and an empty cell changes nothing
  (so a sheet ``id;votes;selected`` after the vote changes exactly those);
* a row with a new id, or with no id, is a new record; without an id, it
  gets one made from its title or name.

The kind of records is given with ``--kind`` or recognised from the
columns (and, if several kinds fit, from the ids). A list of plain values
(``areas``, ``districts``) is a cell with the values separated by commas.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from civic import rawdata
from civic.importers.cells import cell_text
from civic.importers.sheets import Sheet, read_sheet
from civic.importers.workspace import Workspace
from civic.schema import Table
from civic.slugs import is_slug, slugify

ID = "id"
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")


def run(ws: Workspace, files: list[Path], kind: str | None = None) -> None:
    for sheet in ws.readable(files, read_sheet):
        table = _choose_table(ws, sheet, kind)
        if table is not None:
            _import(ws, sheet, table)


def _import(ws: Workspace, sheet: Sheet, table: Table) -> None:
    columns = _columns(ws, sheet, table)
    if columns is None:
        return
    seen: dict[str, int] = {}
    for row, cells in sheet.rows:
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        record_id: str | None = None
        for i, name in enumerate(columns):
            if name == ID:
                record_id = cell_text(table.fields[ID], cells[i])
                continue
            value = _value(table, name, cells[i])
            if value is not None:
                values[name] = value
                sources[name] = sheet.where(row, i)
        if record_id is None:
            record_id = ws.new_id(table, _hint(values))
        elif not is_slug(record_id):
            suggestion = slugify(record_id) or "nazwa-rekordu"
            ws.error(
                f"{sheet.where(row)}: „{record_id}” nie może być identyfikatorem rekordu: dozwolone są małe litery "
                f"bez polskich znaków, cyfry i pojedyncze myślniki, np. „{suggestion}”."
            )
            continue
        if record_id in seen:
            ws.error(f"{sheet.where(row)}: rekord „{record_id}” jest już w wierszu {seen[record_id]} tego pliku.")
            continue
        seen[record_id] = row
        ws.put(table, record_id, values, source=sheet.where(row), field_sources=sources)


def _value(table: Table, name: str, cell: Any) -> Any:
    child = table.child_by_key.get(name)
    if child is None:
        return cell_text(table.fields[name], cell)
    assert child.scalar is not None
    text = cell_text(child.fields[child.scalar], cell)
    return [part for part in _LIST_SEPARATOR.split(text) if part] if text else None


def _hint(values: dict[str, Any]) -> str | None:
    for key in ("title", "name", "task_title"):
        if isinstance(values.get(key), str):
            return values[key]
    return None


# -- columns --------------------------------------------------------------


def _fold(text: str) -> str:
    return slugify(text).replace("-", "_")


def _names(table: Table) -> dict[str, str]:
    """What a column may be called (folded) → the key it fills."""
    names: dict[str, str] = {_fold("Identyfikator"): ID, ID: ID}
    for key, child in table.child_by_key.items():
        if child.scalar:
            names[_fold(child.title)] = key
            names[_fold(key)] = key
    for name, field in table.own_fields.items():
        names[_fold(field.title)] = name
        names[_fold(name)] = name
    return names


def _columns(ws: Workspace, sheet: Sheet, table: Table) -> list[str] | None:
    names = _names(table)
    lists = {_fold(c.title): key for key, c in table.child_by_key.items() if not c.scalar}
    lists.update({_fold(key): key for key in lists.values()})
    columns: list[str] = []
    used: dict[str, str] = {}
    ok = True
    for header in sheet.header:
        folded = _fold(header)
        name = names.get(folded)
        if name is None:
            ok = False
            if folded in lists:
                ws.error(
                    f"{sheet.name}: kolumna „{header}” to lista „{lists[folded]}” z własnymi polami; "
                    "takich list nie importuje się z arkusza — wpisz je w pliku rekordu."
                )
            else:
                ws.error(_unknown_column(sheet.name, header, table, names))
            continue
        if name in used:
            ok = False
            ws.error(f"{sheet.name}: kolumny „{used[name]}” i „{header}” oznaczają to samo pole „{name}”.")
            continue
        used[name] = header
        columns.append(name)
    return columns if ok else None


def _unknown_column(sheet: str, header: str, table: Table, names: dict[str, str]) -> str:
    if not header:
        return f"{sheet}: kolumna bez nazwy w pierwszym wierszu; nazwij ją albo usuń."
    close = difflib.get_close_matches(_fold(header), list(names), n=1, cutoff=0.6)
    text = f"{sheet}: nieznana kolumna „{header}”."
    if close:
        text = text[:-1] + f" — czy chodziło o „{names[close[0]]}”?"
    allowed = ", ".join([ID, *table.own_fields, *(k for k, c in table.child_by_key.items() if c.scalar)])
    return f"{text} Kolumny rekordów „{table.title}” to nazwy pól lub ich polskie tytuły: {allowed}."


def _choose_table(ws: Workspace, sheet: Sheet, kind: str | None) -> Table | None:
    if kind is not None:
        table = rawdata.find_kind(ws.catalog, kind)
        if table is None:
            ws.error(f"Nie ma rodzaju rekordów „{kind}”. Dostępne: {rawdata.kinds_listing(ws.catalog)}.")
        return table
    tables = [t for t in ws.catalog.main_tables if t.layout == "files" and t.kind]
    folded = [_fold(h) for h in sheet.header]
    fitting = [t for t in tables if all(h in _names(t) for h in folded)]
    if len(fitting) > 1 and ID in {_names(fitting[0]).get(h) for h in folded}:
        fitting = [t for t in fitting if _ids_exist(ws, sheet, t)] or fitting
    if len(fitting) == 1:
        return fitting[0]
    if not fitting:
        best = max(tables, key=lambda t: sum(h in _names(t) for h in folded))
        ws.note(f"{sheet.name}: kolumny najbardziej pasują do rekordów „{best.title}” ({best.kind}).")
        return best
    listing = ", ".join(f"{t.kind} ({t.title})" for t in fitting)
    ws.error(
        f"{sheet.name}: kolumny pasują do kilku rodzajów rekordów: {listing}. "
        f"Podaj rodzaj, np. scripts/import table {sheet.name} --kind {fitting[0].kind}"
    )
    return None


def _ids_exist(ws: Workspace, sheet: Sheet, table: Table) -> bool:
    position = [_names(table).get(_fold(h)) for h in sheet.header].index(ID)
    ids = {str(cells[position]).strip() for _, cells in sheet.rows if cells[position] not in (None, "")}
    return bool(ids) and ids <= ws.ids(table)
