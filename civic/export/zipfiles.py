"""ZIP archives that come out byte for byte the same from the same content.

Every entry gets the same fixed time (the data's last change, not the
clock), the same permissions and the same compression, in the given order.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

EARLIEST = (1980, 1, 1, 0, 0, 0)  # the first time a ZIP entry can carry


def build_zip(entries: Iterable[tuple[str, bytes]], when: datetime) -> bytes:
    stamp = max(EARLIEST, (when.year, when.month, when.day, when.hour, when.minute, when.second))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
