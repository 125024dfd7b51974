"""The JSON API against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import csv
import io

from tests.web.conftest import TOKEN


def test_stories_sorted_by_recent_activity_with_pagination(client):
    body = client.get("/api/stories").json()
    assert body["total"] == 2
    assert [s["title"] for s in body["items"]] == ["Clashes in Zvečan", "Visit to Gazivode"]
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second["items"]] == ["s-visit"]


def test_story_carries_events_claims_and_links(client):
    story = client.get("/api/stories/s-clash").json()
    assert len(story["article_ids"]) == 3
    assert story["events"][0]["place"]["name"] == "Zvečan"
    assert {c["speaker"] for c in story["claims"]} == {"a senior diplomat"}
    assert story["links"][0]["origin_id"] == "a1"


def test_event_filters(client):
    def ids(**params):
        return [e["id"] for e in client.get("/api/events", params=params).json()["items"]]

    assert ids() == ["m-s-visit", "m-s-clash"] or set(ids()) == {"m-s-clash", "m-s-visit"}
    assert ids(country="xk") == ["m-s-clash"]
    assert ids(type="protest", mode="asserted", story="s-clash") == ["m-s-clash"]
    assert ids(actor="CVL", date_from="2023-05-01", date_to="2023-05-29") == ["m-s-clash"]
    assert ids(place="zve", date_to="2023-05-28") == []
    assert ids(type="ASSAULT") == []


def test_events_csv_download(client):
    response = client.get("/api/events.csv", params={"story": "s-clash"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_type"] for r in rows] == ["PROTEST"]
    assert rows[0]["location"] == "Zvečan" and rows[0]["reports"] == "3"


def test_articles_claims_places_search(client):
    articles = client.get("/api/articles", params={"story": "s-clash"}).json()
    assert articles["total"] == 3 and articles["items"][0]["id"] == "a3"  # newest first
    article = client.get("/api/articles/a1").json()
    assert article["article"]["removed"] == ["Previous Article"] and article["events"]
    claims = client.get("/api/claims", params={"speaker": "diplomat"}).json()
    assert claims["total"] == 4
    places = client.get("/api/places.geojson", params={"story": "s-clash"})
    assert places.json()["features"][0]["properties"]["name"] == "Zvečan"
    hits = client.get("/api/search", params={"q": "zvecan tear gas"}).json()["items"]
    assert {h["article_id"] for h in hits} == {"a1", "a2"}


def test_unknown_things_are_json_errors(client):
    response = client.get("/api/stories/nope")
    assert response.status_code == 404 and response.json() == {"error": "no story with id nope"}
    bad = client.get("/api/events", params={"limit": 0})
    assert bad.status_code == 422 and "limit" in bad.json()["details"][0]


def test_writing_needs_the_token(client):
    payload = {"articles": [{"text": "Some text."}]}
    assert client.post("/api/articles", json=payload).status_code == 401
    wrong = client.post("/api/articles", json=payload, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 401 and "token" in wrong.json()["error"]


def test_writing_is_off_without_a_configured_token(store):
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app
    from storyline.web.settings import WebSettings

    client = TestClient(create_app(store, WebSettings(token=None)))
    response = client.post("/api/articles", json={"articles": []},
                           headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403


def test_request_size_is_limited(client):
    big = {"articles": [{"text": "word " * 20_000}]}
    response = client.post("/api/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "bytes" in response.json()["error"]


def test_url_ingest_refuses_unlisted_and_private_hosts(client):
    response = client.post(
        "/api/articles", headers={"Authorization": f"Bearer {TOKEN}"},
        json={"urls": ["http://127.0.0.1:9/x", "http://evil.example/a", "file:///etc/passwd"]},
    )
    assert response.status_code == 200
    errors = [e["error"] for e in response.json()["errors"]]
    assert len(errors) == 3
    assert all("not in the allowed host list" in e or "http" in e for e in errors)


def test_private_address_of_an_allowed_host_is_refused():
    import pytest

    from storyline.web.fetch import FetchRefused, check_url
    from storyline.web.settings import WebSettings

    settings = WebSettings(allowed_hosts={"localhost"})
    with pytest.raises(FetchRefused, match="private address"):
        check_url("http://localhost/article", settings)
    check_url("http://localhost/article", WebSettings(allowed_hosts={"localhost"},
                                                      allow_private=True))


def test_openapi_schema_is_served(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/events", "/api/articles", "/api/search"} <= set(schema["paths"])
