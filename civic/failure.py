"""The result of a failed format check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    """Why a value failed a check.

    ``code`` is a short kebab-case name of the check (``nip``, ``phone``...),
    the same for every way the value can be wrong; ``message`` is a Polish
    sentence for office staff saying what is wrong and what is allowed.
    A check returns ``None`` for a good value and a ``Failure`` otherwise.
    """

    code: str
    message: str
