"""Fetching an article by URL for POST /api/articles: only from allowed hosts, never from
private or loopback addresses unless allowed, with a size limit and no redirects followed
to unchecked places."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from storyline.ingest import read_bytes
from storyline.records import Problem, RawDocument
from storyline.web.settings import WebSettings

TIMEOUT_SECONDS = 10


class FetchRefused(ValueError):
    """The URL may not be fetched; the message says why."""


def check_url(url: str, settings: WebSettings) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http and https URLs with a host are accepted")
    host = parts.hostname.lower()
    if host not in settings.allowed_hosts:
        raise FetchRefused(f"host {host} is not in the allowed host list")
    if settings.allow_private:
        return
    for address in _addresses(host, parts.port or (443 if parts.scheme == "https" else 80)):
        ip = ipaddress.ip_address(address)
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
            raise FetchRefused(f"host {host} resolves to a private address ({ip})")


def fetch_document(url: str, settings: WebSettings) -> RawDocument | Problem:
    """The page at ``url``, read like an HTML file (title, date and site from the page)."""
    check_url(url, settings)
    with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client, \
            client.stream("GET", url) as response:
        if response.is_redirect:
            raise FetchRefused(f"{url} redirects; submit the final URL instead")
        response.raise_for_status()
        body = b""
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > settings.max_fetch_bytes:
                raise FetchRefused(f"{url} is larger than {settings.max_fetch_bytes} bytes")
    document = next(read_bytes(url, body, kind="html"))
    if isinstance(document, RawDocument):
        document.url = document.url or url
    return document


def _addresses(host: str, port: int) -> set[str]:
    try:
        return {info[4][0] for info in socket.getaddrinfo(host, port)}
    except socket.gaierror as error:
        raise FetchRefused(f"host {host} cannot be resolved") from error
