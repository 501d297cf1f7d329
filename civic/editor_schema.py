"""JSON Schemas for YAML editors, generated from the Table Schemas.

Editors with YAML support (VS Code and github.dev with the Red Hat YAML
extension, anything built on ``yaml-language-server``) complete field names,
show each field's Polish title and description, offer the allowed values
and mark a wrong key or value while staff type. The Table Schemas stay the
only description of a field: these files are generated from them (and from
the vocabularies, whose codes become the allowed values) into
``data/schemas/editor/<table>.json``, and ``.vscode/settings.json`` maps
each record folder to its schema. A test fails when they are stale;
``python -m civic editor-schemas`` writes them again.

Editors read YAML 1.2, where ``7:30`` and ``2025-03-14`` are text, so dates
and times are strings with a pattern. A text field also accepts a number
(``number: 12``), as the validator does, except registry numbers and codes,
whose leading zeros only survive in quotes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from civic import rawdata
from civic.schema import SLUG_PATTERN, Catalog, Field, Table
from civic.yamlwrite import EDITOR_SCHEMAS, key_order

DRAFT = "http://json-schema.org/draft-07/schema#"
SETTINGS_KEY = "yaml.schemas"

_PATTERNS = {
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "time": r"^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
    "datetime": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}",
}
_CHECK_PATTERNS = {
    "krs": r"^[0-9]{10}$",
    "nip": r"^[0-9]{10}$",
    "regon": r"^([0-9]{9}|[0-9]{14})$",
    "postal-code": r"^[0-9]{2}-[0-9]{3}$",
    "url": r"^https?://",
}
_JSON_TYPES = {"integer": "integer", "year": "integer", "number": "number", "boolean": "boolean"}


def generate(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every editor schema by file name, for the data folder's tables."""
    catalog = Catalog.load(data_dir / "schemas")
    builder = _Builder(catalog, data_dir)
    return {f"{t.name}.json": builder.document(t) for t in catalog.main_tables}


def file_patterns(data_dir: Path, root: Path) -> dict[str, list[str]]:
    """For the editor settings: each schema file and the record files it checks."""
    catalog = Catalog.load(data_dir / "schemas")
    data = data_dir.resolve().relative_to(root.resolve()).as_posix()
    out: dict[str, list[str]] = {}
    for table in catalog.main_tables:
        schema = f"{data}/{EDITOR_SCHEMAS.as_posix()}/{table.name}.json"
        folder = f"{data}/{table.folder}"
        out[schema] = [f"{folder}/{table.name}.yaml"] if table.layout == "list" else [f"{folder}/*.yaml"]
    return out


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stale(data_dir: Path, root: Path) -> list[str]:
    """Generated files that are missing or differ from what the schemas give now."""
    folder = data_dir / EDITOR_SCHEMAS
    expected = {name: render(doc) for name, doc in generate(data_dir).items()}
    out = [name for name, text in expected.items() if _read(folder / name) != text]
    out += [p.name for p in sorted(folder.glob("*.json")) if p.name not in expected]
    settings = _settings(root)
    if settings.get(SETTINGS_KEY) != file_patterns(data_dir, root):
        out.append(".vscode/settings.json")
    return out


def write(data_dir: Path, root: Path) -> list[str]:
    """Write the editor schemas and the editor settings; return what changed."""
    changed = stale(data_dir, root)
    folder = data_dir / EDITOR_SCHEMAS
    folder.mkdir(parents=True, exist_ok=True)
    expected = {name: render(doc) for name, doc in generate(data_dir).items()}
    for name, text in expected.items():
        if _read(folder / name) != text:
            (folder / name).write_text(text, encoding="utf-8")
    for path in folder.glob("*.json"):
        if path.name not in expected:
            path.unlink()
    settings = _settings(root)
    settings[SETTINGS_KEY] = file_patterns(data_dir, root)
    (root / ".vscode").mkdir(exist_ok=True)
    (root / ".vscode" / "settings.json").write_text(render(settings), encoding="utf-8")
    return changed


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _settings(root: Path) -> dict[str, Any]:
    text = _read(root / ".vscode" / "settings.json")
    try:
        settings = json.loads(text) if text else {}
    except ValueError:
        settings = {}
    return settings if isinstance(settings, dict) else {}


class _Builder:
    def __init__(self, catalog: Catalog, data_dir: Path):
        self.catalog = catalog
        self.data_dir = data_dir

    def document(self, table: Table) -> dict[str, Any]:
        body = self.row(table)
        if table.layout == "list":
            body = {"type": "array", "items": body}
        return {"$schema": DRAFT, "title": table.title, "description": _description(table), **body}

    def row(self, table: Table) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for key in key_order(table):
            child = table.child_by_key.get(key)
            properties[key] = self.field(table, table.fields[key]) if child is None else self.children(child)
        if table.is_main and table.layout == "files":
            properties["id"] = {
                "type": "string",
                "title": "Identyfikator",
                "description": "Nie trzeba go wpisywać: identyfikatorem rekordu jest nazwa pliku.",
            }
        required = [name for name, f in table.own_fields.items() if f.required]
        row: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            row["required"] = required
        return row

    def children(self, child: Table) -> dict[str, Any]:
        items = self.field(child, child.fields[child.scalar], nullable=False) if child.scalar else self.row(child)
        return {"type": ["array", "null"], "title": child.title, "description": _description(child), "items": items}

    def field(self, table: Table, field: Field, nullable: bool | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"title": field.title, "description": field.description}
        allowed = self.allowed(table, field)
        if allowed:
            out["enum"] = [value for value, _ in allowed]
            out["enumDescriptions"] = [label for _, label in allowed]
            types = ["string"]
        elif field.type in _JSON_TYPES:
            types = [_JSON_TYPES[field.type]]
        else:
            types = ["string"]
            pattern = _PATTERNS.get(field.type) or _CHECK_PATTERNS.get(field.check or "")
            pattern = pattern or field.constraints.get("pattern")
            if pattern:
                out["pattern"] = pattern
            elif field.type == "string" and field.check is None:
                types.append("number")  # the validator reads every value as text
        self._limits(field, out)
        if nullable is None:
            nullable = not field.required
        if nullable:
            types.append("null")
            if "enum" in out:
                out["enum"].append(None)
                out["enumDescriptions"].append("")
        typed = {"type": types[0] if len(types) == 1 else types}
        return {"title": out.pop("title"), "description": out.pop("description"), **typed, **out}

    def allowed(self, table: Table, field: Field) -> list[tuple[str, str]]:
        if field.labels:
            return list(field.labels.items())
        target = rawdata.vocabulary_target(self.catalog, table, field.name)
        if target is None:
            return []
        return [(str(e["id"]), str(e.get("name", e["id"]))) for e in rawdata.vocabulary(self.data_dir, target)]

    def _limits(self, field: Field, out: dict[str, Any]) -> None:
        c = field.constraints
        for source, target in (("minimum", "minimum"), ("maximum", "maximum")):
            if source in c and field.type in ("integer", "number", "year"):
                out[target] = c[source]
        if field.type == "string" and "enum" not in out:
            if "maxLength" in c:
                out["maxLength"] = c["maxLength"]
            if c.get("minLength") and field.required:
                out["minLength"] = c["minLength"]
        if c.get("pattern") == SLUG_PATTERN and "enum" not in out:
            out["pattern"] = SLUG_PATTERN


def _description(table: Table) -> str:
    return table.descriptor.get("description") or table.title
