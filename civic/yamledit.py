"""Changing some keys of a record file and leaving every other line as it was.

An update (new votes after the vote, a newer register extract) should show
up in a pull request as exactly the lines that changed: comments, quotes and
the order staff chose stay. Each top-level key owns the lines from its own
line to the next key's; comment lines at the start of a line just before a
key belong to that key. A changed key's lines are replaced by the writer's
rendering; a new key is inserted after the nearest key that comes before it
in the schema's order.

A file whose top level is not a block of ``key: value`` lines (a flow
mapping ``{…}``) is rewritten whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

from civic.load import Loader
from civic.schema import Table
from civic.yamlwrite import key_lines, key_order, render_record

REMOVE = object()
"""A value in ``changes`` that removes the key."""


def update_text(text: str, table: Table, changes: Mapping[str, Any]) -> str:
    """``text`` with the given top-level keys set (or removed with :data:`REMOVE`)."""
    spans = _key_spans(text)
    if spans is None:
        return _rewrite(text, table, changes)
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    order = key_order(table)
    # Work from the bottom up so that earlier line numbers stay valid.
    edits: list[tuple[int, int, list[str]]] = []
    for key, value in changes.items():
        new = [] if value is REMOVE else key_lines(table, key, value)
        if key in spans:
            start, end = spans[key]
            edits.append((start, end, new))
        elif new:
            at = _insertion_line(key, order, spans, lines)
            edits.append((at, at, new))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = new
    return "\n".join(lines) + ("\n" if trailing_newline or not lines else "")


def _key_spans(text: str) -> dict[str, tuple[int, int]] | None:
    """Each top-level key's lines as ``[start, end)``, or None for an unusual layout."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    if root is None:
        return {}
    if not isinstance(root, MappingNode) or root.flow_style:
        return None
    lines = text.split("\n")
    starts: list[tuple[str, int]] = []
    for key_node, _ in root.value:
        if not isinstance(key_node, ScalarNode):
            return None
        starts.append((key_node.value, key_node.start_mark.line))
    end_of_doc = _trim(lines, len(lines))
    spans: dict[str, tuple[int, int]] = {}
    for i, (key, start) in enumerate(starts):
        end = _trim(lines, starts[i + 1][1]) if i + 1 < len(starts) else end_of_doc
        spans[key] = (start, max(end, start + 1))
    return spans


def _trim(lines: list[str], end: int) -> int:
    """Move ``end`` up past blank lines and comments at the start of a line."""
    end = min(end, len(lines))
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


def _insertion_line(key: str, order: list[str], spans: dict[str, tuple[int, int]], lines: list[str]) -> int:
    position = order.index(key) if key in order else len(order)
    before = [spans[k][1] for k in order[:position] if k in spans]
    if before:
        return max(before)
    after = [spans[k][0] for k in order[position + 1 :] if k in spans]
    if after:
        return _attached(lines, min(after))
    return _trim(lines, len(lines))


def _attached(lines: list[str], start: int) -> int:
    """The first of the comment lines right above line ``start`` (not the editor's modeline)."""
    while start > 0 and lines[start - 1].startswith("#") and "yaml-language-server" not in lines[start - 1]:
        start -= 1
    return start


def _rewrite(text: str, table: Table, changes: Mapping[str, Any]) -> str:
    try:
        values = yaml.load(text, Loader=Loader) or {}
    except yaml.YAMLError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    for key, value in changes.items():
        if value is REMOVE:
            values.pop(key, None)
        else:
            values[key] = value
    return render_record(table, values)
