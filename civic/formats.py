"""Checks for contact details: postal code, e-mail, phone number, web address.

Same style as :mod:`civic.identifiers`: each ``check_*`` takes the value as
typed and returns ``None`` when it is good or a ``Failure`` with a Polish
message for office staff.

Phone numbers (``check_phone``), as a municipality site lists them:

* Polish numbers: 9 digits, optionally after ``+48``, ``(+48)`` or ``0048``,
  in groups split by single spaces or dashes, the area code optionally in
  parentheses: ``12 345 67 89``, ``123 456 789``, ``123-456-789``,
  ``(12) 345 67 89``, ``+48 12 345 67 89``, ``+48123456789``. The old trunk
  zero (``012 345 67 89``, ``(0-12) ...``) is rejected: it is not dialled.
* An extension at the end, after a space or comma: ``wew. 21``, ``wewn. 21``
  or ``w. 21`` (1 to 5 digits).
* Short numbers, only in the ranges Poland uses for them: ``112`` and
  ``9xx`` (emergency and municipal services: 997, 986...), ``19xxx`` (city
  information lines: 19115), ``116xxx`` (EU helplines: 116 111) and
  ``118xxx`` (directory enquiries). Any other 3-6 digits are rejected:
  they are almost always a number with digits missing.
* Foreign numbers: ``+`` and a country code other than 48, 8 to 15 digits in
  all (the international limit). ``00`` instead of ``+`` is accepted only
  for ``0048``: one way of writing foreign numbers is enough.
* A number that :func:`civic.identifiers.find_pesel` would take for a PESEL
  is rejected, so a published phone number never looks like personal data.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from civic.failure import Failure
from civic.identifiers import digits_pl, find_pesel, quoted

__all__ = ["check_email", "check_phone", "check_postal_code", "check_url"]

_POSTAL_CODE = re.compile(r"[0-9]{2}-[0-9]{3}")

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+")
# Letters (also Polish), digits and inner hyphens; no underscore.
_DOMAIN_LABEL = re.compile(r"(?!-)(?:[^\W_]|-)+(?<!-)")

_WHITESPACE = re.compile(r"\s+")
# Any whitespace character: the same ones as str.isspace(), found without a Python loop.
_SPACE = re.compile(r"\s")
_EXTENSION = re.compile(r"(?:,\s*|\s+)(?:wewn?\.?|w\.)\s*[0-9]{1,5}$", re.IGNORECASE)
_PHONE_GROUP = r"(?:[0-9]+|\([0-9]+\))"
# Optional "+" or "(+48)" prefix, then digit groups split by a space, a dash or
# " - " (nothing is needed after a closing parenthesis).
_PHONE_SHAPE = re.compile(rf"(?:\+(?=[0-9])|\(\+[0-9]{{1,3}}\) ?)?{_PHONE_GROUP}(?:(?: - | |-|(?<=\))){_PHONE_GROUP})*")
_PHONE_CHARS = re.compile(r"[0-9 ()+\-]")
_TRUNK_ZERO = re.compile(r"\(?0(?!0)")
_SERVICE_NUMBER = re.compile(r"112|9[0-9]{2}|19[0-9]{3}|11[68][0-9]{3}")
_PHONE_ADVICE = (
    "Wpisz 9 cyfr numeru, np. 12 345 67 89 albo +48 12 345 67 89; "
    "numer wewnętrzny dopisz na końcu, np. 12 345 67 89 wew. 21."
)


def _shown(char: str) -> str:
    """One character as quoted in a message; invisible ones by their code."""
    return f"„{char}”" if char.isprintable() else f"„U+{ord(char):04X}”"


def check_postal_code(value: str) -> Failure | None:
    """Check a Polish postal code: ``NN-NNN``."""
    if _POSTAL_CODE.fullmatch(value):
        return None
    rule = "Kod pocztowy to dwie cyfry, kreska i trzy cyfry, np. 00-950."
    if not value.strip():
        return Failure("postal-code", f"Nie wpisano kodu pocztowego. {rule}")
    if re.fullmatch(r"[0-9]{5}", value):
        return Failure("postal-code", f"Kod pocztowy {quoted(value)} nie ma kreski. {rule}")
    return Failure("postal-code", f"Kod pocztowy {quoted(value)} ma zły format. {rule}")


def _email_problem(value: str) -> str | None:
    if _SPACE.search(value):
        return "zawiera spacje"
    if value.count("@") != 1:
        return "nie zawiera znaku @" if "@" not in value else "zawiera więcej niż jeden znak @"
    local, domain = value.split("@")
    if not local:
        return "przed znakiem @ brakuje nazwy skrzynki"
    if not domain:
        return "po znaku @ brakuje domeny, np. gmina.pl"
    if ".." in value:
        return "zawiera dwie kropki obok siebie"
    if value.endswith("."):
        return "kończy się kropką"
    if local.startswith(".") or local.endswith(".") or domain.startswith("."):
        return "ma kropkę tuż przy znaku @ albo na początku"
    if not _EMAIL_LOCAL.fullmatch(local):
        char = next(c for c in local if not _EMAIL_LOCAL.fullmatch(c))
        return f"przed znakiem @ zawiera niedozwolony znak {_shown(char)}"
    if "." not in domain:
        return f"domena po znaku @ ({quoted(domain)}) nie ma kropki, a powinna wyglądać np. tak: gmina.pl"
    labels = domain.split(".")
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return "domena po znaku @ może zawierać tylko litery, cyfry, kropki i kreski"
    if labels[-1].isdigit():
        return f"domena po znaku @ nie może kończyć się samymi cyframi ({quoted(labels[-1])})"
    return None


def check_email(value: str) -> Failure | None:
    """Check an e-mail address, practically: what staff mistype, not all of RFC 5322.

    The part before ``@`` must be ASCII (a Polish letter there is almost
    always a typo and many mail servers refuse it); the domain may have
    Polish letters (``żółw.pl`` is a real domain name).
    """
    advice = "Wpisz jeden adres w postaci nazwa@domena.pl, np. sekretariat@gmina.pl."
    if not value.strip():
        return Failure("email", f"Nie wpisano adresu e-mail. {advice}")
    problem = _email_problem(value)
    if problem is None:
        return None
    return Failure("email", f"Adres e-mail {quoted(value)} jest niepoprawny: {problem}. {advice}")


def _national_problem(national: str, after_prefix: bool) -> str | None:
    if len(national) == 9 and national[0] != "0":
        return None
    if len(national) == 9:
        return "polski numer nie może zaczynać się od 0"
    where = "po numerze kierunkowym kraju " if after_prefix else ""
    problem = f"{where}ma {digits_pl(len(national))}, a polski numer ma 9 cyfr"
    if not after_prefix and 3 <= len(national) <= 6:
        problem += " (krótsze są tylko numery alarmowe i informacyjne, np. 112, 986, 19115, 116 111)"
    return problem


def _phone_problem(number: str) -> str | None:
    if "," in number or ";" in number:
        return "wygląda na kilka numerów, a w polu wpisuje się jeden"
    if _TRUNK_ZERO.match(number):
        return "zaczyna się od 0 — numer kierunkowy wpisz bez zera, np. 12 345 67 89 zamiast 012 345 67 89"
    if not _PHONE_SHAPE.fullmatch(number):
        char = next((c for c in number if not _PHONE_CHARS.fullmatch(c)), None)
        if char is not None:
            return f"zawiera znak {_shown(char)}, którego nie może być w numerze telefonu"
        return "ma znak +, nawias, spację lub kreskę w złym miejscu"
    digits = re.sub(r"[^0-9]", "", number)
    if number.startswith(("+", "(+")):
        if digits.startswith("48"):
            return _national_problem(digits[2:], after_prefix=True)
        if digits.startswith("0"):
            return "numer kierunkowy kraju po znaku + nie może zaczynać się od 0"
        if not 8 <= len(digits) <= 15:
            return (
                f"numer zagraniczny ma {digits_pl(len(digits))}, a razem z numerem kierunkowym kraju "
                "powinien mieć od 8 do 15 cyfr"
            )
        return None
    if digits.startswith("0048"):
        return _national_problem(digits[4:], after_prefix=True)
    if digits.startswith("00"):
        return "numer zagraniczny wpisz z + zamiast 00 na początku, np. +49 30 1234567"
    if "(" not in number and _SERVICE_NUMBER.fullmatch(digits):
        return None
    return _national_problem(digits, after_prefix=False)


def check_phone(value: str) -> Failure | None:
    """Check a phone number as staff write it; the module doc lists what is accepted."""
    text = _WHITESPACE.sub(" ", value).strip()
    if not text:
        return Failure("phone", f"Nie wpisano numeru telefonu. {_PHONE_ADVICE}")
    problem = _phone_problem(_EXTENSION.sub("", text))
    if problem is None and find_pesel(value) is not None:
        problem = "cyfry zapisane razem wyglądają jak numer PESEL — rozdziel je spacjami jak w przykładzie"
    if problem is None:
        return None
    return Failure("phone", f"Numer telefonu {quoted(value)} jest niepoprawny: {problem}. {_PHONE_ADVICE}")


def _url_problem(value: str) -> str | None:
    if _SPACE.search(value):
        return "zawiera spacje"
    scheme, sep, _ = value.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        if sep and scheme.isalpha() and len(scheme) <= 10:
            return f"zaczyna się od {scheme}://, a adres strony musi zaczynać się od https:// lub http://"
        return "brakuje https:// na początku"
    try:
        parts = urlsplit(value)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a bad port
    except ValueError:
        return "ma błędną nazwę serwera albo numer portu"
    if not host:
        return "po https:// brakuje nazwy strony, np. www.gmina.pl"
    if host != "localhost" and "." not in host:
        return f"nazwa strony {quoted(host)} nie ma kropki, a powinna wyglądać np. tak: www.gmina.pl"
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in host.split(".")):
        return f"nazwa strony {quoted(host)} może zawierać tylko litery, cyfry, kropki (nie dwie obok siebie) i kreski"
    return None


def check_url(value: str) -> Failure | None:
    """Check a web address: absolute http(s), a host with a dot or localhost."""
    advice = "Adres strony powinien zaczynać się od https://, np. https://www.gmina.pl."
    if not value.strip():
        return Failure("url", f"Nie wpisano adresu strony. {advice}")
    problem = _url_problem(value)
    if problem is None:
        return None
    return Failure("url", f"Adres strony {quoted(value)} jest niepoprawny: {problem}. {advice}")
