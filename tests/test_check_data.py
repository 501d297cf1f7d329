"""The data check reads a city's files on every core: what it finds must not depend on which core read what."""

from __future__ import annotations

import re
from pathlib import Path

from civic.pipeline import Checked, check_data
from civic.rows import Row
from civic.synthetic import synthesize
from tests.conftest import SAMPLE_DATA


def _rows(checked: Checked) -> list[tuple]:
    def shape(row: Row) -> tuple:
        children = [shape(child) for key in row.table.child_by_key for child in row.get(key, ())]
        own = {key: value for key, value in row.items() if key not in row.table.child_by_key}
        return (row.table.name, row.pos, row.where, own, row.places, row.invalid, children)

    dataset = checked.dataset
    return [shape(row) for table in dataset.catalog.main_tables for row in dataset.tables[table.name]]


def test_a_city_read_on_two_cores_is_read_as_on_one(tmp_path: Path):
    city = tmp_path / "city"
    synthesize(SAMPLE_DATA, city, 1_500)
    ngos = sorted((city / "ngos").glob("*.yaml"))
    for bad in ngos[::50]:  # spread over the chunks, so that both processes meet some
        text = re.sub(r"^opp: \w+$", "opp: może", bad.read_text(encoding="utf-8"), flags=re.MULTILINE)
        bad.write_text(text, encoding="utf-8")

    one, two = check_data(city, processes=1), check_data(city, processes=2)

    assert [str(p) for p in two.problems.sorted()] == [str(p) for p in one.problems.sorted()]
    assert sum(p.code == "type-boolean" for p in one.problems.sorted()) == len(ngos[::50])
    assert _rows(two) == _rows(one)
    assert all(row.table is two.dataset.catalog[row.table.name] for row in two.dataset.tables["ngos"])
