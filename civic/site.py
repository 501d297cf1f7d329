"""What templates need to show records: URLs, labels, links between records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from string import Formatter
from typing import Any

from markupsafe import Markup, escape

from civic import deps, text
from civic.collation import sorted_by
from civic.dataset import Dataset
from civic.facets import FACETS, Facet
from civic.related import Related
from civic.rows import Row
from civic.schema import Field, Table
from civic.status import CONSULTATION_STATUSES, consultation_status

DEFAULT_URLS: dict[str, dict[str, str]] = {
    "districts": {"record": "dzielnice/{id}/", "index": "dzielnice/"},
    "office_units": {"record": "urzad/{id}/", "index": "urzad/"},
    "consultations": {"record": "konsultacje/{id}/", "index": "konsultacje/"},
    "budget_editions": {"record": "budzet-obywatelski/{id}/", "index": "budzet-obywatelski/"},
    "budget_projects": {"record": "budzet-obywatelski/{edition}/{id}/", "index": "budzet-obywatelski/realizacja/"},
    "ngos": {"record": "organizacje/{id}/", "index": "organizacje/"},
    "grants": {"record": "dotacje/{id}/", "index": "dotacje/"},
    "funded_projects": {"record": "projekty/{id}/", "index": "projekty/"},
}


class Site:
    """The records as templates see them, with the site's URL scheme."""

    def __init__(
        self,
        dataset: Dataset,
        urls: dict[str, dict[str, str]],
        siteurl: str = "",
        today: date | None = None,
        changes: dict[Path, datetime] | None = None,
        repository: str = "",
        branch: str = "main",
        lang: str = "pl",
    ):
        self.dataset = dataset
        self.urls = urls
        self.siteurl = siteurl.rstrip("/")
        self.today = today or date.today()
        self.changes = changes or {}
        self.repository = repository.rstrip("/")
        self.branch = branch
        self.lang = lang
        self.related = Related(dataset)
        self._links = {t.name: _single_links(t) for t in dataset.catalog}
        self._repo_root = _repo_root(dataset.data_dir)
        self._data_root = dataset.data_dir.resolve()

    # -- records and addresses -------------------------------------------

    @property
    def kinds(self) -> list[Table]:
        return [t for t in self.dataset.kinds() if t.name in self.urls]

    def table(self, name: str) -> Table:
        return self.dataset.catalog[name]

    def records(self, table: str) -> list[Row]:
        return self.dataset.rows(table)

    def record(self, table: str, record_id: str) -> Row | None:
        return self.dataset.record(table, record_id)

    def url(self, row: Row) -> str:
        # format_map reads the row as it is; format(**row) would copy its every field first.
        return self.urls[row.table.name]["record"].format_map(row)

    def index_url(self, table: Table | str) -> str:
        name = table if isinstance(table, str) else table.name
        return self.urls[name]["index"]

    def year_url(self, table: Table | str, year: int) -> str:
        """The address of a list's records of one year (the grants of 2024: ``dotacje/rok/2024/``)."""
        return f"{self.index_url(table)}rok/{year}/"

    def href(self, row: Row) -> str:
        """The address of a record's page as a link on the site."""
        return f"{self.siteurl}/{self.url(row)}"

    def index_href(self, table: Table | str) -> str:
        return f"{self.siteurl}/{self.index_url(table)}"

    def target(self, row: Row, name: str) -> Row | None:
        """The record a reference field points at (a page or a vocabulary entry)."""
        table = self._reference(row, name)
        return self.dataset.record(table, row[name]) if table else None

    def link_target(self, row: Row, name: str) -> Row | None:
        """Like :meth:`target`, for showing only the target's name and address (a link)."""
        table = self._reference(row, name)
        return self._linked(table, row[name]) if table else None

    def target_title(self, row: Row, name: str) -> str:
        """The name of the record a reference field points at."""
        return self.title(self.link_target(row, name))

    def record_title(self, table: str, record_id: str) -> str:
        """The name of a record, by its id."""
        return self.title(self._linked(table, record_id))

    def _reference(self, row: Row, name: str) -> str | None:
        """The table a filled-in reference field of ``row`` points into."""
        table = self._links[row.table.name].get(name)
        return table if table is not None and row.get(name) is not None else None

    def _linked(self, table: str, record_id: Any) -> Row | None:
        """A record whose name and address only are shown: the page depends on those alone."""
        deps.use(deps.name_token(table, record_id))
        return self.dataset.records(table).get(record_id)

    def name_fields(self, table: Table) -> tuple[str, ...]:
        """What a link to a record of ``table`` shows: its name (or short name, as the grant list
        shows an NGO's), and the fields its address is made of."""
        pattern = self.urls.get(table.name, {}).get("record", "")
        in_address = tuple(name for _, name, _, _ in Formatter().parse(pattern) if name)
        return ("id", "title", "name", "short_name", *in_address)

    def filter_values(self, row: Row) -> tuple[Any, ...]:
        """The filter values a record is listed under (see :mod:`civic.facets`)."""
        return tuple(tuple(slug for slug, _ in facet.values(self, row)) for facet in self.facets(row.table.name))

    def title(self, row: Row | None) -> str:
        if row is None:
            return ""
        for name in ("title", "name"):
            if row.get(name):
                return str(row[name])
        return str(row.get("id", ""))

    def sort(self, rows: list[Row], key: str = "title") -> list[Row]:
        """Rows in Polish alphabetical order of a text field."""
        if key == "title":
            return sorted_by(rows, self.title, self.lang)
        return sorted_by(rows, lambda r: r.get(key), self.lang)

    # -- values -----------------------------------------------------------

    def value(self, row: Row, field: Field) -> Markup | str:
        """A field's value as it reads on a page."""
        value = row.get(field.name)
        if value is None or not field.public:
            return ""
        target = self.link_target(row, field.name)
        if target is not None and target.table.name in self.urls:
            return Markup('<a href="{}">{}</a>').format(self.href(target), self.title(target))
        if target is not None:
            return self.title(target)
        if field.labels:
            return field.labels.get(str(value), str(value))
        return show(field, value)

    def fields(self, row: Row, names: Iterable[str]) -> Markup:
        """A definition list of the named fields that have a value, labelled from the schema.

        Written here rather than as a template loop: every record page shows
        several, so this is one of the build's innermost loops."""
        fields = row.table.fields
        items = []
        for name in names:
            field = fields[name]
            value = row.get(name)
            if value is None or value == "" or not field.public:
                continue
            title, shown = escape(field.title), escape(self.value(row, field))
            items.append(f"\n  <div>\n    <dt>{title}</dt>\n    <dd>{shown}</dd>\n  </div>")
        if not items:
            return Markup("")
        return Markup(f'\n<dl class="fields">{"".join(items)}\n</dl>')

    def label(self, table: str, field: str, value: Any) -> str:
        """The Polish label of an allowed value (``positive`` → ``pozytywna``)."""
        return self.table(table).fields[field].labels.get(str(value), str(value))

    # -- time -------------------------------------------------------------

    def status(self, consultation: Row) -> str:
        return consultation_status(consultation, self.today)

    def status_label(self, status: str) -> str:
        return CONSULTATION_STATUSES[status]

    def days_until(self, day: date) -> int:
        return (day - self.today).days

    # -- facets -------------------------------------------------------------

    def facets(self, table: Table | str) -> list[Facet]:
        return FACETS.get(table if isinstance(table, str) else table.name, [])

    # -- provenance ---------------------------------------------------------

    def source(self, row: Row) -> Path | None:
        return self.dataset.source(row.main())

    def last_changed(self, row: Row) -> datetime | None:
        path = self.source(row)
        return self.changes.get(self._resolved(path)) if path else None

    def _resolved(self, path: Path) -> Path:
        """A record file's absolute path, without asking the file system for every page."""
        try:
            return self._data_root / path.relative_to(self.dataset.data_dir)
        except ValueError:
            return path.resolve()

    def source_links(self, row: Row) -> dict[str, str]:
        """Links to the record's file history and edit form in the repository."""
        path = self.source(row)
        if not self.repository or path is None or self._repo_root is None:
            return {}
        try:
            rel = self._resolved(path).relative_to(self._repo_root).as_posix()
        except ValueError:
            return {}
        return {
            "history": f"{self.repository}/commits/{self.branch}/{rel}",
            "edit": f"{self.repository}/edit/{self.branch}/{rel}",
        }


def show(field: Field, value: Any) -> Markup | str:
    if field.markdown:
        return text.markdown(value)
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if field.check == "money" and isinstance(value, Decimal):
        return text.money(value)
    if isinstance(value, (date, datetime)):
        return text.polish_date(value)
    if isinstance(value, time):
        return text.polish_time(value)
    if field.check == "url":
        return Markup('<a href="{0}">{0}</a>').format(value)
    if field.check == "email":
        return Markup('<a href="mailto:{0}">{0}</a>').format(value)
    if field.check == "phone":
        return Markup('<a href="tel:{0}">{1}</a>').format(text.tel(value), value)
    return text.number(value) if isinstance(value, (int, Decimal)) else str(value)


def _single_links(table: Table) -> dict[str, str]:
    """Fields that alone refer to another main table's record."""
    return {fk.fields[0]: fk.table for fk in table.foreign_keys if len(fk.fields) == 1 and fk is not table.parent_link}


def _repo_root(folder: Path) -> Path | None:
    for parent in [folder.resolve(), *folder.resolve().parents]:
        if (parent / ".git").exists():
            return parent
    return None
