"""URL schemes the storage smoke test understands, and what they map to."""

from __future__ import annotations

from collections.abc import Mapping

# davs:// and dav:// are the grid's names for WebDAV over https:// and http://
HTTP_SCHEMES: Mapping[str, str] = {"http": "http", "https": "https", "dav": "http", "davs": "https"}
XROOTD_SCHEMES: tuple[str, ...] = ("root", "roots", "xroot", "xroots")
STORAGE_SCHEMES: tuple[str, ...] = (*HTTP_SCHEMES, *XROOTD_SCHEMES)
