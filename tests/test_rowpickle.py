"""Rows kept in the cache come back as they were, attached to the catalogue they are read with."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from civic.pipeline import check_data
from civic.rowpickle import dump_rows, load_rows
from civic.schema import Catalog
from tests.conftest import SAMPLE_DATA


def test_rows_come_back_attached_to_the_catalogue_they_are_read_with():
    dataset = check_data(SAMPLE_DATA, processes=1).dataset
    rows = dataset.tables["ngos"]
    blob = dump_rows(rows)
    catalogs = [Catalog.load(SAMPLE_DATA / "schemas") for _ in range(4)]

    # Read in threads at once, each with its own catalogue: none takes another's tables.
    with ThreadPoolExecutor(4) as pool:
        read = list(pool.map(lambda catalog: (catalog, [load_rows(blob, catalog) for _ in range(20)]), catalogs))

    for catalog, copies in read:
        for copy in copies:
            assert copy == rows
            assert [(r.pos, r.places, r.where, r.invalid) for r in copy] == [
                (r.pos, r.places, r.where, r.invalid) for r in rows
            ]
            assert all(r.table is catalog["ngos"] for r in copy)
            assert all(area.table is catalog["ngo_areas"] and area.parent is r for r in copy for area in r["areas"])


def test_rows_read_without_a_catalogue_are_refused():
    """A cache read by other means than the program's is an error, never rows tied to no tables."""
    blob = dump_rows(check_data(SAMPLE_DATA, processes=1).dataset.tables["districts"])
    with pytest.raises(pickle.UnpicklingError, match="catalogue"):
        pickle.loads(blob)
