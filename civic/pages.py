"""HTML pages written from the records: one per record, lists, filtered lists, and
the site's fixed pages."""

from __future__ import annotations

from contextlib import suppress
from functools import partial

from jinja2 import Template, meta

from civic import deps
from civic.buildcontext import Build
from civic.facets import facet_groups
from civic.paging import fits, page_size, paginate
from civic.parallel import Background, WorkerFailed, run_split, workers
from civic.reuse import Noted
from civic.schema import Table

LIST_TEMPLATE = "record_index.html"
YEAR_LISTS = "grants/rok"
"""Where :attr:`civic.reuse.Reuse.lists` names the pages of the grants of each year (no table's name has a ``/``)."""


def record_pages(build: Build) -> None:
    """One page per record (``<kind>.html``) and one list per kind (``<kind>_index.html``),
    plus the list pre-filtered by each value of each facet (``<list>/<facet>/<value>/``).

    Record pages are independent of each other, so they are rendered on all
    cores. A rebuild renders few of them but must decide for every one whether
    it is kept: it does so in a forked child while this process makes the lists."""
    processes = workers(build.settings.get("CIVIC_PROCESSES"))
    apart = None
    if build.reuse.changed is not None and processes > 1:
        apart = Background(partial(each_record, build, processes))
    else:
        each_record(build, processes)
    try:
        size = page_size(build.settings)
        for table in build.site.kinds:
            list_pages(build, table, size)
        if "grants" in build.site.urls:
            grant_year_pages(build, size)
    except BaseException:
        if apart is not None:
            with suppress(WorkerFailed):  # the lists' own failure is the one reported
                apart.join()
        raise
    if apart is not None:
        kept, rendered = apart.join()
        build.reuse.adopt_kept(kept)
        build.reuse.adopt(rendered)


def each_record(build: Build, processes: int) -> tuple[list[str], list[Noted]]:
    """Every record's page, kept from the last build or rendered (on ``processes`` cores):
    the paths of those kept (whose tokens are the last build's: a parent process has them
    already), and what those rendered noted."""
    site = build.site
    jobs = []
    kept = []
    for table in site.kinds:
        template = build.template(f"{table.kind}.html", "record.html")
        for row in site.records(table.name):
            url = site.url(row)
            if build.keep_page(url):
                kept.append(url + "index.html")
            else:
                jobs.append((url, template, row, table))
    # After an edit most pages are kept as they are: only the others are shared out.
    noted = run_split(
        jobs,
        lambda job: build.page(job[0], job[1], record=job[2], table=job[3]),
        processes,
    )
    build.reuse.adopt(noted)
    return kept, noted


def list_pages(build: Build, table: Table, size: int) -> None:
    """A kind's list and its filtered lists, each cut into pages of ``size`` records.

    Which lists there are, and what each shows, follow from what their pages
    read: the records' names, filter values and membership (:mod:`civic.deps`).
    So when the change touched nothing any of the last build's list pages of
    the kind read, they are the pages this build would make, and all are kept
    without sorting and filing the records again."""
    made = build.reuse.lists_to_make(table.name)
    if made is None:
        return
    site = build.site
    index_template = build.template(f"{table.kind}_index.html", LIST_TEMPLATE)
    with deps.recording() as shared:
        records = site.sort(site.records(table.name))
        groups = facet_groups(site, table.name, records)
    # Which records there are and where they are filed, not all their contents:
    # each page adds the records it lists.
    shared.discard(deps.table_token(table.name))
    uses = frozenset({*shared, deps.membership_token(table.name)})
    index_url = site.index_url(table)
    if not lists_records(index_template):  # a view of its own (grants by year): one page
        one_page = partial(fits, size=size)  # whether a part of it (a year) fits on it
        build.page(index_url, index_template, uses, table=table, records=records, facets=groups, fits=one_page)
        made.append(f"{index_url}index.html")
        return
    lists = [(index_url, records, None)]
    lists += [
        (f"{index_url}{facet.key}/{value.slug}/", value.records, (facet, value))
        for facet, values in groups
        for value in values
    ]
    for url, listed, chosen in lists:
        pages = paginate(listed, size, url)
        # Which records a later page shows depends on the names of all of them.
        split = uses | {deps.order_token(table.name)} if len(pages) > 1 else uses
        for page in pages:
            made.append(f"{page.url}index.html")
            build.page(
                page.url,
                index_template,
                split,
                table=table,
                records=page.items,
                page=page,
                facets=groups,
                chosen=chosen,
            )


def grant_year_pages(build: Build, size: int) -> None:
    """The grants of a year too long to show on the grant list: a list of their own
    (``dotacje/rok/<year>/``), cut into pages of ``size``, largest grants first."""
    made = build.reuse.lists_to_make(YEAR_LISTS)  # as a kind's lists: kept if nothing they read changed
    if made is None:
        return
    template = build.template("grant_year.html")
    with deps.recording() as shared:
        years = build.context["views"].grants_by_year()
    uses = frozenset(shared)
    for year in years:
        if fits(year.grants, size):
            continue
        for page in paginate(year.grants, size, build.site.year_url("grants", year.year)):
            made.append(f"{page.url}index.html")
            build.page(page.url, template, uses, year=year, page=page)


def lists_records(template: Template) -> bool:
    """Whether a kind's list template shows the list of records it is given
    (``record_index.html`` or a template extending it), which can be cut into pages."""
    if template.name == LIST_TEMPLATE:
        return True
    env = template.environment
    source = env.loader.get_source(env, template.name)[0] if env.loader and template.name else ""
    return LIST_TEMPLATE in meta.find_referenced_templates(env.parse(source))


def special_pages(build: Build) -> None:
    """Search, the news list, the not-found page and robots.txt."""
    build.page("szukaj/", build.template("search.html"))
    build.page("aktualnosci/", build.template("news_index.html"))
    for path in ("404.html", "robots.txt"):
        build.reuse.output(
            path, lambda path=path: build.writer.write_file(path, build.template(path), build.context, url=path)
        )
