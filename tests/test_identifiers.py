"""Tests for civic.identifiers: NIP, REGON, KRS checks and PESEL detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from civic.failure import Failure
from civic.identifiers import check_krs, check_nip, check_regon, find_pesel, may_hold_pesel
from civic.load import Loader

KRS_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "krs"


def _sample_params() -> list:
    files = sorted(KRS_SAMPLES.glob("*.json")) if KRS_SAMPLES.is_dir() else []
    if not files:
        reason = f"no court-register samples (*.json) in {KRS_SAMPLES}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason))]
    params = []
    for path in files:
        extract = json.loads(path.read_text(encoding="utf-8"))["odpis"]
        ids = extract["dane"]["dzial1"]["danePodmiotu"]["identyfikatory"]
        numbers = {"krs": extract["naglowekA"]["numerKRS"], "nip": ids["nip"], "regon": ids["regon"]}
        params.append(pytest.param(numbers, id=path.stem))
    return params


SAMPLES = _sample_params()


def _substitutions(number: str, positions: range) -> list[str]:
    """Every number differing from ``number`` in one digit at one of ``positions``."""
    return [number[:i] + digit + number[i + 1 :] for i in positions for digit in "0123456789" if digit != number[i]]


# --- real numbers from the court register ------------------------------------


@pytest.mark.parametrize("numbers", SAMPLES)
def test_real_numbers_are_accepted(numbers: dict[str, str]) -> None:
    assert check_krs(numbers["krs"]) is None
    assert check_nip(numbers["nip"]) is None
    assert check_regon(numbers["regon"]) is None


@pytest.mark.parametrize("numbers", SAMPLES)
def test_first_nine_digits_of_real_14_digit_regon_are_a_valid_regon(numbers: dict[str, str]) -> None:
    regon = numbers["regon"]
    if len(regon) != 14:
        pytest.skip("the sample has a 9-digit REGON")
    assert check_regon(regon[:9]) is None


@pytest.mark.parametrize("numbers", SAMPLES)
def test_every_single_digit_change_of_real_nip_is_rejected(numbers: dict[str, str]) -> None:
    # Guaranteed: the weights 6 5 7 2 3 4 5 6 7 are all non-zero mod 11 and a
    # digit changes by 1..9, so the remainder always changes; the original
    # remainder was the check digit (not 10), so the new one is either 10
    # (invalid) or a different digit. A change of the check digit itself is
    # compared directly.
    for altered in _substitutions(numbers["nip"], range(10)):
        failure = check_nip(altered)
        assert failure is not None, altered
        assert failure.code == "nip"


@pytest.mark.parametrize("numbers", SAMPLES)
def test_swapping_neighbouring_digits_of_real_nip_is_rejected(numbers: dict[str, str]) -> None:
    # Guaranteed within the first nine digits: neighbouring weights differ by
    # a non-zero amount mod 11 (1, -2, 5, -1, -1, -1, -1, -1).
    nip = numbers["nip"]
    for i in range(8):
        if nip[i] != nip[i + 1]:
            swapped = nip[:i] + nip[i + 1] + nip[i] + nip[i + 2 :]
            assert check_nip(swapped) is not None, swapped


@pytest.mark.parametrize("numbers", SAMPLES)
def test_every_change_in_first_nine_digits_of_real_regon_is_rejected(numbers: dict[str, str]) -> None:
    # The first nine digits are checked as a 9-digit REGON (weights
    # 8 9 2 3 4 5 6 7, non-zero mod 11). The only escape is a remainder moving
    # between 0 and 10, both of which give check digit 0; with a non-zero
    # check digit every change is caught.
    regon = numbers["regon"]
    assert regon[8] != "0", "precondition of this guarantee"
    for altered in _substitutions(regon, range(9)):
        failure = check_regon(altered)
        assert failure is not None, altered
        assert failure.code == "regon"


@pytest.mark.parametrize("numbers", SAMPLES)
def test_changes_in_local_unit_part_of_real_regon_are_mostly_rejected(numbers: dict[str, str]) -> None:
    # Digits 10-14 are only covered by the 14-digit checksum. At each of the
    # positions 10-13 (weights 1 2 4 8) the nine changes move the remainder
    # to nine different values, and with check digit 0 only remainders 0 and
    # 10 pass: at most 2 of 9 slip through. At position 14 at most one new
    # digit can equal the computed check digit.
    regon = numbers["regon"]
    if len(regon) != 14:
        pytest.skip("the sample has a 9-digit REGON")
    assert regon[13] == "0", "precondition of this guarantee"
    for position in range(9, 13):
        accepted = [a for a in _substitutions(regon, range(position, position + 1)) if check_regon(a) is None]
        assert len(accepted) <= 2, accepted
    accepted = [a for a in _substitutions(regon, range(13, 14)) if check_regon(a) is None]
    assert len(accepted) <= 1, accepted


# --- NIP ---------------------------------------------------------------------


@pytest.mark.parametrize("nip", ["1234563218", "5260250274"])
def test_valid_nip(nip: str) -> None:
    # 1234563218: 1*6+2*5+3*7+4*2+5*3+6*4+3*5+2*6+1*7 = 118, 118 mod 11 = 8.
    # 5260250274: 30+10+42+0+6+20+0+12+49 = 169, 169 mod 11 = 4.
    assert check_nip(nip) is None


def test_nip_wrong_check_digit_message() -> None:
    assert check_nip("1234563210") == Failure(
        "nip",
        "NIP 1234563210 ma błędną cyfrę kontrolną: ostatnia cyfra powinna być 8, a jest 0. "
        "Sprawdź, czy numer został przepisany bez pomyłki (NIP to 10 cyfr bez kresek i spacji).",
    )


def test_nip_whose_remainder_is_10_can_never_be_valid() -> None:
    # 1*6+2*5+3*7+4*2+5*3+6*4+7*5+8*6+9*7 = 230, 230 mod 11 = 10: no last digit fits.
    for last in "0123456789":
        assert check_nip("123456789" + last) is not None
    assert check_nip("1234567890") == Failure(
        "nip",
        "NIP 1234567890 jest błędny: żaden poprawny NIP nie zaczyna się od cyfr 123456789. "
        "Sprawdź, czy numer został przepisany bez pomyłki (NIP to 10 cyfr bez kresek i spacji).",
    )


def test_nip_with_dashes_message() -> None:
    assert check_nip("123-456-32-18") == Failure(
        "nip",
        "NIP „123-456-32-18” ma zły format: zawiera kreski lub spacje. "
        "NIP to 10 cyfr — wpisz same cyfry, bez kresek i spacji. Czy chodziło o 1234563218?",
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("123 456 32 18", "zawiera kreski lub spacje"),
        ("123456321", "ma 9 cyfr"),
        ("12345632181", "ma 11 cyfr"),
        ("PL1234563218", "zawiera znak „P”, który nie jest cyfrą"),
        ("--", "nie zawiera żadnej cyfry"),
        (" 1234563218", "zawiera kreski lub spacje"),
        ("١٢٣٤٥٦٣٢١٨", "zawiera znak „١”, który nie jest cyfrą"),  # Arabic-Indic digits
    ],
)
def test_nip_format_errors(value: str, problem: str) -> None:
    failure = check_nip(value)
    assert failure is not None
    assert failure.code == "nip"
    assert f"ma zły format: {problem}." in failure.message
    assert "wpisz same cyfry, bez kresek i spacji" in failure.message


def test_empty_and_zero_nip() -> None:
    assert check_nip("") == Failure(
        "nip", "Nie wpisano numeru NIP. NIP to 10 cyfr — wpisz same cyfry, bez kresek i spacji."
    )
    # 0000000000 satisfies the checksum but is no one's NIP.
    failure = check_nip("0000000000")
    assert failure is not None and "samych zer" in failure.message


# --- REGON -------------------------------------------------------------------
# Worked by hand:
#   123456785: 1*8+2*9+3*2+4*3+5*4+6*5+7*6+8*7 = 192, 192 mod 11 = 5.
#   12345678512347: 1*2+2*4+3*8+4*5+5*0+6*9+7*7+8*3+5*6 = 211, plus
#     1*1+2*2+3*4+4*8 = 49, 260 mod 11 = 7.
#   12345678500000: 211 mod 11 = 2, so the 14-digit checksum wants 2, not 0.


@pytest.mark.parametrize("regon", ["123456785", "12345678512347", "12345678500002"])
def test_valid_regon(regon: str) -> None:
    assert check_regon(regon) is None


def test_9_digit_regon_padded_with_zeros_as_in_court_register_is_accepted() -> None:
    # The court register (KRS) writes a 9-digit REGON as 14 digits with 00000
    # appended; this fails the 14-digit checksum (it wants 2) but is accepted.
    assert check_regon("12345678500000") is None
    assert check_regon("12345678000000") is not None  # first nine digits invalid


def test_regon_wrong_check_digit_messages() -> None:
    retype = "Sprawdź, czy numer został przepisany bez pomyłki (REGON to 9 albo 14 cyfr bez kresek i spacji)."
    assert check_regon("123456780") == Failure(
        "regon", f"REGON 123456780 ma błędną cyfrę kontrolną: ostatnia cyfra powinna być 5, a jest 0. {retype}"
    )
    assert check_regon("12345678512340") == Failure(
        "regon",
        f"REGON 12345678512340 ma błędną cyfrę kontrolną: ostatnia cyfra powinna być 7, a jest 0. {retype}",
    )
    assert check_regon("12345678012347") == Failure(
        "regon",
        "REGON 12345678012347 ma błędną cyfrę kontrolną: pierwsze 9 cyfr (123456780) to osobny "
        f"numer REGON z własną cyfrą kontrolną, więc dziewiąta cyfra powinna być 5, a jest 0. {retype}",
    )


def test_regon_format_message() -> None:
    assert check_regon("123-456-785") == Failure(
        "regon",
        "REGON „123-456-785” ma zły format: zawiera kreski lub spacje. "
        "REGON to 9 albo 14 cyfr — wpisz same cyfry, bez kresek i spacji. Czy chodziło o 123456785?",
    )
    failure = check_regon("1234567851")
    assert failure is not None and "ma 10 cyfr" in failure.message
    assert check_regon("000000000") is not None


# --- KRS ---------------------------------------------------------------------


def test_krs() -> None:
    assert check_krs("0000012345") is None
    assert check_krs("0000000000") == Failure(
        "krs",
        "Numer KRS 0000000000 jest błędny: numer nie może składać się z samych zer. "
        "Wpisz 10-cyfrowy numer z Krajowego Rejestru Sądowego, razem z zerami na początku, np. 0000012345.",
    )
    assert check_krs("12345") == Failure(
        "krs",
        "Numer KRS „12345” ma zły format: ma 5 cyfr. Numer KRS to 10 cyfr razem z zerami na początku "
        "— wpisz same cyfry, bez kresek i spacji. Czy chodziło o 0000012345?",
    )
    for value in ["KRS 0000012345", "00000123456", "0000 012 345"]:
        failure = check_krs(value)
        assert failure is not None and failure.code == "krs"


# --- PESEL -------------------------------------------------------------------
# Check digits worked by hand (weights 1 3 7 9 1 3 7 9 1 3, check = (10 - sum mod 10) mod 10):
#   44051401359  1944-05-14  4+12+0+45+1+12+0+9+3+15 = 101 -> 9
#   02070803628  1902-07-08  0+6+0+63+0+24+0+27+6+6 = 132 -> 8
#   02271409867  2002-07-14  0+6+14+63+1+12+0+81+8+18 = 203 -> 7
#   99891212340  1899-09-12  9+27+56+81+1+6+7+18+3+12 = 220 -> 0
#   00222900009  2000-02-29  0+0+14+18+2+27 = 61 -> 9 (2000 is a leap year)
#   01410112347  2101-01-01  0+3+28+9+0+3+7+18+3+12 = 83 -> 7
#   50610154321  2250-01-01  5+0+42+9+0+3+35+36+3+6 = 139 -> 1
VALID_PESELS = [
    "44051401359",
    "02070803628",
    "02271409867",
    "99891212340",
    "00222900009",
    "01410112347",
    "50610154321",
]
# Correct check digits, impossible dates:
#   00022900003  1900-02-29 (1900 is not a leap year)   0+0+0+18+2+27 = 47 -> 3
#   00422900005  2100-02-29 (nor is 2100)               0+0+28+18+2+27 = 75 -> 5
#   90043100009  1990-04-31                             9+0+0+36+3+3 = 51 -> 9
#   90130100004  month 13                               9+0+7+27+0+3 = 46 -> 4
#   90010000002  day 00                                 9+0+0+9 = 18 -> 2
BAD_DATE_PESELS = ["00022900003", "00422900005", "90043100009", "90130100004", "90010000002"]


@pytest.mark.parametrize("pesel", VALID_PESELS)
def test_valid_pesel_is_found(pesel: str) -> None:
    assert find_pesel(pesel) == pesel


@pytest.mark.parametrize("pesel", BAD_DATE_PESELS)
def test_pesel_with_impossible_birth_date_is_not_found(pesel: str) -> None:
    assert find_pesel(pesel) is None


def test_pesel_with_wrong_check_digit_is_not_found() -> None:
    assert find_pesel("44051401358") is None


def test_pesel_inside_a_sentence() -> None:
    text = "Wnioskodawca: Jan Kowalski (PESEL 44051401359), zam. ul. Polna 7, 04-001 Warszawa."
    assert find_pesel(text) == "44051401359"
    assert find_pesel("nr44051401359.") == "44051401359"


def test_first_real_pesel_is_returned() -> None:
    assert find_pesel("90043100009 lub 02070803628, 44051401359") == "02070803628"


@pytest.mark.parametrize(
    "text",
    [
        "REGON 44051401359000",  # a PESEL inside a longer run of digits
        "REGON 12345678512347",
        "konto 6110901014000007121981287444051401359",
        "tel. +44051401359",  # 11 digits right after + are a phone number
        "tel. +86 44051401359",
        "tel. (+86) 44051401359",
        "tel. 0086 44051401359",
        "tel. 0048 440 514 013",
        "tel. +48 12 345 67 89 wew. 21",
        "tel. 12 345 67 89",
        "tel. 0048123456789",
        "NIP 1234563218, KRS 0000012345",
        "PESEL 440 514 013 59",  # split PESELs are not looked for
        "",
    ],
)
def test_no_pesel_found(text: str) -> None:
    assert find_pesel(text) is None


# Digits, the characters YAML joins lines with or escapes, and some Polish text.
DIGITS_AND_BREAKS = st.text(alphabet=st.sampled_from("0123456789 \n\t\\\"'-ąż\u0085\u2028"), max_size=40)


@given(
    text=st.one_of(DIGITS_AND_BREAKS, st.sampled_from(VALID_PESELS)),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    width=st.sampled_from([4, 12, 80]),
)
def test_a_source_said_to_hold_no_pesel_reads_as_no_text_with_one(text: str, style: str | None, width: int) -> None:
    source = yaml.dump({"opis": text}, default_style=style, width=width, allow_unicode=True).encode()
    value = yaml.compose(source.decode(), Loader=Loader).value[0][1].value
    if find_pesel(value) is not None:
        assert may_hold_pesel(source)


@st.composite
def double_quoted(draw: st.DrawFn) -> tuple[str, str]:
    """A text holding a PESEL, and a double-quoted YAML scalar of it whose
    characters are written as themselves, as escapes, or after a line break
    escaped with a backslash (which YAML drops with the next line's leading spaces,
    so a space is never written right after one)."""
    text = draw(st.sampled_from(["", "PESEL ", "nr "])) + draw(st.sampled_from(VALID_PESELS)) + "."
    parts = []
    for char in text:
        way = draw(st.sampled_from(["as-is", "x", "u"] if char == " " else ["as-is", "x", "u", "joined"]))
        if way == "x":
            parts.append(f"\\x{ord(char):02x}")
        elif way == "u":
            parts.append(f"\\u{ord(char):04x}")
        else:
            parts.append(("\\\n  " if way == "joined" else "") + char)
    return text, '"' + "".join(parts) + '"'


@given(written=double_quoted())
def test_a_pesel_written_with_escapes_is_looked_for(written: tuple[str, str]) -> None:
    text, scalar = written
    source = f"opis: {scalar}\n".encode()
    assert yaml.compose(source.decode(), Loader=Loader).value[0][1].value == text
    assert may_hold_pesel(source)


def test_a_source_may_hold_a_pesel_only_in_digits_or_escapes() -> None:
    assert not may_hold_pesel("opis: Wniosek złożył Jan Nowak, tel. 12 345 67 89\nnip: '1234563218'\n".encode())
    assert may_hold_pesel(b"opis: PESEL 44051401359\n")
    assert may_hold_pesel(b'opis: "PESEL 4405140\\x31359"\n')
