"""Reading YAML files into nodes that keep every value as text, with its place.

``yaml.compose`` with the base loader gives the document tree without
resolving any type: ``7:30``, ``no`` and ``2024-02-30`` all stay text, and
every node carries the line and column where it starts. The C loader is
used where PyYAML was built with it.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from civic.problems import Position, Problems

_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The base loader, with its tag resolution in one lookup.

    The base resolver knows no implicit types and no path rules, so every
    untagged node gets its kind's default tag; its general code, called once
    per value, took a fifth of the time to compose a record."""

    def resolve(self, kind: type[Node], value: object, implicit: object) -> str:
        return _TAGS[kind]


# Plain (unquoted) scalars that YAML means as "no value".
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


# Makes a Position without the named tuple's Python-level __new__: a record has one per value.
_new_position = tuple.__new__


def position(path: str, node: Node) -> Position:
    mark = node.start_mark
    return _new_position(Position, (path, mark.line + 1, mark.column + 1))


def read_yaml(path: Path, shown: str, where: str, problems: Problems) -> Node | None:
    """The document node of one YAML file, or None after reporting why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(Position(shown), where, "unreadable-file", detail=exc.strerror or str(exc))
        return None
    return parse_yaml(raw, shown, where, problems)


def parse_yaml(raw: bytes, shown: str, where: str, problems: Problems) -> Node | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(Position(shown, line, 1), where, "yaml-encoding")
        return None
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.composer.ComposerError as exc:
        if "single document" in f"{exc.context} {exc.problem}":
            problems.add(_mark(shown, exc.problem_mark), where, "yaml-documents")
        else:
            _syntax(problems, shown, where, exc, text)
        return None
    except yaml.MarkedYAMLError as exc:
        _syntax(problems, shown, where, exc, text)
        return None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        before = text[: exc.position]
        pos = Position(shown, before.count("\n") + 1, len(before) - before.rfind("\n"))
        problems.add(pos, where, "yaml-syntax", detail=f"niedozwolony znak sterujący U+{_code(exc.character):04X}")
        return None
    if node is None or (isinstance(node, ScalarNode) and node.value == "" and not node.style):
        problems.add(Position(shown), where, "yaml-empty")
        return None
    if "&" in text and "*" in text:
        alias = _collection_alias(text)
        if alias is not None:
            problems.add(_mark(shown, alias), where, "yaml-alias")
            return None
    return node


def _collection_alias(text: str) -> yaml.Mark | None:
    """Where the first alias to a list or mapping is written, if any.

    Composing resolves an alias into the very node of its anchor, so its own
    place is known only from the parser's events. Such aliases are refused:
    nested ones can blow a small file up into a huge record.
    """
    anchors: set[str] = set()
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.anchor:
            anchors.add(event.anchor)
        elif isinstance(event, yaml.AliasEvent) and event.anchor in anchors:
            return event.start_mark
    return None


def _syntax(problems: Problems, shown: str, where: str, exc: yaml.MarkedYAMLError, text: str) -> None:
    pos = _mark(shown, exc.problem_mark or exc.context_mark)
    problems.add(pos, where, "yaml-syntax", detail=_detail(exc, text))


def _code(character: int | str) -> int:
    return ord(character) if isinstance(character, str) else character


def _mark(shown: str, mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position(shown)
    return Position(shown, mark.line + 1, mark.column + 1)


_DETAILS = (
    (
        "mapping values are not allowed",
        "dwukropek w nieoczekiwanym miejscu — tekst z dwukropkiem ujmij w cudzysłów, "
        "a pola tego samego poziomu zaczynaj w tej samej kolumnie",
    ),
    ("could not find expected ':'", "brak dwukropka po nazwie pola"),
    ("found unexpected end of stream", "plik kończy się przed zamknięciem cudzysłowu"),
    ("did not find expected key", "błędne wcięcie — pola tego samego poziomu zaczynają się w tej samej kolumnie"),
    (
        "did not find expected '-' indicator",
        "błędne wcięcie listy — pozycje listy zaczynają się od „- ” w tej samej kolumnie",
    ),
    ("did not find expected ','", "niedomknięty nawias [ ] lub { }"),
    ("found undefined alias", "odwołanie *nazwa do kotwicy, której nie ma"),
    ("found duplicate anchor", "dwie kotwice &nazwa o tej samej nazwie"),
    ("found unknown escape character", "nieznany znak po „\\” w cudzysłowie — użyj apostrofów zamiast cudzysłowu"),
)


def _detail(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or "").strip()
    if "cannot start any token" in problem:
        mark = exc.problem_mark
        char = text[mark.index] if mark is not None and mark.index < len(text) else ""
        if char == "\t":
            return "w wierszu jest znak tabulacji — wcięcia robi się spacjami"
        return f"wartość nie może zaczynać się od znaku „{char}” — ujmij ją w cudzysłów"
    for english, polish in _DETAILS:
        if english in problem:
            return polish
    return (
        f"„{problem or exc.context}”; sprawdź wcięcia (spacje, nie tabulatory), dwukropek i spację po nazwie pola "
        "oraz zamknięcie cudzysłowów"
    )


def describe(node: Node) -> str:
    """What a node is, in the words a message uses."""
    if isinstance(node, MappingNode):
        return "zestaw pól („nazwa: wartość”)"
    if isinstance(node, SequenceNode):
        return "lista (pozycje zaczynające się od „- ”)"
    return f"pojedyncza wartość „{node.value}”"
