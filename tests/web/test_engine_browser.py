"""In a real browser (Debian's chromium driven by Playwright, as ``test_browser``): a
viewer opens the overview, the risk page and the sourcing page and sees Plotly draw each
chart (the fan chart with its band, the tornado, the sourcing bars), then a proposal and
the what-if on a condition. Screenshots go to ``test-artefacts/web/`` (git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forcegen.web import WebSettings, create_app
from tests.web.browser import ARGS, ARTEFACTS, CHROMIUM, served
from tests.web.support import PASSWORD


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("engine-browser")
    app = create_app(WebSettings(db_url=f"sqlite:///{folder / 'ledger.sqlite'}"))
    app.state.users.add("vera", PASSWORD, "viewer")
    with served(app) as url:
        yield url


def test_viewer_sees_the_risk_and_sourcing_charts(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}/login")
            page.fill("input[name=name]", "vera")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Paris")
            page.wait_for_selector("#risk-fan-chart .main-svg", timeout=30000)
            page.screenshot(path=str(ARTEFACTS / "engines-1-overview.png"), full_page=True)

            page.goto(f"{server}/risk?draws=20000&seed=1")
            expect(page.locator("#risk-headline")).to_contain_text("20,000 draws, seed 1")
            page.wait_for_selector("#risk-fan-chart .main-svg", timeout=30000)
            page.wait_for_selector("#risk-tornado .main-svg", timeout=30000)
            # the band is drawn as a shape; both quantile bands are filled areas
            assert page.locator("#risk-fan-chart .shapelayer path").count() >= 1
            assert page.locator("#risk-fan-chart .scatterlayer .js-fill").count() >= 4
            assert page.locator("#risk-tornado .barlayer .point").count() >= 2
            page.screenshot(path=str(ARTEFACTS / "engines-2-risk.png"), full_page=True)

            page.goto(f"{server}/sourcing")
            page.wait_for_selector("#sourcing-chart .main-svg", timeout=30000)
            assert page.locator("#sourcing-chart .barlayer .point").count() >= 1
            expect(page.locator("#sourcing-gaps")).to_contain_text("offers exhausted")
            page.screenshot(path=str(ARTEFACTS / "engines-3-sourcing.png"), full_page=True)

            page.click("#sourcing-nations a[href='/proposals/FRA']")
            expect(page).to_have_url(f"{server}/proposals/FRA")
            expect(page.locator("h1")).to_contain_text("France")
            expect(page.locator("#proposal-peak")).to_have_text("10,000")
            page.screenshot(path=str(ARTEFACTS / "engines-4-proposal.png"), full_page=True)

            page.goto(f"{server}/what-if")
            form = page.locator("form[aria-label='change a condition']")
            form.locator("select[name=condition]").select_option("us_backstop:")
            form.locator("input[name=met][value=no]").check()
            form.locator("button[type=submit]").click()
            expect(page.locator("#what-if-assumed")).to_contain_text("taken as not met")
            expect(page.locator("#what-if-risk")).to_be_visible()
            page.screenshot(path=str(ARTEFACTS / "engines-5-what-if.png"), full_page=True)
        finally:
            browser.close()
