"""Country names and codes (pycountry)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2048)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or code, None when it is not a country."""
    import pycountry

    text = text.strip()
    if len(text) < 2:
        return None
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None
