"""``dane.zip``: the whole package in one download.

The ZIP holds ``datapackage.json`` and every file it lists, under the same
paths, so that it can be validated or loaded as it is once unpacked.
"""

from __future__ import annotations

from civic.export import zipfiles
from civic.export.datapackage import PATH as DESCRIPTOR
from civic.export.job import Distribution, ExportJob

PATH = "dane.zip"


def export(job: ExportJob) -> list[Distribution]:
    descriptor = next(d for d in job.distributions if d.path == DESCRIPTOR)
    files = [descriptor, *(d for d in job.distributions if d.resource)]
    data = zipfiles.build_zip(job.zip_entries(PATH, files), job.meta.modified)
    return [job.write(PATH, data, "zip", "Cały pakiet danych w jednym pliku (ZIP)", resource=False)]
