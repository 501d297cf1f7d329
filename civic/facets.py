"""Filters for list pages: one page per value, so they work without JavaScript.

A facet names a property of a record and gives, for each record, the values
it has (a consultation has one status; an NGO may work in several areas).
The list page carries every record's values as data attributes, which the
site's small script uses to filter in place; the per-value pages are the
same lists, pre-filtered, for readers without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from civic.collation import sorted_by
from civic.i18n import N_
from civic.rows import Row
from civic.slugs import slugify
from civic.status import CONSULTATION_STATUSES, consultation_status

if TYPE_CHECKING:
    from civic.site import Site

Values = Callable[["Site", "Row"], list[tuple[str, str]]]


@dataclass(frozen=True)
class Facet:
    key: str  # URL segment, e.g. "status"
    title: str  # message id, translated where shown
    values: Values  # (slug, label) pairs of one record
    made_from: Callable[[Row], Hashable] | None = None
    """What a record's values are made from, besides the site: records alike in it have the same
    values, worked out once (a city's 20,000 NGOs are in a few dozen districts)."""


def _status(site: Site, row: Row) -> list[tuple[str, str]]:
    status = consultation_status(row, site.today)
    return [(status, CONSULTATION_STATUSES[status])]


def _year(site: Site, row: Row) -> list[tuple[str, str]]:
    return [(str(row["opens"].year), str(row["opens"].year))]


def _reference(field: str) -> Values:
    def values(site: Site, row: Row) -> list[tuple[str, str]]:
        target = site.link_target(row, field)
        return [(row[field], site.title(target))] if target is not None else []

    return values


def _children(key: str, field: str) -> Values:
    def values(site: Site, row: Row) -> list[tuple[str, str]]:
        out = []
        for child in row.get(key, []):
            target = site.link_target(child, field)
            if target is not None:
                out.append((child[field], site.title(target)))
        return out

    return values


def _opp(site: Site, row: Row) -> list[tuple[str, str]]:
    if row.get("opp"):
        return [("tak", N_("public-benefit organisation (OPP)"))]
    return [("nie", N_("without public-benefit status"))]


def _field(field: str) -> Callable[[Row], Hashable]:
    return lambda row: row.get(field)


def _child_fields(key: str, field: str) -> Callable[[Row], Hashable]:
    return lambda row: tuple(child.get(field) for child in row.get(key, ()))


FACETS: dict[str, list[Facet]] = {
    "consultations": [
        Facet("status", N_("Status"), _status),
        Facet("rok", N_("Year"), _year),
        Facet("organizator", N_("Organising unit"), _reference("organizer"), _field("organizer")),
        Facet("dzielnica", N_("District"), _children("districts", "district"), _child_fields("districts", "district")),
    ],
    "ngos": [
        Facet("sfera", N_("Area of public benefit"), _children("areas", "area"), _child_fields("areas", "area")),
        Facet("dzielnica", N_("District"), _reference("district"), _field("district")),
        Facet("forma", N_("Legal form"), _reference("legal_form"), _field("legal_form")),
        Facet("opp", N_("Public-benefit status"), _opp, lambda row: bool(row.get("opp"))),
    ],
}


@lru_cache(maxsize=4096)
def facet_slug(value: str) -> str:
    """A value's URL segment (the same few values come back for thousands of records)."""
    return slugify(value) or "brak"


@dataclass
class FacetValue:
    slug: str
    label: str
    records: list[Row]


class Facets:
    """A kind's facets with their values, and each record's values as data attributes.

    Computed in one pass over the records; every list page reuses it, so no
    page recomputes the values of the records it lists.
    """

    def __init__(self, groups: list[tuple[Facet, list[FacetValue]]], attrs: dict[int, Markup]):
        self.groups = groups
        self._attrs = attrs

    def __bool__(self) -> bool:
        return bool(self.groups)

    def __iter__(self):
        return iter(self.groups)

    def attrs(self, record: Row) -> Markup:
        """`` data-<facet>="v1 v2"`` for each facet, for the in-page filter."""
        return self._attrs.get(id(record), Markup(""))


def facet_groups(site: Site, table: str, records: list[Row]) -> Facets:
    """For each facet of the table, its values with the records that have them (one pass)."""
    facets = FACETS.get(table, [])
    values: list[dict[str, FacetValue]] = [{} for _ in facets]
    alike: list[dict[Hashable, _RecordValues]] = [{} for _ in facets]
    attrs: dict[int, Markup] = {}
    markups: dict[tuple[str, ...], Markup] = {}  # records alike in every facet share their attributes
    for row in records:
        parts = []
        for facet, found, seen in zip(facets, values, alike, strict=True):
            made_from = facet.made_from(row) if facet.made_from is not None else _UNIQUE
            own = seen.get(made_from) if made_from is not _UNIQUE else None
            if own is None:
                own = _record_values(site, facet, row, found)
                if made_from is not _UNIQUE:
                    seen[made_from] = own
            for value in own.values:
                value.records.append(row)
            parts.append(own.attribute)
        combined = tuple(parts)
        markup = markups.get(combined)
        if markup is None:
            markup = markups[combined] = Markup("".join(combined))
        attrs[id(row)] = markup
    groups = [
        (facet, sorted_by(found.values(), lambda v: v.label, site.lang))
        for facet, found in zip(facets, values, strict=True)
    ]
    return Facets(groups, attrs)


_UNIQUE = object()
"""Stands for what a record's values are made from when the facet does not say."""


@dataclass(frozen=True)
class _RecordValues:
    values: list[FacetValue]  # the facet's values the record has, each listing the records that have it
    attribute: str  # `` data-<facet>="slug slug"``


def _record_values(site: Site, facet: Facet, row: Row, found: dict[str, FacetValue]) -> _RecordValues:
    """A record's values of one facet, each taken from ``found`` (the facet's values so far, by slug)
    or added to it, labelled as the first record that has it labels it."""
    values = []
    for raw, label in facet.values(site, row):
        slug = facet_slug(raw)
        value = found.get(slug)
        if value is None:
            value = found[slug] = FacetValue(slug, label, [])
        values.append(value)
    slugs = " ".join(value.slug for value in values)
    return _RecordValues(values, f' data-{facet.key}="{escape(slugs)}"')
