from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic.pabulib import PbError, PbFile, read_pb, read_pb_file, split_list, write_pb

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pabulib"
WARSZAWA = "Poland_Warszawa_2023_Rembertow.pb"
WROCLAW = "Poland_Wroclaw_2018_Rejon_nr_2_250.pb"
SAMPLE_NAMES = (WARSZAWA, WROCLAW)


def sample_path(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample {name} not found in {SAMPLES} (shared/ must sit beside the repo)")
    return path


MINIMAL = "META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost;name\n1;50;Park\n"


# --- the real samples --------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_sizes_match_meta(name: str) -> None:
    pb = read_pb_file(sample_path(name))
    assert len(pb.projects) == int(pb.meta["num_projects"])
    assert len(pb.votes) == int(pb.meta["num_votes"])


def test_warszawa_sample_fields() -> None:
    pb = read_pb_file(sample_path(WARSZAWA))
    assert list(pb.meta)[:3] == ["description", "country", "unit"]
    assert pb.meta["rule"] == "greedy"
    assert pb.meta["budget"] == "1011308"
    assert pb.meta["district"] == "Rembertów"
    assert list(pb.projects[0]) == [
        "project_id", "cost", "votes", "name", "category",
        "beneficiaries", "selected", "latitude", "longitude",
    ]  # fmt: skip
    assert pb.projects[0]["name"] == "Zagospodarowanie Górki przy ul. Strażackiej"
    assert pb.projects[-1]["project_id"] == "1692"
    assert pb.votes[0] == {
        "voter_id": "63",
        "vote": "209,393,470,782,839,849,874,950,1147,1257,1384,1569,1692,1899,1910",
        "age": "38",
        "sex": "F",
        "voting_method": "internet",
    }


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_counting_votes_reproduces_votes_column(name: str) -> None:
    pb = read_pb_file(sample_path(name))
    counted = Counter(pid for vote in pb.votes for pid in split_list(vote["vote"]))
    assert set(counted) <= {p["project_id"] for p in pb.projects}
    assert {p["project_id"]: int(p["votes"]) for p in pb.projects} == {
        p["project_id"]: counted[p["project_id"]] for p in pb.projects
    }


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_votes_can_be_skipped(name: str) -> None:
    path = sample_path(name)
    full = read_pb_file(path)
    light = read_pb_file(path, votes=False)
    assert light == PbFile(full.meta, full.projects, [])
    assert read_pb(path.read_text(encoding="utf-8"), votes=False) == light


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_round_trip(name: str) -> None:
    pb = read_pb_file(sample_path(name))
    written = write_pb(pb)
    assert "\r" not in written
    assert '"' not in written  # nothing in the samples needs quoting
    assert read_pb(written) == pb
    assert write_pb(read_pb(written)) == written


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_line_endings_and_bom_do_not_matter(name: str, tmp_path: Path) -> None:
    raw = sample_path(name).read_bytes().decode("utf-8")
    assert "\r\n" in raw  # the samples use CRLF
    lf = raw.replace("\r\n", "\n")
    expected = read_pb(raw)
    assert read_pb(lf) == expected
    assert read_pb("\ufeff" + lf) == expected
    bom_file = tmp_path / "bom.pb"
    bom_file.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    assert read_pb_file(bom_file) == expected


# --- quoting -----------------------------------------------------------------


def test_name_with_semicolon_and_quote_round_trips() -> None:
    name = 'Park "Zielony; Dolny" przy ul. Długiej'
    pb = PbFile(
        meta={"description": 'Budżet; edycja "9"', "budget": "100"},
        projects=[{"project_id": "1", "cost": "50", "name": name}],
        votes=[{"voter_id": "a", "vote": "1"}],
    )
    written = write_pb(pb)
    assert '1;50;"Park ""Zielony; Dolny"" przy ul. Długiej"\n' in written
    assert "budget;100\n" in written  # unquoted where not needed
    assert read_pb(written) == pb


def test_quoted_cells_are_read() -> None:
    text = MINIMAL.replace("1;50;Park", '1;"50";"a;b ""c"" d"\r\n"2";7;"multi\nline"')
    pb = read_pb(text)
    assert pb.projects == [
        {"project_id": "1", "cost": "50", "name": 'a;b "c" d'},
        {"project_id": "2", "cost": "7", "name": "multi\nline"},
    ]


def test_lowercase_section_names_and_blank_lines_are_accepted() -> None:
    text = "\nmeta\nkey;value\n\nbudget;1\n\nprojects\nproject_id;cost\n1;2\n\n"
    assert read_pb(text) == PbFile({"budget": "1"}, [{"project_id": "1", "cost": "2"}], [])


def test_empty_sections() -> None:
    pb = read_pb("META\nkey;value\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")
    assert pb == PbFile()
    assert read_pb(write_pb(pb)) == pb


def test_writer_rejects_inconsistent_rows() -> None:
    with pytest.raises(ValueError, match="columns differ"):
        write_pb(PbFile(projects=[{"project_id": "1", "cost": "1"}, {"project_id": "2"}]))
    with pytest.raises(ValueError, match="missing required"):
        write_pb(PbFile(projects=[{"project_id": "1"}]))
    with pytest.raises(ValueError, match="duplicate id"):
        write_pb(PbFile(projects=[{"project_id": "1", "cost": "1"}] * 2))


# --- errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "brak sekcji META"),
        ("META\nkey;value\nbudget;1\n", 3, "brak sekcji PROJECTS"),
        ("budget;1\nMETA\n", 1, "musi zaczynać się od linii META"),
        ("PROJECTS\nproject_id;cost\n", 1, "oczekiwano sekcji META"),
        (
            MINIMAL + "2;60\n",
            7,
            "wiersz ma 2 pola, a nagłówek sekcji PROJECTS ma 3 kolumny",
        ),
        (
            MINIMAL.replace("budget;100", "budget;100;x"),
            3,
            "wiersz ma 3 pola, a nagłówek sekcji META ma 2 kolumny",
        ),
        (MINIMAL + "EXTRAS\nx;y\n", 7, "nieznana sekcja „EXTRAS”"),
        (MINIMAL + "META\n", 7, "sekcja META występuje drugi raz"),
        ("META\nkey;value\nVOTES\nvoter_id;vote\n", 3, "oczekiwano sekcji PROJECTS"),
        ("META\nPROJECTS\n", 2, "sekcja META nie ma wiersza nagłówka"),
        (MINIMAL + "VOTES\n", 7, "sekcja VOTES nie ma wiersza nagłówka"),
        ("META\nkey;value;x\n", 2, "dwie kolumny"),
        ("META\nkey;value\nPROJECTS\nproject_id;name\n", 4, "brakuje kolumny „cost”"),
        (
            "META\nkey;value\nPROJECTS\nproject_id;cost;cost\n",
            4,
            "kolumna „cost” powtarza",
        ),
        (MINIMAL + "1;60;Skwer\n", 7, "identyfikator „1” powtarza się"),
        (
            MINIMAL.replace("budget;100", "budget;1\nbudget;2"),
            4,
            "klucz „budget” powtarza",
        ),
        (MINIMAL + '2;60;"Skwer\n', 7, "niezamknięty cudzysłów"),
        (MINIMAL + '2;60;"Skwer"x\n', 7, "po cudzysłowie zamykającym"),
    ],
)
def test_malformed_input(text: str, line: int, fragment: str) -> None:
    with pytest.raises(PbError) as info:
        read_pb(text)
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"linia {line}: ")


def test_crlf_line_numbers() -> None:
    with pytest.raises(PbError) as info:
        read_pb(MINIMAL.replace("\n", "\r\n") + "2;60\r\n")
    assert info.value.line == 7


def test_skipped_votes_are_not_parsed() -> None:
    text = MINIMAL + 'VOTES\nvoter_id;vote\nbroken;"row\n'
    assert read_pb(text, votes=False).projects[0]["name"] == "Park"
    with pytest.raises(PbError):
        read_pb(text)


def test_bad_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.pb"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode() + b"2;60;Sk\xb3wer\r\n")
    with pytest.raises(PbError) as info:
        read_pb_file(path)
    assert info.value.line == 7
    assert "UTF-8" in info.value.message


def test_large_votes_section() -> None:
    rows = "".join(f"{i};1\n" for i in range(100_000))
    pb = read_pb(MINIMAL + "VOTES\nvoter_id;vote\n" + rows)
    assert len(pb.votes) == 100_000
    assert pb.votes[-1] == {"voter_id": "99999", "vote": "1"}


# --- properties --------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "META", "PROJECTS", "VOTES", "OTHER", "meta", "key;value", "project_id;cost",
        "voter_id;vote", "project_id", "1;2", "1;2;3", "a", ";", '"', '""', ",",
        "\n", "\r\n", "\r", " ", "\ufeff", "\x00", "ó",
    ]
)  # fmt: skip
PB_LIKE = st.lists(FRAGMENTS, max_size=40).map("".join)


def assert_parses_or_pb_error(text: str) -> None:
    try:
        pb = read_pb(text)
    except PbError as exc:
        assert exc.line >= 1
        assert exc.message
        return
    assert read_pb(write_pb(pb)) == pb


@settings(max_examples=400)
@given(st.text())
def test_any_text_parses_or_raises_pb_error(text: str) -> None:
    assert_parses_or_pb_error(text)


@settings(max_examples=400)
@given(PB_LIKE)
def test_pb_like_text_parses_or_raises_pb_error(text: str) -> None:
    assert_parses_or_pb_error(text)


CELL = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
EXTRA_COLUMNS = st.lists(CELL, max_size=3, unique=True).map(
    lambda names: [n for n in names if n not in ("project_id", "cost", "voter_id", "vote")]
)


@st.composite
def sections(draw: st.DrawFn, required: tuple[str, str]) -> list[dict[str, str]]:
    columns = [*required, *draw(EXTRA_COLUMNS)]
    ids = draw(st.lists(CELL, max_size=4, unique=True))
    return [{c: ident if c == required[0] else draw(CELL) for c in columns} for ident in ids]


@settings(max_examples=300)
@given(
    st.dictionaries(CELL, CELL, max_size=4),
    sections(("project_id", "cost")),
    sections(("voter_id", "vote")),
)
def test_written_files_read_back_equal(
    meta: dict[str, str], projects: list[dict[str, str]], votes: list[dict[str, str]]
) -> None:
    pb = PbFile(meta, projects, votes)
    written = write_pb(pb)
    assert read_pb(written) == pb
