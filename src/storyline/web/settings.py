"""Web settings, from the environment: nothing secret is ever written in the code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class WebSettings:
    # Write endpoints (POST /api/articles) are refused unless a token is configured.
    token: str | None = None
    # Hosts that POST /api/articles may fetch URLs from; empty means no URL ingest.
    allowed_hosts: set[str] = field(default_factory=set)
    # Private, loopback and link-local addresses are refused unless this is set.
    allow_private: bool = False
    max_body_bytes: int = 2_000_000
    max_fetch_bytes: int = 5_000_000

    @classmethod
    def from_env(cls) -> WebSettings:
        hosts = os.environ.get("STORYLINE_ALLOWED_HOSTS", "")
        return cls(
            token=os.environ.get("STORYLINE_TOKEN") or None,
            allowed_hosts={h.strip().lower() for h in hosts.split(",") if h.strip()},
            allow_private=os.environ.get("STORYLINE_ALLOW_PRIVATE", "") == "1",
            max_body_bytes=int(os.environ.get("STORYLINE_MAX_BODY_BYTES", 2_000_000)),
        )
