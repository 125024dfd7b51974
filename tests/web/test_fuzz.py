"""A schema-driven fuzz run: requests generated from the OpenAPI schema never get a
server error, and responses conform to the schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from storyline.store import Store
from storyline.web.app import create_app
from storyline.web.settings import WebSettings
from tests.factories import populated


def _app():
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))
    # No token: writes are refused, so the fuzz run reads a fixed database.
    return create_app(populated(Store(str(folder / "fuzz.db"))), WebSettings(token=None))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate()
