"""A served web app over a small hand-made database, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storyline.store import Store
from storyline.web.app import create_app
from storyline.web.settings import WebSettings
from tests.factories import fresh_store, populated

TOKEN = "test-token-not-a-secret"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path) -> Store:
    return populated(fresh_store(request.param, tmp_path))


@pytest.fixture
def settings() -> WebSettings:
    return WebSettings(token=TOKEN, allowed_hosts={"news.example"}, max_body_bytes=50_000)


@pytest.fixture
def client(store, settings) -> TestClient:
    return TestClient(create_app(store, settings), raise_server_exceptions=False)
