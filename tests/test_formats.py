"""Tests for civic.formats and the civic.checks registry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civic.checks import CHECKS
from civic.failure import Failure
from civic.formats import check_email, check_phone, check_postal_code, check_url
from civic.identifiers import find_pesel

PHONE_ADVICE = (
    "Wpisz 9 cyfr numeru, np. 12 345 67 89 albo +48 12 345 67 89; "
    "numer wewnętrzny dopisz na końcu, np. 12 345 67 89 wew. 21."
)

# --- registry ----------------------------------------------------------------

# One value each check rejects.
BAD_VALUES = {
    "nip": "1234563210",
    "regon": "123456780",
    "krs": "12345",
    "postal-code": "00950",
    "email": "sekretariat@gmina",
    "phone": "12 345 67 8",
    "url": "www.gmina.pl",
}


def test_registry_names_every_check() -> None:
    assert set(BAD_VALUES) <= set(CHECKS)


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_failure_code_is_the_check_name(name: str) -> None:
    failure = CHECKS[name](BAD_VALUES[name])
    assert isinstance(failure, Failure)
    assert failure.code == name
    assert CHECKS[name]("") is not None


def _assert_check_result(result: object) -> None:
    assert result is None or (
        isinstance(result, Failure) and result.code in CHECKS and isinstance(result.message, str) and result.message
    )


@pytest.mark.parametrize("name", sorted(CHECKS))
@given(value=st.text())
def test_checks_never_raise_on_any_text(name: str, value: str) -> None:
    _assert_check_result(CHECKS[name](value))


# Text made mostly of the characters the checks look at, to reach deeper branches.
NEAR_MISSES = st.text(alphabet=st.sampled_from("0123456789 -+().@/:,wew" + "ąż\u00a0\t"), max_size=30)


@pytest.mark.parametrize("name", sorted(CHECKS))
@given(value=NEAR_MISSES)
def test_checks_never_raise_on_near_misses(name: str, value: str) -> None:
    _assert_check_result(CHECKS[name](value))


@given(value=st.one_of(st.text(), NEAR_MISSES))
def test_find_pesel_never_raises(value: str) -> None:
    result = find_pesel(value)
    assert result is None or (len(result) == 11 and result in value)


# Phone-like text: a prefix, then digit groups of 1-12 digits (so some are
# 11 long) split by a space or a dash.
PHONE_LIKE = st.builds(
    lambda prefix, groups, sep: prefix + sep.join(groups),
    st.sampled_from(["", "+", "+48 ", "0048 ", "(+48) ", "+1 ", "+86 ", "00"]),
    st.lists(st.from_regex(r"\A[0-9]{1,12}\Z"), min_size=1, max_size=5),
    st.sampled_from([" ", "-"]),
)


@given(value=PHONE_LIKE)
def test_accepted_phone_number_never_looks_like_pesel(value: str) -> None:
    if check_phone(value) is None:
        assert find_pesel(value) is None


# --- postal code -------------------------------------------------------------


@pytest.mark.parametrize("value", ["00-950", "31-004", "99-999"])
def test_valid_postal_code(value: str) -> None:
    assert check_postal_code(value) is None


@pytest.mark.parametrize("value", ["00950", "00 950", "0-950", "00-9500", "00–950", " 00-950", "٠٠-٩٥٠", ""])
def test_invalid_postal_code(value: str) -> None:
    failure = check_postal_code(value)
    assert failure is not None and failure.code == "postal-code"
    assert "np. 00-950" in failure.message


def test_postal_code_messages() -> None:
    assert check_postal_code("0-950") == Failure(
        "postal-code",
        "Kod pocztowy „0-950” ma zły format. Kod pocztowy to dwie cyfry, kreska i trzy cyfry, np. 00-950.",
    )
    assert check_postal_code("00950") == Failure(
        "postal-code",
        "Kod pocztowy „00950” nie ma kreski. Kod pocztowy to dwie cyfry, kreska i trzy cyfry, np. 00-950.",
    )


# --- e-mail ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "sekretariat@gmina.pl",
        "jan.kowalski@ug.nowa-wies.pl",
        "bip+zapytania@um.warszawa.pl",
        "o'brien@example.com",
        "kontakt@żółw.pl",
    ],
)
def test_valid_email(value: str) -> None:
    assert check_email(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("sekretariat.gmina.pl", "nie zawiera znaku @"),
        ("a@b@gmina.pl", "zawiera więcej niż jeden znak @"),
        ("jan kowalski@gmina.pl", "zawiera spacje"),
        ("sekretariat@gmina.pl ", "zawiera spacje"),
        ("Jan <jan@gmina.pl>", "zawiera spacje"),
        ("sekretariat@gmina", "domena po znaku @ („gmina”) nie ma kropki"),
        ("sekretariat@gmina.pl.", "kończy się kropką"),
        ("jan..kowalski@gmina.pl", "zawiera dwie kropki obok siebie"),
        ("sekretariat@gmina..pl", "zawiera dwie kropki obok siebie"),
        (".jan@gmina.pl", "ma kropkę tuż przy znaku @ albo na początku"),
        ("jan.@gmina.pl", "ma kropkę tuż przy znaku @ albo na początku"),
        ("@gmina.pl", "przed znakiem @ brakuje nazwy skrzynki"),
        ("sekretariat@", "po znaku @ brakuje domeny"),
        ("urząd@gmina.pl", "przed znakiem @ zawiera niedozwolony znak „ą”"),
        ("jan,kowalski@gmina.pl", "przed znakiem @ zawiera niedozwolony znak „,”"),
        ("sekretariat@gmina_.pl", "domena po znaku @ może zawierać tylko litery, cyfry, kropki i kreski"),
        ("sekretariat@-gmina.pl", "domena po znaku @ może zawierać tylko litery, cyfry, kropki i kreski"),
        ("sekretariat@10.0.0.1", "nie może kończyć się samymi cyframi"),
    ],
)
def test_invalid_email(value: str, problem: str) -> None:
    failure = check_email(value)
    assert failure is not None and failure.code == "email"
    assert problem in failure.message


def test_email_message() -> None:
    assert check_email("sekretariat@gmina") == Failure(
        "email",
        "Adres e-mail „sekretariat@gmina” jest niepoprawny: domena po znaku @ („gmina”) nie ma kropki, "
        "a powinna wyglądać np. tak: gmina.pl. "
        "Wpisz jeden adres w postaci nazwa@domena.pl, np. sekretariat@gmina.pl.",
    )


# --- phone -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "+48 12 345 67 89",
        "12 345 67 89",
        "123 456 789",
        "123-456-789",
        "123456789",
        "(12) 345 67 89",
        "(12)345-67-89",
        "12 345 67 89 wew. 21",
        "12 345 67 89, wew. 21",
        "12 345 67 89 wewn. 21",
        "12 345 67 89 w. 21",
        "+48123456789",
        "(+48) 12 345 67 89",
        "0048 12 345 67 89",
        "+48 (12) 345 67 89",
        "12\u00a0345\u00a067\u00a089",  # non-breaking spaces pasted from a document
        "800 123 456",
        "112",
        "986",
        "19115",
        "19 115",
        "116 111",
        "+49 30 1234567",
        "+420 123 456 789",
        "+1 202 555 0123",
    ],
)
def test_valid_phone(value: str) -> None:
    assert check_phone(value) is None
    assert find_pesel(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("12 345 67 8", "ma 8 cyfr, a polski numer ma 9 cyfr"),
        ("12 345 67 890", "ma 10 cyfr, a polski numer ma 9 cyfr"),
        ("+48 12 345 67 8", "po numerze kierunkowym kraju ma 8 cyfr"),
        ("1234", "krótsze są tylko numery alarmowe i informacyjne"),
        ("345 67 89", "ma 7 cyfr"),
        ("012 345 67 89", "zaczyna się od 0 — numer kierunkowy wpisz bez zera"),
        ("(0-12) 345 67 89", "zaczyna się od 0 — numer kierunkowy wpisz bez zera"),
        ("023 456 789", "zaczyna się od 0"),
        ("+48 023 456 789", "polski numer nie może zaczynać się od 0"),
        ("12/345 67 89", "zawiera znak „/”"),
        ("tel. 12 345 67 89", "zawiera znak „t”"),
        ("12 345 67 89, 12 345 67 90", "wygląda na kilka numerów"),
        ("12--345-67-89", "w złym miejscu"),
        ("12 345 67 89 +", "w złym miejscu"),
        ("(12 345 67 89", "w złym miejscu"),
        ("0049 30 1234567", "numer zagraniczny wpisz z + zamiast 00"),
        ("+49 301", "numer zagraniczny ma 5 cyfr"),
        ("+49 30 1234 5678 9012", "numer zagraniczny ma 16 cyfr"),
        ("+0 12345678", "nie może zaczynać się od 0"),
        ("44051401359", "ma 11 cyfr"),
        # 15 digits: a valid foreign length, but the last 11 are a valid PESEL
        ("+1 202 44051401359", "wyglądają jak numer PESEL"),
    ],
)
def test_invalid_phone(value: str, problem: str) -> None:
    failure = check_phone(value)
    assert failure is not None and failure.code == "phone"
    assert problem in failure.message
    assert failure.message.endswith(PHONE_ADVICE)


def test_phone_messages() -> None:
    assert check_phone("12 345 67 8") == Failure(
        "phone", f"Numer telefonu „12 345 67 8” jest niepoprawny: ma 8 cyfr, a polski numer ma 9 cyfr. {PHONE_ADVICE}"
    )
    assert check_phone(" ") == Failure("phone", f"Nie wpisano numeru telefonu. {PHONE_ADVICE}")


# --- url ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "https://www.gmina.pl",
        "https://bip.gmina.pl/artykul/123?strona=2#tresc",
        "http://gmina.pl",
        "HTTPS://WWW.GMINA.PL/",
        "http://localhost:8000/podglad",
        "https://192.168.0.10/",
        "https://żółw.pl",
    ],
)
def test_valid_url(value: str) -> None:
    assert check_url(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("www.gmina.pl", "brakuje https:// na początku"),
        ("https:/www.gmina.pl", "brakuje https:// na początku"),
        ("ftp://gmina.pl", "zaczyna się od ftp://"),
        ("https://gmina", "nazwa strony „gmina” nie ma kropki"),
        ("https://", "po https:// brakuje nazwy strony"),
        ("https://www.gmina.pl/ogłoszenia 2024", "zawiera spacje"),
        ("https://www..gmina.pl", "może zawierać tylko litery"),
        ("https://gmina.pl:99999", "numer portu"),
        ("http://[::1", "numer portu"),
    ],
)
def test_invalid_url(value: str, problem: str) -> None:
    failure = check_url(value)
    assert failure is not None and failure.code == "url"
    assert problem in failure.message
    assert "powinien zaczynać się od https://" in failure.message


def test_url_message() -> None:
    assert check_url("www.gmina.pl") == Failure(
        "url",
        "Adres strony „www.gmina.pl” jest niepoprawny: brakuje https:// na początku. "
        "Adres strony powinien zaczynać się od https://, np. https://www.gmina.pl.",
    )


def test_long_value_is_shortened_in_message() -> None:
    failure = check_url("x" * 500)
    assert failure is not None
    assert "„" + "x" * 40 + "…”" in failure.message
