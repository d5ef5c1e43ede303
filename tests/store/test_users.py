"""The web app's users in the ledger's database, on both databases: roles and nations
changed on the record; disabled users and revoked tokens refused; the last admin kept;
tokens stored as digests; a ledger of revision 0003 upgraded with its users intact."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import insert, select

from forcegen.errors import Conflict, NotFound, ScenarioError
from forcegen.store import Ledger
from forcegen.store.schema import api_tokens, users
from forcegen.store.users import Role, UserStore

PASSWORD = "long enough"


def test_changes_are_on_the_record(ledger: Ledger) -> None:
    store = UserStore(ledger)
    lo = store.add("lo", PASSWORD, "liaison", ["fra"], author="ada")
    assert lo.nations == ("FRA",) and lo.can_edit("fra") and not lo.can_edit("DEU")
    lo = store.change(lo.id, author="ada", nations=["DEU", "deu", "FRA"])
    assert lo.nations == ("DEU", "FRA")
    lo = store.change(lo.id, author="ada", role="analyst", password="another one")
    assert lo.role is Role.ANALYST and lo.nations == () and lo.can_edit("POL")
    assert store.authenticate("lo", PASSWORD) is None
    assert store.authenticate("lo", "another one") == lo
    events = store.events(lo.id)
    assert [(e.action, e.author) for e in events] == [
        ("added", "ada"), ("changed", "ada"), ("changed", "ada")]
    assert events[0].detail == {"role": "liaison", "nations": ["FRA"]}
    assert events[2].detail == {"role": ["liaison", "analyst"],
                                "nations": [["DEU", "FRA"], []], "password": "changed"}
    assert all(abs(dt.datetime.now(dt.UTC) - e.recorded_at) < dt.timedelta(minutes=5)
               for e in events)


def test_bad_changes_name_the_field_and_change_nothing(ledger: Ledger) -> None:
    store = UserStore(ledger)
    lo = store.add("lo", PASSWORD, "liaison", ["FRA"])
    for change, field in [({"role": "general"}, "role"), ({"nations": ["XXX"]}, "nations"),
                          ({"role": "viewer", "nations": ["FRA"]}, "nations"),
                          ({"nations": []}, "nations"), ({"password": "short"}, "password")]:
        with pytest.raises(ScenarioError) as err:
            store.change(lo.id, author="ada", **change)  # type: ignore[arg-type]
        assert err.value.field == field
    assert store.get(lo.id) == lo and [e.action for e in store.events(lo.id)] == ["added"]
    with pytest.raises(NotFound):
        store.change(999, author="ada", role="viewer")


def test_a_disabled_user_can_neither_log_in_nor_use_a_token(ledger: Ledger) -> None:
    store = UserStore(ledger)
    vi = store.add("vi", PASSWORD, "viewer")
    token = store.create_token(vi)
    off = store.change(vi.id, author="ada", disabled=True)
    assert off.disabled and not off.can_edit("FRA")
    assert store.authenticate("vi", PASSWORD) is None
    assert store.by_token(token) is None and store.active(vi.id) is None
    assert store.get(vi.id) == off  # kept on the record
    store.change(vi.id, author="ada", disabled=False)
    assert store.by_token(token) == vi and store.authenticate("vi", PASSWORD) == vi
    assert [e.action for e in store.events(vi.id)] == [
        "added", "token issued", "disabled", "enabled"]


def test_the_last_active_admin_stays(ledger: Ledger) -> None:
    store = UserStore(ledger)
    ada = store.add("ada", PASSWORD, "admin")
    with pytest.raises(Conflict, match="last active admin"):
        store.change(ada.id, author="ada", role="analyst")
    with pytest.raises(Conflict):
        store.change(ada.id, author="ada", disabled=True)
    bo = store.add("bo", PASSWORD, "admin")
    store.change(bo.id, author="ada", disabled=True)  # a disabled admin does not count
    with pytest.raises(Conflict):
        store.change(ada.id, author="ada", role="viewer")
    store.change(bo.id, author="ada", disabled=False)
    assert store.change(ada.id, author="bo", role="viewer").role is Role.VIEWER


def test_tokens_are_digests_listed_and_revoked(ledger: Ledger) -> None:
    store = UserStore(ledger)
    vi, an = store.add("vi", PASSWORD, "viewer"), store.add("an", PASSWORD, "analyst")
    record, token = store.issue_token(vi, "notebook")
    _, other = store.issue_token(an, "script")
    with ledger.engine.connect() as conn:
        stored = [r.token_hash for r in conn.execute(select(api_tokens))]
    assert hashlib.sha256(token.encode()).hexdigest() in stored and token not in stored
    assert [t.label for t in store.tokens(vi.id)] == ["notebook"]
    assert [t.user for t in store.tokens()] == ["vi", "an"]
    revoked, digest = store.revoke_token(record.id, author="ada")
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    assert revoked.revoked_by == "ada" and revoked.revoked_at is not None
    assert store.by_token(token) is None and store.by_token(other) == an
    again, _ = store.revoke_token(record.id, author="someone else")
    assert again == revoked  # unchanged
    assert store.token(record.id) == (revoked, vi.id)
    with pytest.raises(NotFound):
        store.revoke_token(999, author="ada")


def test_an_old_ledger_keeps_its_users_on_upgrade(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.upgrade("0003")
        with ledger.engine.begin() as conn:
            uid = conn.execute(insert(users).values(
                name="old", password_hash="x", role="analyst", nations=[],
                created_at=dt.datetime(2025, 1, 1)).returning(users.c.id)).scalar_one()
            conn.execute(insert(api_tokens).values(
                user_id=uid, token_hash=hashlib.sha256(b"fg_old").hexdigest(), label="",
                created_at=dt.datetime(2025, 1, 1)))
        ledger.upgrade()
        store = UserStore(ledger)
        found = store.by_token("fg_old")
        assert found is not None and found.name == "old" and not found.disabled
        assert store.events(uid) == []
        ledger.downgrade("0003")
        with ledger.engine.connect() as conn:
            assert conn.execute(select(users.c.name)).scalars().all() == ["old"]
