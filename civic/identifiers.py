"""Polish registry numbers: NIP, REGON and KRS checks, PESEL detection.

Every ``check_*`` function takes the value exactly as typed and returns
``None`` when it is good or a :class:`~civic.failure.Failure` saying, in
Polish, what is wrong and what is allowed. Values are not cleaned up: a NIP
with dashes fails, with a message showing the digits to type instead.

REGON from the court register (KRS): the register writes a 9-digit REGON
as 14 digits by appending ``00000`` (e.g. ``69169049800000``). Such a number
is not a 14-digit REGON of a local unit and often fails the 14-digit
checksum, so it is accepted when its first 9 digits are a valid REGON.

``find_pesel`` looks for a personal number (PESEL) in free text, so that
records about private persons are not published by mistake.
"""

from __future__ import annotations

import re
from datetime import date

from civic.failure import Failure
from civic.plural import plural

__all__ = ["check_krs", "check_nip", "check_regon", "find_pesel", "may_hold_pesel"]

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# PESEL month offset -> first year of the century of birth.
_PESEL_CENTURIES = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}
_KRS_PADDING = "00000"

# ASCII digits only: str.isdigit() also accepts "²" or Arabic-Indic digits.
_DIGITS = re.compile(r"[0-9]+")
# What staff put between digit groups: spaces (also non-breaking) and dashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]")
# 11 digits that are not part of a longer run of digits.
_PESEL_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{11}(?![0-9])")
# An international dialling prefix right before a digit group: "+48", "+86 ",
# "0086 ", "(+86) ". Digits after it are a phone number, not a PESEL.
_PHONE_PREFIX = re.compile(r"(?:\+|\(\+?[0-9]{1,3}\)\s?|(?:\+|(?<![0-9])00)[1-9][0-9]{0,2}[\s\-])$")
# Marks a text's UTF-8 bytes: "1" for an ASCII digit, "0" for any other byte. No other character's
# encoding has a digit byte, so 11 digits in a row in the text are 11 "1"s in a row in the marks.
_DIGIT_MARKS = bytes(0x31 if 0x30 <= b <= 0x39 else 0x30 for b in range(256))
_ELEVEN_DIGITS = b"1" * 11


def digits_pl(count: int) -> str:
    """A count of digits as the object of "ma": ``1 cyfrę``, ``3 cyfry``, ``12 cyfr``."""
    return f"{count} {plural(count, 'cyfrę', 'cyfry', 'cyfr')}"


def quoted(value: str, limit: int = 40) -> str:
    """A value as shown inside a message: in Polish quotes, cut if long."""
    shown = value if len(value) <= limit else value[:limit] + "…"
    return f"„{shown}”"


def _is_digits(value: str) -> bool:
    return _DIGITS.fullmatch(value) is not None


def _remainder(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def _regon9_check_digit(digits: str) -> int:
    return _remainder(digits, _REGON9_WEIGHTS) % 10


def _format_failure(
    code: str, label: str, genitive: str, value: str, lengths: tuple[int, ...], rule: str
) -> Failure | None:
    """A Failure for a value that is not just digits of an allowed length, else None.

    ``rule`` is the sentence saying what is allowed, without the final stop.
    """
    advice = f"{rule} — wpisz same cyfry, bez kresek i spacji."
    if not value.strip():
        return Failure(code, f"Nie wpisano {genitive}. {advice}")
    bare = _SEPARATORS.sub("", value)
    if _is_digits(value):
        if len(value) in lengths:
            return None
        problem = f"ma {digits_pl(len(value))}"
        if code == "krs" and len(value) < 10:
            advice += f" Czy chodziło o {value.zfill(10)}?"
    elif _is_digits(bare):
        problem = "zawiera kreski lub spacje"
        if len(bare) in lengths:
            advice += f" Czy chodziło o {bare}?"
    elif not bare:
        problem = "nie zawiera żadnej cyfry"
    else:
        char = next(c for c in bare if not "0" <= c <= "9")
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        problem = f"zawiera znak „{shown}”, który nie jest cyfrą"
    return Failure(code, f"{label} {quoted(value)} ma zły format: {problem}. {advice}")


def check_nip(value: str) -> Failure | None:
    """Check a NIP (tax number): 10 digits, the last one a checksum."""
    rule = "NIP to 10 cyfr"
    failure = _format_failure("nip", "NIP", "numeru NIP", value, (10,), rule)
    if failure is not None:
        return failure
    retype = f"Sprawdź, czy numer został przepisany bez pomyłki ({rule} bez kresek i spacji)."
    if set(value) == {"0"}:
        return Failure("nip", f"NIP {value} jest błędny: numer nie może składać się z samych zer. {retype}")
    remainder = _remainder(value, _NIP_WEIGHTS)
    if remainder == 10:
        return Failure(
            "nip",
            f"NIP {value} jest błędny: żaden poprawny NIP nie zaczyna się od cyfr {value[:9]}. {retype}",
        )
    if remainder != int(value[9]):
        return Failure(
            "nip",
            f"NIP {value} ma błędną cyfrę kontrolną: ostatnia cyfra powinna być {remainder}, "
            f"a jest {value[9]}. {retype}",
        )
    return None


def check_regon(value: str) -> Failure | None:
    """Check a REGON: 9 digits, or 14 digits for a local unit; see the module doc."""
    rule = "REGON to 9 albo 14 cyfr"
    failure = _format_failure("regon", "REGON", "numeru REGON", value, (9, 14), rule)
    if failure is not None:
        return failure
    retype = f"Sprawdź, czy numer został przepisany bez pomyłki ({rule} bez kresek i spacji)."
    if set(value) == {"0"}:
        return Failure("regon", f"REGON {value} jest błędny: numer nie może składać się z samych zer. {retype}")
    expected = _regon9_check_digit(value[:8])
    if expected != int(value[8]):
        if len(value) == 9:
            what = f"ostatnia cyfra powinna być {expected}, a jest {value[8]}"
        else:
            what = (
                f"pierwsze 9 cyfr ({value[:9]}) to osobny numer REGON z własną cyfrą kontrolną, "
                f"więc dziewiąta cyfra powinna być {expected}, a jest {value[8]}"
            )
        return Failure("regon", f"REGON {value} ma błędną cyfrę kontrolną: {what}. {retype}")
    if len(value) == 9 or value[9:] == _KRS_PADDING:
        return None
    expected = _remainder(value, _REGON14_WEIGHTS) % 10
    if expected != int(value[13]):
        return Failure(
            "regon",
            f"REGON {value} ma błędną cyfrę kontrolną: ostatnia cyfra powinna być {expected}, "
            f"a jest {value[13]}. {retype}",
        )
    return None


def check_krs(value: str) -> Failure | None:
    """Check a KRS number: 10 digits with leading zeros; it has no checksum."""
    rule = "Numer KRS to 10 cyfr razem z zerami na początku"
    failure = _format_failure("krs", "Numer KRS", "numeru KRS", value, (10,), rule)
    if failure is not None:
        return failure
    if set(value) == {"0"}:
        return Failure(
            "krs",
            f"Numer KRS {value} jest błędny: numer nie może składać się z samych zer. "
            "Wpisz 10-cyfrowy numer z Krajowego Rejestru Sądowego, razem z zerami na początku, "
            "np. 0000012345.",
        )
    return None


def _pesel_date(digits: str) -> date | None:
    """The birth date encoded in a PESEL, or None if it is not a real date."""
    month_code = int(digits[2:4])
    century = _PESEL_CENTURIES.get(month_code // 20 * 20)
    if century is None:
        return None
    try:
        return date(century + int(digits[0:2]), month_code % 20, int(digits[4:6]))
    except ValueError:  # month 0 or 13-19, day out of range for the month
        return None


def _is_pesel(digits: str) -> bool:
    check = (10 - sum(int(d) * w for d, w in zip(digits, _PESEL_WEIGHTS, strict=False)) % 10) % 10
    return check == int(digits[10]) and _pesel_date(digits) is not None


def may_hold_pesel(source: bytes) -> bool:
    """Whether any text read from this UTF-8 YAML source could hold a PESEL.

    Not if the source has no 11 digits in a row and no backslash. YAML makes
    a value's characters from the source's, and where it joins lines it puts
    a space or a line break between them; only a double-quoted escape can
    make a digit or join two lines without one, and every escape begins with
    a backslash. A city's records are checked file by file this way at a
    fraction of the cost of checking each of their texts."""
    return b"\\" in source or source.translate(_DIGIT_MARKS).find(_ELEVEN_DIGITS) >= 0


def find_pesel(text: str) -> str | None:
    """The first PESEL-like number in ``text``, or None.

    A match is 11 digits in a row, not part of a longer run of digits, with
    a valid check digit and birth date. Digits right after an international
    dialling prefix (``+48123456789``, ``+86 13812345678``, ``0086 ...``) are
    a phone number and are skipped. PESELs split by spaces or dashes are not
    looked for.
    """
    # Most texts have no 11 digits in a row; a byte translation and a substring search tell so at a
    # fraction of the cost of the candidate regex (find, as "in" on bytes first tries the needle as an int).
    if len(text) < 11 or text.encode("utf-8", "surrogatepass").translate(_DIGIT_MARKS).find(_ELEVEN_DIGITS) < 0:
        return None
    for match in _PESEL_CANDIDATE.finditer(text):
        if _PHONE_PREFIX.search(text, max(0, match.start() - 10), match.start()):
            continue
        if _is_pesel(match.group()):
            return match.group()
    return None
