"""List filters: each record's values are worked out once for all records alike, with the same result."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from civic import facets
from civic.pipeline import check_data
from civic.site import DEFAULT_URLS, Site
from tests.conftest import SAMPLE_DATA


def _shown(site: Site, table: str) -> tuple[list, list]:
    records = site.sort(site.records(table))
    found = facets.facet_groups(site, table, records)
    groups = [
        (facet.key, [(value.slug, value.label, [r["id"] for r in value.records]) for value in values])
        for facet, values in found
    ]
    return groups, [str(found.attrs(record)) for record in records]


@pytest.mark.parametrize("table", sorted(facets.FACETS))
def test_records_alike_get_the_values_each_would_get_alone(table: str, monkeypatch: pytest.MonkeyPatch):
    site = Site(check_data(SAMPLE_DATA).dataset, dict(DEFAULT_URLS), today=date(2026, 11, 22))
    once = _shown(site, table)
    alone = {name: [dataclasses.replace(f, made_from=None) for f in kind] for name, kind in facets.FACETS.items()}
    monkeypatch.setattr(facets, "FACETS", alone)

    assert _shown(site, table) == once
    groups, _ = once
    assert all(values for _, values in groups)
    assert any(len(ids) > 1 for _, values in groups for _, _, ids in values)  # some records are alike
