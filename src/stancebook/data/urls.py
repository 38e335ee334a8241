"""The one rule for every URL the book links to (standard library only: the pages check links with it too)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: the characters RFC 3986 allows in a URI (unreserved, reserved and '%' of percent-encoding); anything else
#: (spaces, quotes, '<', '>', backslashes, braces, control characters) could end an HTML attribute or a Markdown
#: link, and is refused
_URI_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
URL_RULE = "must be an http:// or https:// address with a host name, and only the characters a URL may hold"


def is_web_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL with a host (parsed with ``urllib.parse``) made only of the
    characters RFC 3986 allows: the one rule for every URL the book links to."""
    if not isinstance(text, str) or not _URI_CHARACTERS.match(text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError for a malformed port)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
