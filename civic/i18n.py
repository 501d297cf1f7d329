"""The site's UI text: gettext catalogues (Babel), English message ids.

Catalogues live in ``theme/translations/<lang>/LC_MESSAGES/messages.po``
and are read directly (no compiled ``.mo`` files in the repository). The
language is Pelican's ``DEFAULT_LANG``; Polish has three plural forms
(1 projekt, 2 projekty, 5 projektów), taken from the catalogue's header.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def load_translations(folder: Path, lang: str, domain: str = "messages") -> gettext.NullTranslations:
    """The catalogue for ``lang`` from ``folder``; message ids shown as they are if there is none."""
    po = folder / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
