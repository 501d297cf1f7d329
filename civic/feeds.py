"""Atom feeds of new consultations and of citizens' budget updates."""

from __future__ import annotations

from datetime import date, datetime, time

from feedgenerator import Atom1Feed

from civic.buildcontext import Build
from civic.values import WARSAW

LIMIT = 50


CONSULTATIONS = "konsultacje/atom.xml"
BUDGET = "budzet-obywatelski/atom.xml"


def _when(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=WARSAW)


def _write(build: Build, path: str, title: str, entries: list[tuple[date, str, str, str]]) -> None:
    site = build.site
    base = build.settings.get("CIVIC_PUBLIC_URL") or site.siteurl
    feed = Atom1Feed(title=title, link=f"{base}/", description=title, language=site.lang, feed_url=f"{base}/{path}")
    for day, entry_title, url, summary in sorted(entries, key=lambda e: (e[0], e[2]), reverse=True)[:LIMIT]:
        feed.add_item(
            title=entry_title,
            link=f"{base}/{url}",
            description=summary,
            unique_id=f"{base}/{url}#{day}",
            updateddate=_when(day),
            pubdate=_when(day),
        )
    target = build.output_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(feed.writeString("utf-8"), encoding="utf-8")


def consultation_feed(build: Build) -> None:
    build.reuse.output(CONSULTATIONS, lambda: _consultation_feed(build))


def budget_feed(build: Build) -> None:
    build.reuse.output(BUDGET, lambda: _budget_feed(build))


def _consultation_feed(build: Build) -> None:
    site = build.site
    entries = [
        (c.get("announced") or c["opens"], c["title"], site.url(c), c["summary"])
        for c in site.records("consultations")
        if (c.get("announced") or c["opens"]) <= site.today
    ]
    _write(build, CONSULTATIONS, f"{build.settings['SITENAME']}: konsultacje społeczne", entries)


def _budget_feed(build: Build) -> None:
    site = build.site
    entries = []
    for edition in site.records("budget_editions"):
        if edition.get("results_date") and edition["results_date"] <= site.today:
            entries.append(
                (
                    edition["results_date"],
                    f"Wyniki głosowania: {edition['title']}",
                    site.url(edition),
                    f"Znamy projekty wybrane w edycji {edition['title']}.",
                )
            )
        for stage in edition.get("stages", []):
            if stage["starts"] <= site.today:
                name = stage.get("name") or site.label("budget_edition_stages", "stage", stage["stage"])
                entries.append(
                    (
                        stage["starts"],
                        f"{edition['title']}: {name}",
                        site.url(edition),
                        f"Od {stage['starts']:%d.%m.%Y} do {stage['ends']:%d.%m.%Y}: {name}.",
                    )
                )
    for project in site.records("budget_projects"):
        if project.get("completed") and project["completed"] <= site.today:
            entries.append(
                (project["completed"], f"Zrealizowano: {project['title']}", site.url(project), project["summary"])
            )
    _write(build, BUDGET, f"{build.settings['SITENAME']}: budżet obywatelski", entries)
