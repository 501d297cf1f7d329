"""How single values are written: exact numbers, schema formats, fixed ZIP bytes."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic.export import cells, jsontext, zipfiles
from civic.schema import Field
from civic.values import WARSAW, parse


def _field(kind: str, **descriptor) -> Field:
    return Field(name="x", type=kind, title="X", description="", descriptor={"name": "x", "type": kind, **descriptor})


def test_text_is_what_the_schema_reads_back():
    cases = [
        (_field("number"), Decimal("250000.50")),
        (_field("number"), Decimal("0.10")),
        (_field("integer"), -7),
        (_field("year"), 2026),
        (_field("date"), date(2026, 2, 28)),
        (_field("time", format="%H:%M"), time(7, 30)),
        (_field("time"), time(17, 5, 9)),
        (_field("boolean", trueValues=["tak"], falseValues=["nie"]), False),
        (_field("boolean"), True),
        (_field("string"), 'Łódź;\n„cytat”, "x"'),
    ]
    for field, value in cases:
        written = cells.text(field, value)
        assert parse(field, written) == value and type(parse(field, written)) is type(value), written
    assert cells.text(_field("number"), Decimal("250000.50")) == "250000.50"
    assert cells.text(_field("time", format="%H:%M"), time(7, 30)) == "07:30"
    assert cells.text(_field("string"), None) == ""


def test_json_numbers_are_written_digit_for_digit():
    text = jsontext.dumps({"kwota": Decimal("0.10"), "duża": Decimal("12345678901234567890.01"), "b": [True, None]})
    assert text == '{"kwota":0.10,"duża":12345678901234567890.01,"b":[true,null]}'
    assert json.loads(text, parse_float=Decimal)["duża"] == Decimal("12345678901234567890.01")
    assert json.loads(jsontext.dumps({"a": [1, {"b": "c"}]}, indent=2)) == {"a": [1, {"b": "c"}]}
    assert jsontext.dumps({"a": [Decimal("1.50")], "b": {}}, indent=2) == '{\n  "a": [\n    1.50\n  ],\n  "b": {}\n}'
    with pytest.raises(ValueError):
        jsontext.dumps({"tekst": "\x00D1\x00"})  # no text may pass for a number


def test_a_number_a_spreadsheet_cannot_hold_exactly_stays_text_with_a_warning(caplog):
    assert cells.spreadsheet_number(Decimal("51.9318"), "t.f") == 51.9318
    with caplog.at_level(logging.WARNING):
        assert cells.spreadsheet_number(Decimal("1234567890.1234567"), "t.f") == "1234567890.1234567"
    assert "t.f" in caplog.text


def test_zip_bytes_depend_only_on_the_content():
    when = datetime(2026, 3, 14, 12, 0, tzinfo=WARSAW)
    first = zipfiles.build_zip([("a.csv", b"x,y\r\n"), ("b/c.json", b"[]")], when)
    assert first == zipfiles.build_zip([("a.csv", b"x,y\r\n"), ("b/c.json", b"[]")], when)
    info = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {i.date_time for i in info} == {(2026, 3, 14, 12, 0, 0)}


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
    st.text(alphabet=st.characters(blacklist_characters="\x00")),
)


@given(st.lists(st.tuples(st.text(), _SCALARS), max_size=8, unique_by=lambda pair: pair[0]))
def test_a_flat_object_is_written_as_dumps_writes_it(pairs: list[tuple[str, object]]):
    names, values = [name for name, _ in pairs], [value for _, value in pairs]
    assert jsontext.flat_object(names)(values) == jsontext.dumps(dict(pairs))
