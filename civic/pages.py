"""HTML pages written from the records: one per record, lists, filtered lists, and
the site's fixed pages."""

from __future__ import annotations

from civic.buildcontext import Build
from civic.facets import facet_groups
from civic.parallel import run_split, workers
from civic.schema import Table


def record_pages(build: Build) -> None:
    """One page per record (``<kind>.html``) and one list per kind (``<kind>_index.html``),
    plus the list pre-filtered by each value of each facet (``<list>/<facet>/<value>/``).

    Record pages are independent of each other, so they are rendered on all cores."""
    site = build.site
    jobs = []
    for table in site.kinds:
        template = build.template(f"{table.kind}.html", "record.html")
        jobs.extend((site.url(row), template, row, table) for row in site.records(table.name))
    run_split(
        jobs,
        lambda job: build.page(job[0], job[1], record=job[2], table=job[3]),
        workers(build.settings.get("CIVIC_PROCESSES")),
    )
    for table in site.kinds:
        list_pages(build, table)


def list_pages(build: Build, table: Table) -> None:
    site = build.site
    index_template = build.template(f"{table.kind}_index.html", "record_index.html")
    records = site.sort(site.records(table.name))
    groups = facet_groups(site, table.name, records)
    index_url = site.index_url(table)
    build.page(index_url, index_template, table=table, records=records, facets=groups)
    for facet, values in groups:
        for value in values:
            build.page(
                f"{index_url}{facet.key}/{value.slug}/",
                index_template,
                table=table,
                records=value.records,
                facets=groups,
                chosen=(facet, value),
            )


def special_pages(build: Build) -> None:
    """Search, the news list, the not-found page and robots.txt."""
    build.page("szukaj/", build.template("search.html"))
    build.page("aktualnosci/", build.template("news_index.html"))
    build.writer.write_file("404.html", build.template("404.html"), build.context, url="404.html")
    build.writer.write_file("robots.txt", build.template("robots.txt"), build.context, url="robots.txt")
