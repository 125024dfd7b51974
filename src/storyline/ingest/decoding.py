"""Bytes to text, with a clear reason when the bytes are not usable text."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="...">, <meta http-equiv="Content-Type" content="text/html; charset=...">,
# or an XML declaration <?xml version="1.0" encoding="..."?>
_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)"
    rb"|<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


class NotText(ValueError):
    """The bytes are not text we can read; the message says why, for the user."""


def decode(data: bytes, markup: bool = False) -> str:
    """Decode UTF-8 (a BOM is honoured). Markup (HTML, XML feeds) may instead declare its
    charset in a meta tag or XML declaration: that declaration is trusted; nothing else is
    guessed."""
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    if b"\x00" in data[:_SNIFF_BYTES] or b"\x00" in data[-_SNIFF_BYTES:]:
        raise NotText("binary file (contains NUL bytes), not text")
    declared = declared_charset(data) if markup else None
    return _strict(data, declared or "utf-8")


def declared_charset(data: bytes) -> str | None:
    """The charset a page or feed declares, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup((match.group(1) or match.group(2)).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        bad = error.object[error.start]
        name = "UTF-8" if encoding == "utf-8" else encoding
        raise NotText(f"not valid {name} (byte 0x{bad:02x} at offset {error.start})") from None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise NotText("binary file (control characters), not text")
    if not text.strip():
        raise NotText("empty file")
    return text


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    return len(_CONTROL.findall(sample)) / len(sample)
