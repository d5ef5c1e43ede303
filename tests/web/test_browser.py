"""In a real browser (Debian's chromium driven by Playwright; no browser is downloaded):
log in as a liaison, open the overview, edit their nation's pledge, see the change in the
nation's history, and be refused on another nation; an admin adds a liaison on the users
page, logs out, and the liaison logs in. Screenshots go to ``test-artefacts/web/``
(git-ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forcegen.web import WebSettings, create_app
from tests.web.browser import ARGS, ARTEFACTS, CHROMIUM, served
from tests.web.support import PASSWORD


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    app = create_app(WebSettings(db_url=f"sqlite:///{folder / 'ledger.sqlite'}"))
    app.state.users.add("louis", PASSWORD, "liaison", ["FRA"])
    app.state.users.add("ada", PASSWORD, "admin")
    with served(app) as url:
        yield url


def test_liaison_edits_own_nation_and_is_refused_on_another(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(f"{server}/")
            expect(page).to_have_url(f"{server}/login")
            page.fill("input[name=name]", "louis")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Paris")
            expect(page.locator("#max-possible")).to_have_text("10,000")
            page.wait_for_selector("#modality-chart .main-svg", timeout=15000)  # plotly drew
            page.screenshot(path=str(ARTEFACTS / "1-overview.png"), full_page=True)

            page.goto(f"{server}/nations/FRA")
            form = page.locator("form[aria-label='edit FRA/any/1']")
            form.locator("select[name=modality]").select_option("committed")
            form.locator("input[name=troops_min]").fill("8000")
            form.locator("input[name=troops_max]").fill("10000")
            form.locator("input[name=outlet]").fill("Elysée press release")
            form.locator("input[name=quote]").fill("France commits 8,000 to 10,000 troops")
            form.locator("input[name=reason]").fill("browser test")
            form.locator("button[type=submit]").click()
            expect(page).to_have_url(f"{server}/nations/FRA")
            newest = page.locator("#history tr").nth(1)
            expect(newest).to_contain_text("committed")
            expect(newest).to_contain_text("louis")
            expect(newest).to_contain_text("Elysée press release")
            expect(newest).to_contain_text("8,000-10,000")
            page.screenshot(path=str(ARTEFACTS / "2-nation-history.png"), full_page=True)

            page.goto(f"{server}/nations/GBR")
            expect(page.locator("#read-only")).to_contain_text("may not edit GBR")
            assert page.locator("form.edit").count() == 0
            # a forged post to the other nation's form is refused by the server too
            csrf = page.locator("input[name=csrf]").first.get_attribute("value")
            refused = page.request.post(f"{server}/nations/GBR/pledge", form={
                "csrf": csrf or "", "key": "GBR/any/1", "expected_version": "1",
                "modality": "committed", "outlet": "forged", "date": "2025-03-01"})
            assert refused.status == 403
            page.screenshot(path=str(ARTEFACTS / "3-other-nation-refused.png"), full_page=True)
        finally:
            browser.close()


def test_admin_adds_a_liaison_who_then_logs_in(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(f"{server}/login")
            page.fill("input[name=name]", "ada")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Paris")
            page.click("header a[href='/admin/users']")
            expect(page).to_have_url(f"{server}/admin/users")
            form = page.locator("form[aria-label='add a user']")
            form.locator("input[name=name]").fill("lia")
            form.locator("input[name=password]").fill("liaison password")
            form.locator("select[name=role]").select_option("liaison")
            form.locator("input[name=nations]").fill("deu")
            form.locator("button[type=submit]").click()
            expect(page.locator("#done")).to_have_text("Done: added lia.")
            row = page.locator("tr[aria-label='user lia']")
            expect(row).to_contain_text("liaison")
            expect(row).to_contain_text("DEU")
            expect(row).to_contain_text("active")
            page.screenshot(path=str(ARTEFACTS / "4-admin-added-liaison.png"), full_page=True)
            page.click("header button[type=submit]")  # log out
            expect(page).to_have_url(f"{server}/login")

            page.fill("input[name=name]", "lia")
            page.fill("input[name=password]", "liaison password")
            page.click("button[type=submit]")
            expect(page.locator("header")).to_contain_text("lia (liaison: DEU)")
            assert page.locator("header a[href='/admin/users']").count() == 0
            page.goto(f"{server}/nations/DEU")
            expect(page.locator("form[aria-label='edit DEU/any/1']")).to_be_visible()
            page.screenshot(path=str(ARTEFACTS / "5-liaison-logged-in.png"), full_page=True)
            page.goto(f"{server}/admin/users")
            expect(page.locator("body")).to_contain_text("only an admin manages users")
        finally:
            browser.close()
