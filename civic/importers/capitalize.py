"""Names written in capitals (as registers keep them) in normal Polish capitalisation.

``"DĘBICKI KLUB KYOKUSHIN KARATE"`` → ``Dębicki Klub Kyokushin Karate``;
``"ECHO" - FUNDACJA POMOCY NIEPEŁNOSPRAWNYM`` → ``„Echo” - Fundacja Pomocy Niepełnosprawnym``.

The rules, as Polish spelling has them for names of organisations:

* every word starts with a capital letter (each part of ``Bielsko-Biała``
  too), except conjunctions, prepositions and abbreviations such as
  ``im.``, ``św.``, ``ks.`` inside the name (``Stowarzyszenie na rzecz
  Rozwoju Wsi``, ``Ochotnicza Straż Pożarna w Borkach``); the first word
  is always capitalised;
* Roman numerals (``II``, ``XXI``) and acronyms stay in capitals: a known
  acronym (``PTTK``, ``AZS``) or a word with no vowel (``KS``, ``UKS``);
* a name the register wraps whole in quotes loses them; quotes inside a
  name become Polish quotes „…”;
* legal-form words at the end (``spółka z ograniczoną odpowiedzialnością``)
  are lower case.
"""

from __future__ import annotations

import re

_CONJUNCTIONS = "i oraz lub albo a ani czy"
_PREPOSITIONS = "w we z ze na do dla od po przy pod nad przed za o u ku bez przez między rzecz"
_ABBREVIATIONS = "im. św. ks. bł. ds. dz. sp. o.o. z.o.o. al. ul. pl. os. nr nr."
LOWER = frozenset(f"{_CONJUNCTIONS} {_PREPOSITIONS} {_ABBREVIATIONS}".split(" "))
_KNOWN_ACRONYMS = (
    "AZS OSP UKS KS MKS LKS GKS KGW PTTK PTSM ZHP ZHR PCK TPD PZW WOPR GOPR LOK ZNP RP UE EU "
    "SP ZOZ SPZOZ PKPS MOPS GOPS CIS KIS ZAZ WTZ NGO OPP"
)
ACRONYMS = frozenset(_KNOWN_ACRONYMS.split(" "))
LOWER_PHRASES = (
    "spółka z ograniczoną odpowiedzialnością",
    "spółka akcyjna",
    "w likwidacji",
)
_ROMAN = re.compile(r"(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_VOWELS = set("aąeęioóuyAĄEĘIOÓUY")
_TOKEN = re.compile(r"[\w.]+|[^\w.]+")


def polish_name(text: str) -> str:
    """A name from a register in normal capitalisation, quotes made Polish."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and text.count('"') == 2:
        text = text[1:-1].strip()
    return _polish_quotes(title_case(text))


def title_case(text: str) -> str:
    """Capitalise each word by the rules above (the text may be in any case)."""
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    first = True
    for token in tokens:
        if not re.match(r"\w", token):
            out.append(token)
            continue
        out.append(_word(token, first))
        first = False
    result = "".join(out)
    for phrase in LOWER_PHRASES:
        result = re.sub(rf"(?<=\S )({re.escape(phrase)})\b", phrase, result, flags=re.IGNORECASE)
    return result


def _word(word: str, first: bool) -> str:
    lower = word.lower()
    upper = word.upper()
    if len(word) > 1 and _ROMAN.fullmatch(upper):
        return upper
    if upper.rstrip(".") in ACRONYMS:
        return upper
    if not first and lower in LOWER:
        return lower
    if len(word) > 1 and not any(c in _VOWELS for c in word) and word.isupper() and not word.endswith("."):
        return word
    return "-".join(part[:1].upper() + part[1:].lower() for part in lower.split("-"))


def _polish_quotes(text: str) -> str:
    """Pairs of straight double quotes → „…”."""
    parts = text.split('"')
    if len(parts) % 2 == 0:  # an odd number of quotes: leave them
        return text
    return "".join(part if i % 2 == 0 else f"„{part}”" for i, part in enumerate(parts))
