"""The web page in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from storyline.store import Store
from storyline.web.app import create_app
from storyline.web.settings import WebSettings
from tests.factories import populated

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM") or shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Without these, chromium tries to reach Google's services through a closed network.
QUIET_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = populated(Store(str(tmp_path_factory.mktemp("web") / "site.db")))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, WebSettings()), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def test_follow_a_story_from_the_list(site, page):
    page.goto(site + "/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 2
    assert rows.first.locator("svg.spark rect").count() >= 1  # activity chart
    page.click("text=Clashes in Zvečan")
    page.wait_for_url("**/stories/s-clash")

    summary = page.locator("details.summary")
    assert summary.get_attribute("open") is not None
    page.click("details.summary > summary")  # the "No time to read?" control folds
    assert summary.get_attribute("open") is None
    page.click("details.summary > summary")
    assert page.locator("details.summary li").first.is_visible()

    assert page.locator("svg.map g.place[data-name='Zvečan']").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)


def test_filter_events_and_download_csv(site, page):
    page.goto(site + "/stories/s-clash")
    assert page.locator("table.events tbody tr").count() == 1
    page.fill("form.filters input[name=type]", "ASSAULT")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert page.locator("table.events").count() == 0
    page.fill("form.filters input[name=type]", "PROTEST")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert page.locator("table.events tbody tr").count() == 1

    with page.expect_download() as download:
        page.click("a.download")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("event_id,event_date") and "PROTEST" in text


def test_hostile_article_renders_as_text(site, page):
    page.goto(site + "/articles/a3")
    assert "<script>alert('x')</script>" in page.locator("div.text").inner_text()
    assert page.dialogs == []
    page.click("details.removed > summary")
    assert page.locator("details.removed li").first.inner_text() == "Previous Article"


def test_search_page(site, page):
    page.goto(site + "/")
    page.fill("form.search input[name=q]", "tear gas")
    page.click("form.search button")
    page.wait_for_url("**/search?q=tear+gas")
    assert page.locator("ul.hits li").count() >= 2
