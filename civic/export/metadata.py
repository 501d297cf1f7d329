"""What describes the whole package: licence, publisher, version, dates, address.

All of it comes from settings (documented in README.md) and from git; none
of it from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from civic import deps
from civic.dataset import Dataset
from civic.export.dates import data_commit, table_dates
from civic.slugs import slugify

EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True)
class License:
    id: str  # SPDX identifier, e.g. CC-BY-4.0
    name: str  # short form shown on pages, e.g. CC BY 4.0
    title: str  # full name in Polish
    url: str
    eu_code: str = ""  # code in the EU licence vocabulary (DCAT-AP), if it has one

    @property
    def uri(self) -> str:
        return EU_LICENCE + self.eu_code if self.eu_code else self.url


LICENSES = {
    "CC-BY-4.0": License(
        "CC-BY-4.0",
        "CC BY 4.0",
        "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe",
        "https://creativecommons.org/licenses/by/4.0/",
        "CC_BY_4_0",
    ),
    "CC-BY-SA-4.0": License(
        "CC-BY-SA-4.0",
        "CC BY-SA 4.0",
        "Creative Commons Uznanie autorstwa – Na tych samych warunkach 4.0 Międzynarodowe",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "CC_BYSA_4_0",
    ),
    "CC0-1.0": License(
        "CC0-1.0",
        "CC0 1.0",
        "Creative Commons Zero 1.0 (przekazanie do domeny publicznej)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "CC0",
    ),
    "ODbL-1.0": License(
        "ODbL-1.0",
        "ODbL 1.0",
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "ODBL",
    ),
}

DEFAULT_KEYWORDS = (
    "aktywność obywatelska",
    "konsultacje społeczne",
    "budżet obywatelski",
    "organizacje pozarządowe",
    "dotacje",
)


@dataclass(frozen=True)
class PackageMeta:
    name: str
    title: str
    description: str
    publisher: str
    municipality: str
    license: License
    keywords: tuple[str, ...]
    frequency: str  # code in the EU frequency vocabulary, e.g. IRREG
    site_url: str  # the site's public address, without a trailing slash
    repository: str  # where the records are kept ("" if not given)
    version: str
    modified: datetime  # the last change of any table
    table_dates: dict[str, datetime]

    @property
    def frequency_uri(self) -> str:
        return EU_FREQUENCY + self.frequency


def package_meta(dataset: Dataset, changes: dict[Path, datetime], settings: dict[str, Any]) -> PackageMeta:
    dates = table_dates(dataset, changes, settings)
    modified = max(dates.values())
    commit = data_commit(dataset.data_dir)
    deps.use(deps.VERSION_TOKEN)  # the version names the commit: what states it is made again with a new one
    version = f"{modified.year}.{modified.month}.{modified.day}" + (f"+{commit}" if commit else "")
    publisher = settings.get("CIVIC_PUBLISHER") or settings.get("AUTHOR") or settings.get("SITENAME", "")
    site_name = settings.get("SITENAME", publisher)
    site_url = settings.get("CIVIC_PUBLIC_URL") or settings.get("SITEURL") or ""
    if not site_url.startswith(("http://", "https://")):
        site_url = "http://localhost:8000"  # a local build, as scripts/serve shows it
    return PackageMeta(
        name=slugify(site_name) or "dane",
        title=f"Otwarte dane: {site_name}",
        description=(
            f"Rejestry prowadzone przez {publisher}: konsultacje społeczne, budżet obywatelski, organizacje "
            "pozarządowe i przyznane im dotacje, projekty finansowane ze źródeł zewnętrznych, komórki urzędu "
            "i dzielnice. Każda tabela w CSV i JSON, całość w XLSX i SQLite."
        ),
        publisher=publisher,
        municipality=settings.get("CIVIC_MUNICIPALITY") or publisher,
        license=_license(settings),
        keywords=tuple(settings.get("CIVIC_KEYWORDS") or DEFAULT_KEYWORDS),
        frequency=settings.get("CIVIC_UPDATE_FREQUENCY") or "IRREG",
        site_url=site_url.rstrip("/"),
        repository=settings.get("CIVIC_REPOSITORY_URL") or "",
        version=version,
        modified=modified,
        table_dates=dates,
    )


def _license(settings: dict[str, Any]) -> License:
    code = settings.get("CIVIC_LICENSE") or "CC-BY-4.0"
    known = LICENSES.get(code)
    url = settings.get("CIVIC_LICENSE_URL") or (known.url if known else "")
    if not url:
        raise ValueError(f"CIVIC_LICENSE {code!r} is not one of {', '.join(LICENSES)}: set CIVIC_LICENSE_URL too")
    name = settings.get("CIVIC_LICENSE_NAME") or (known.name if known else code)
    if known:
        return License(code, name, known.title, url, known.eu_code if url == known.url else "")
    return License(code, name, name, url)
