"""Named format checks, for the ``x-check`` property of a schema field."""

from __future__ import annotations

from collections.abc import Callable

from civic.failure import Failure
from civic.formats import check_email, check_phone, check_postal_code, check_url
from civic.identifiers import check_krs, check_nip, check_regon
from civic.money import check_money

CHECKS: dict[str, Callable[[str], Failure | None]] = {
    "nip": check_nip,
    "regon": check_regon,
    "krs": check_krs,
    "postal-code": check_postal_code,
    "email": check_email,
    "phone": check_phone,
    "url": check_url,
    "money": check_money,
}
