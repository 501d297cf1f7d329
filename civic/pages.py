"""HTML pages written from the records: one per record, lists, filtered lists, and
the site's fixed pages."""

from __future__ import annotations

from civic import deps
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
    # After an edit most pages are kept as they are: only the others are shared out.
    jobs = [job for job in jobs if not build.keep_page(job[0])]
    noted = run_split(
        jobs,
        lambda job: build.page(job[0], job[1], record=job[2], table=job[3]),
        workers(build.settings.get("CIVIC_PROCESSES")),
    )
    build.reuse.adopt(noted)
    for table in site.kinds:
        list_pages(build, table)


def list_pages(build: Build, table: Table) -> None:
    site = build.site
    index_template = build.template(f"{table.kind}_index.html", "record_index.html")
    with deps.recording() as shared:
        records = site.sort(site.records(table.name))
        groups = facet_groups(site, table.name, records)
    # Which records there are and where they are filed, not all their contents:
    # each page adds the records it lists.
    shared.discard(deps.table_token(table.name))
    uses = frozenset({*shared, deps.membership_token(table.name)})
    index_url = site.index_url(table)
    build.page(index_url, index_template, uses, table=table, records=records, facets=groups)
    for facet, values in groups:
        for value in values:
            build.page(
                f"{index_url}{facet.key}/{value.slug}/",
                index_template,
                uses,
                table=table,
                records=value.records,
                facets=groups,
                chosen=(facet, value),
            )


def special_pages(build: Build) -> None:
    """Search, the news list, the not-found page and robots.txt."""
    build.page("szukaj/", build.template("search.html"))
    build.page("aktualnosci/", build.template("news_index.html"))
    for path in ("404.html", "robots.txt"):
        build.reuse.output(
            path, lambda path=path: build.writer.write_file(path, build.template(path), build.context, url=path)
        )
