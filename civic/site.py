"""What templates need to show records: URLs, labels, links between records."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from civic import text
from civic.dataset import Dataset
from civic.rows import Row
from civic.schema import Field, Table

DEFAULT_URLS: dict[str, dict[str, str]] = {
    "districts": {"record": "dzielnice/{id}/", "index": "dzielnice/"},
    "office_units": {"record": "urzad/{id}/", "index": "urzad/"},
    "consultations": {"record": "konsultacje/{id}/", "index": "konsultacje/"},
    "budget_editions": {"record": "budzet-obywatelski/{id}/", "index": "budzet-obywatelski/"},
    "budget_projects": {"record": "budzet-obywatelski/{edition}/{id}/", "index": "budzet-obywatelski/projekty/"},
    "ngos": {"record": "organizacje/{id}/", "index": "organizacje/"},
    "grants": {"record": "dotacje/{id}/", "index": "dotacje/"},
    "funded_projects": {"record": "projekty/{id}/", "index": "projekty/"},
}


class Site:
    """The records as templates see them, with the site's URL scheme."""

    def __init__(self, dataset: Dataset, urls: dict[str, dict[str, str]], siteurl: str = ""):
        self.dataset = dataset
        self.urls = urls
        self.siteurl = siteurl.rstrip("/")
        self._links = {t.name: _single_links(t) for t in dataset.catalog}

    @property
    def kinds(self) -> list[Table]:
        return [t for t in self.dataset.kinds() if t.name in self.urls]

    def records(self, table: str) -> list[Row]:
        return self.dataset.rows(table)

    def url(self, row: Row) -> str:
        return self.urls[row.table.name]["record"].format(**row)

    def index_url(self, table: Table | str) -> str:
        name = table if isinstance(table, str) else table.name
        return self.urls[name]["index"]

    def href(self, row: Row) -> str:
        """The address of a record's page as a link on the site."""
        return f"{self.siteurl}/{self.url(row)}"

    def index_href(self, table: Table | str) -> str:
        return f"{self.siteurl}/{self.index_url(table)}"

    def target(self, row: Row, name: str) -> Row | None:
        """The record a reference field points at (a page or a vocabulary entry)."""
        table = self._links[row.table.name].get(name)
        if table is None or row.get(name) is None:
            return None
        return self.dataset.records(table).get(row[name])

    def title(self, row: Row) -> str:
        for name in ("title", "name"):
            if row.get(name):
                return str(row[name])
        return str(row.get("id", ""))

    def value(self, row: Row, field: Field) -> Markup | str:
        """A field's value as it reads on a page."""
        value = row.get(field.name)
        if value is None:
            return ""
        target = self.target(row, field.name)
        if target is not None and target.table.name in self.urls:
            return Markup('<a href="{}">{}</a>').format(self.href(target), self.title(target))
        if target is not None:
            return self.title(target)
        if field.labels:
            return field.labels.get(str(value), str(value))
        return show(field, value)


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
    return text.number(value) if isinstance(value, (int, Decimal)) else str(value)


def _single_links(table: Table) -> dict[str, str]:
    """Fields that alone refer to another main table's record."""
    return {fk.fields[0]: fk.table for fk in table.foreign_keys if len(fk.fields) == 1 and fk is not table.parent_link}
