"""The access token of a served app: random, in the URL `zoneplan serve` prints (as Jupyter
does), compared in constant time so that response times tell nothing about a guess."""

from __future__ import annotations

import hmac
import secrets

# Cookies are per host, not per port: two servers on one machine must not overwrite each
# other's token, so the cookie's name carries the port.
COOKIE_PREFIX = "zoneplan_token_"


def new_token() -> str:
    """32 random bytes, URL-safe: beyond guessing, and nothing to escape in a URL."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, expected: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def cookie_name(port: int) -> str:
    return f"{COOKIE_PREFIX}{port}"
