"""iCalendar: one feed of consultation meetings and closing days, and a file per meeting.

Meeting times are written in UTC (``…Z``), converted from Europe/Warsaw:
calendar programs show them in the reader's own zone, and no VTIMEZONE
block has to be computed and repeated in every file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from civic.buildcontext import Build
from civic.rows import Row
from civic.values import WARSAW

SUFFIX = ".ics"
FEED = f"konsultacje/kalendarz{SUFFIX}"


def _calendar(build: Build, name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{build.settings['SITENAME']}//konsultacje//PL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _stamp(build: Build) -> datetime:
    return datetime.combine(build.site.today, time(0, 0), tzinfo=WARSAW).astimezone(UTC)


def _host(build: Build) -> str:
    base = build.settings.get("CIVIC_PUBLIC_URL") or build.site.siteurl or "localhost"
    return base.split("//")[-1].split("/")[0]


def meeting_event(build: Build, meeting: Row) -> Event:
    site = build.site
    consultation = meeting.main()
    start = datetime.combine(meeting["date"], meeting["starts"], tzinfo=WARSAW).astimezone(UTC)
    if meeting.get("ends"):
        end = datetime.combine(meeting["date"], meeting["ends"], tzinfo=WARSAW).astimezone(UTC)
    else:
        end = start + timedelta(hours=2)
    event = Event()
    event.add("uid", f"{consultation['id']}-spotkanie-{meeting['meeting_no']}@{_host(build)}")
    event.add("dtstamp", _stamp(build))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{meeting['title']} — {consultation['title']}")
    event.add("location", ", ".join(v for v in (meeting["place"], meeting.get("address")) if v))
    event.add("url", f"{build.settings.get('CIVIC_PUBLIC_URL') or site.siteurl}/{site.url(consultation)}")
    if meeting.get("accessibility"):
        event.add("description", meeting["accessibility"])
    return event


def closing_event(build: Build, consultation: Row) -> Event:
    event = Event()
    event.add("uid", f"{consultation['id']}-koniec@{_host(build)}")
    event.add("dtstamp", _stamp(build))
    event.add("dtstart", consultation["closes"])
    event.add("dtend", consultation["closes"] + timedelta(days=1))
    event.add("summary", f"Ostatni dzień konsultacji: {consultation['title']}")
    event.add("url", f"{build.settings.get('CIVIC_PUBLIC_URL') or build.site.siteurl}/{build.site.url(consultation)}")
    return event


def _write(build: Build, path: str, cal: Calendar) -> None:
    target = build.output_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(cal.to_ical())


def meeting_file(build: Build, meeting: Row) -> str:
    """Where a meeting's own .ics file is, relative to the site root."""
    return f"{build.site.url(meeting.main())}spotkanie-{meeting['meeting_no']}{SUFFIX}"


def calendars(build: Build) -> None:
    """The calendar of every consultation's meetings and closing day, and an .ics file per meeting."""
    events: dict[int, Event] = {}

    def event(meeting: Row) -> Event:
        if id(meeting) not in events:
            events[id(meeting)] = meeting_event(build, meeting)
        return events[id(meeting)]

    build.reuse.output(FEED, lambda: _write(build, FEED, _feed(build, event)))
    for consultation in build.site.records("consultations"):
        for meeting in consultation.get("meetings", []):
            path = meeting_file(build, meeting)

            def write(meeting: Row = meeting, path: str = path) -> None:
                _write(build, path, _single(build, meeting, event))

            build.reuse.output(path, write, rows=[meeting])


def _feed(build: Build, event: Callable[[Row], Event]) -> Calendar:
    feed = _calendar(build, f"{build.settings['SITENAME']}: konsultacje")
    for consultation in build.site.records("consultations"):
        feed.add_component(closing_event(build, consultation))
        for meeting in consultation.get("meetings", []):
            feed.add_component(event(meeting))
    return feed


def _single(build: Build, meeting: Row, event: Callable[[Row], Event]) -> Calendar:
    single = _calendar(build, meeting["title"])
    single.add_component(event(meeting))
    return single
