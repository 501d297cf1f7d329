"""Polish text of every problem, by code: the catalogue staff read.

A message says what is wrong and what is allowed. Templates take named
parameters; a few messages are built by a function where the wording
depends on them.
"""

from __future__ import annotations

from collections.abc import Callable

_SLUG_RULE = "małe litery bez polskich znaków, cyfry i pojedyncze myślniki"


def _number(value: str, hint: str) -> str:
    if hint == "comma":
        return (
            f"„{value}” to nie liczba w zapisie danych: separatorem dziesiętnym jest kropka, "
            "a cyfr nie rozdziela się spacjami, np. 1250.50"
        )
    return f"„{value}” nie jest liczbą; wpisz same cyfry, z kropką przed częścią ułamkową, np. 1250.50"


def _foreign_key(value: str, target: str, suggestion: str, allowed: str) -> str:
    text = f"„{value}” nie istnieje w tabeli „{target}”"
    if suggestion:
        text += f" — czy chodziło o „{suggestion}”?"
    if allowed:
        text += f" Dozwolone: {allowed}"
    return text + "."


def _unknown(key: str, suggestion: str, allowed: str) -> str:
    text = f"nieznane pole „{key}”"
    if suggestion:
        text += f" — czy chodziło o „{suggestion}”?"
    return text + f" Dozwolone pola: {allowed}."


def _enum(value: str, suggestion: str, allowed: str) -> str:
    text = f"„{value}” nie jest dozwoloną wartością"
    if suggestion:
        text += f" — czy chodziło o „{suggestion}”?"
    return text + f" Dozwolone: {allowed}."


MESSAGES: dict[str, str | Callable[..., str]] = {
    # reading files
    "yaml-syntax": "błąd składni YAML: {detail}",
    "yaml-encoding": "plik nie jest zapisany w kodowaniu UTF-8; zapisz go ponownie jako UTF-8",
    "yaml-empty": "plik jest pusty; rekord to pola w postaci „nazwa: wartość”, po jednym w wierszu",
    "yaml-documents": "plik zawiera więcej niż jeden dokument YAML (linia „---”); jeden plik to jeden rekord",
    "yaml-alias": "odwołania YAML (&kotwica i *odwołanie) do list i zestawów pól nie są obsługiwane; "
    "wpisz wartości wprost",
    "file-name": "nazwa pliku „{name}” nie może być identyfikatorem rekordu: dozwolone są "
    + _SLUG_RULE
    + ", a plik ma rozszerzenie .yaml, np. „{suggestion}.yaml”",
    "unreadable-file": "nie można odczytać pliku ({detail}); nie zostałby sprawdzony ani opublikowany — "
    "sprawdź, czy plik istnieje i czy wolno go czytać",
    "unreadable-folder": "nie można odczytać folderu ({detail}); jego pliki nie zostałyby sprawdzone ani "
    "opublikowane — sprawdź, czy folder istnieje i czy wolno go czytać",
    "unknown-folder": "ten plik nie należy do żadnego rodzaju rekordów i nie zostałby opublikowany; "
    "przenieś go do jednego z folderów: {folders}",
    # shape
    "not-mapping": "oczekiwano pól w postaci „nazwa: wartość”, a jest {found}",
    "not-list": "„{key}” to lista: każdą pozycję zacznij w nowym wierszu od „- ”",
    "not-scalar": "pole przyjmuje jedną wartość (tekst, liczbę lub datę), a jest {found}",
    "bad-key": "nazwa pola musi być zwykłym tekstem, np. „tytul: …”",
    "duplicate-key": "pole „{key}” występuje po raz drugi (pierwszy raz w wierszu {first}); "
    "zostaw jedno — inaczej obowiązywałaby tylko ostatnia wartość",
    "unknown-field": _unknown,
    "id-mismatch": "pole id ma wartość „{value}”, a nazwa pliku to „{id}”: identyfikatorem rekordu "
    "jest nazwa pliku — usuń pole id albo popraw je",
    "empty-text": 'pole „{field}” ma pusty tekst (""); usuń to pole albo wpisz wartość',
    "control-character": "tekst zawiera niewidoczny znak sterujący {char}; usuń go (dozwolone są zwykłe znaki, "
    "tabulator i koniec wiersza)",
    "required": "brak wymaganego pola „{field}” ({title}): {description}",
    "empty": "pole „{field}” ({title}) jest wymagane i nie może być puste: {description}",
    # values
    "type-integer": "„{value}” nie jest liczbą całkowitą; wpisz same cyfry, bez spacji, np. 1250",
    "type-number": _number,
    "type-boolean": "„{value}” nie jest wartością tak/nie; wpisz {true} (tak) albo {false} (nie)",
    "type-date": "„{value}” nie jest datą; wpisz datę w postaci RRRR-MM-DD, np. 2025-03-14",
    "date-month": "„{value}” nie jest datą: nie ma miesiąca {month}; miesiąc to liczba od 01 do 12",
    "date-day": "„{value}” nie jest datą: {month_name} {year} r. ma {days} dni",
    "type-time": "„{value}” nie jest godziną; wpisz godzinę w postaci G:MM lub GG:MM, np. 7:30 lub 15:45",
    "type-datetime": "„{value}” nie jest datą z godziną; wpisz ją w postaci RRRR-MM-DDTGG:MM, np. 2025-03-14T17:30",
    "type-year": "„{value}” nie jest rokiem; wpisz rok czterema cyframi, np. 2025",
    "enum": _enum,
    "slug": "„{value}” nie może być kodem: dozwolone są " + _SLUG_RULE + ", np. „{suggestion}”",
    "pattern": "„{value}” nie ma wymaganej postaci (wyrażenie regularne {pattern})",
    "minimum": "{value} to za mało: najmniejsza dozwolona wartość to {limit}",
    "maximum": "{value} to za dużo: największa dozwolona wartość to {limit}",
    "min-length": "tekst jest za krótki ({length} zn.): wymagane co najmniej {limit} zn.",
    "max-length": "tekst jest za długi ({length} zn.): dozwolone najwyżej {limit} zn.; skróć go",
    "money": "kwota „{value}” ma więcej niż dwie cyfry po kropce; kwoty podaje się w złotych "
    "z dokładnością do grosza, np. 1250.50 (jeśli kropka oddziela tysiące, usuń ją)",
    "pesel": "tekst zawiera numer wyglądający na PESEL ({masked}); numerów PESEL nie publikuje się — usuń go",
    # one record
    "consent": "pole „{field}” ({title}) to dane osoby prywatnej, a nie ma zgody na ich publikację: "
    "jeśli zgoda jest zapisana, dodaj „{consent}: true”, w przeciwnym razie usuń te dane",
    "order": "{noun} w polu „{later_title}” ({later}) jest {relation} niż w polu „{earlier_title}” ({earlier}), "
    "a musi być taka sama lub {allowed}; popraw jedną z nich",
    "required-if": "pole „{field}” ({title}) jest wymagane, gdy {condition}",
    "value-if": "pole „{field}” ({title}) musi mieć wartość {expected}, gdy {condition}",
    "together": "pola {fields} podaje się razem; brakuje: {missing}",
    # across records
    "duplicate-id": "identyfikator „{value}” jest już użyty: {other}; każdy rekord musi mieć własny identyfikator",
    "duplicate-value": "wartość „{value}” pola „{field}” powtarza się — jest już w {other}",
    "foreign-key": _foreign_key,
    "self-reference": "rekord nie może wskazywać sam na siebie w polu „{field}”",
    "pool-sum": "suma pul obszarów ({total}) nie równa się puli edycji ({pool}); różnica: {difference}",
    "winner-mismatch": "projekt ma „selected: {stated}”, a według zasady {rule} {expected}: {reason}",
    "winner-ineligible": "projekt ma „selected: true”, ale nie mógł zostać wybrany: {reason}",
    # parts of the winner messages
    "expected-selected": "powinien zostać wybrany",
    "expected-not-selected": "nie powinien zostać wybrany",
    "reason-fits": "był {rank}. w kolejności głosów ({votes}) i jego koszt {cost} mieścił się "
    "w kwocie, która pozostała w puli ({remaining})",
    "reason-does-not-fit": "był {rank}. w kolejności głosów ({votes}), ale jego koszt {cost} przekraczał "
    "kwotę, która pozostała w puli ({remaining})",
    "reason-after-stop": "był {rank}. w kolejności głosów ({votes}), a liczenie zakończyło się wcześniej "
    "na projekcie, który nie zmieścił się w puli",
    "reason-below-threshold": "dostał {votes} głosów, mniej niż próg {min_votes}",
    "reason-verification": "wynik weryfikacji to „{verification}”, a wybrane mogą być tylko projekty "
    "zweryfikowane pozytywnie",
    "reason-no-votes": "nie ma wpisanej liczby głosów",
}


def message(code: str, **params: object) -> str:
    """The Polish message for ``code`` with its parameters filled in."""
    template = MESSAGES[code]
    if callable(template):
        return template(**params)
    return template.format(**params)
