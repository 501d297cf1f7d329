"""Findings as a template author reads them: grouped, one line per place."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.tools.html_scan import Broken
from tests.tools.site_map import page_url

SHOWN = 8  # places listed per finding before "and N more"


def _more(items: list[str], limit: int = SHOWN) -> str:
    head = ", ".join(items[:limit])
    return head + (f" and {len(items) - limit} more" if len(items) > limit else "")


def axe_violations(page: str, viewport: str, violations: list[dict]) -> str:
    """axe-core's violations: rule id, impact, help, how to fix, the elements' selectors."""
    lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA rule(s) violated on {page} at {viewport}:"]
    for v in violations:
        nodes = v.get("nodes", [])
        lines.append(f"- {v['id']} [{v.get('impact') or '?'}] {v['help']} ({len(nodes)} element(s))  {v['helpUrl']}")
        summaries = {" ".join((n.get("failureSummary") or "").split()) for n in nodes} - {""}
        if len(summaries) == 1:
            lines.append(f"    {summaries.pop()[:400]}")
        for node in nodes[:SHOWN]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node.get("target", []))
            html = " ".join((node.get("html") or "").split())
            lines.append(f"    {target}" + (f"   {html[:120]}" if html else ""))
            if len(summaries) > 1 and node.get("failureSummary"):
                lines.append(f"      {' '.join(node['failureSummary'].split())[:400]}")
        if len(nodes) > SHOWN:
            lines.append(f"    … and {len(nodes) - SHOWN} more")
    return "\n".join(lines)


def vnu_messages(messages: Iterable[dict], output: Path) -> str:
    """The Nu HTML Checker's errors, one group per message, with the pages and lines."""
    groups: dict[str, list[str]] = defaultdict(list)
    for m in messages:
        where = m.get("url", "")
        if where.startswith("file:"):
            path = Path(unquote(urlsplit(where).path)).resolve()
            with contextlib.suppress(ValueError):
                where = page_url(output.resolve(), path)
        line = m.get("lastLine") or m.get("firstLine")
        key = m.get("message", "?")
        extract = " ".join((m.get("extract") or "").split())
        if extract:
            key += f"\n      e.g. {extract[:160]}"
        groups[key].append(f"{where}:{line}" if line else where)
    total = sum(len(v) for v in groups.values())
    lines = [f"Nu HTML Checker: {total} error(s), {len(groups)} distinct:"]
    for message, places in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"- {message}\n    {len(places)}× at {_more(sorted(places))}")
    return "\n".join(lines)


def broken_links(broken: list[Broken]) -> str:
    """Broken links, one group per target and reason, with the pages they are on."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for b in broken:
        groups[(b.reason, b.ref)].append(f"{b.page}:{b.line}")
    lines = [f"{len(broken)} broken internal link(s), {len(groups)} distinct:"]
    for (reason, ref), places in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"- {ref}: {reason}\n    on {len(places)} page(s): {_more(places)}")
    return "\n".join(lines)
