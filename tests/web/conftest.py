"""A served web app over a small hand-made database, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from storyline.store import Store
from storyline.web.app import create_app
from storyline.web.settings import WebSettings
from tests.factories import populated

PG_URL = os.environ.get("STORYLINE_TEST_PG_URL")
TOKEN = "test-token-not-a-secret"


def fresh_store(kind: str, tmp_path) -> Store:
    if kind == "sqlite":
        return Store(str(tmp_path / "web.db"))
    if not PG_URL:
        pytest.skip("STORYLINE_TEST_PG_URL is not set (CI sets it)")
    from sqlalchemy import create_engine, text

    from storyline.store import database_url

    engine = create_engine(database_url(PG_URL))
    with engine.begin() as db:
        db.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return Store(PG_URL)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path) -> Store:
    return populated(fresh_store(request.param, tmp_path))


@pytest.fixture
def settings() -> WebSettings:
    return WebSettings(token=TOKEN, allowed_hosts={"news.example"}, max_body_bytes=50_000)


@pytest.fixture
def client(store, settings) -> TestClient:
    return TestClient(create_app(store, settings), raise_server_exceptions=False)
