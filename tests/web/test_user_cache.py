"""The app's cache of who is asking: a revocation or a change made through the app takes
effect at once, even when it lands while a lookup of the same user is under way."""

from __future__ import annotations

from forcegen.store.users import Role, User
from forcegen.web.auth import UserCache

LOUIS = User(id=3, name="louis", role=Role.LIAISON, nations=("FRA",))
ANNA = User(id=2, name="anna", role=Role.ANALYST)


class Loads:
    """A loader that counts its calls and returns what it is given."""

    def __init__(self, answer: User | None) -> None:
        self.answer, self.calls = answer, 0

    def __call__(self) -> User | None:
        self.calls += 1
        return self.answer


def test_answers_are_kept_until_forgotten() -> None:
    cache = UserCache(ttl=60)
    louis, anna = Loads(LOUIS), Loads(ANNA)
    for _ in range(3):
        assert cache.get(("token", "d-louis"), louis) == LOUIS
        assert cache.get(("token", "d-anna"), anna) == ANNA
    assert (louis.calls, anna.calls) == (1, 1)
    cache.forget(digest="d-louis")
    cache.get(("token", "d-louis"), louis)
    cache.get(("token", "d-anna"), anna)
    assert (louis.calls, anna.calls) == (2, 1)  # only the revoked token is read again


def test_forgetting_a_user_drops_their_session_and_tokens() -> None:
    cache = UserCache(ttl=60)
    session, token, other = Loads(LOUIS), Loads(LOUIS), Loads(ANNA)
    cache.get(("id", 3), session)
    cache.get(("token", "d-louis"), token)
    cache.get(("token", "d-anna"), other)
    cache.forget(user_id=3)
    cache.get(("id", 3), session)
    cache.get(("token", "d-louis"), token)
    cache.get(("token", "d-anna"), other)
    assert (session.calls, token.calls, other.calls) == (2, 2, 1)


def test_a_refusal_is_forgotten_with_any_change() -> None:
    cache = UserCache(ttl=60)
    nobody = Loads(None)
    assert cache.get(("token", "d-louis"), nobody) is None
    cache.forget(user_id=3)  # louis enabled again: his token was refused while disabled
    nobody.answer = LOUIS
    assert cache.get(("token", "d-louis"), nobody) == LOUIS


def test_a_lookup_overtaken_by_a_revocation_is_not_kept() -> None:
    cache = UserCache(ttl=60)
    calls = []

    def slow_load() -> User | None:
        calls.append(1)
        if len(calls) == 1:  # the revocation commits while this read is under way
            cache.forget(digest="d-louis")
            return LOUIS  # what the read saw before the revocation
        return None

    assert cache.get(("token", "d-louis"), slow_load) == LOUIS
    assert cache.get(("token", "d-louis"), slow_load) is None  # read again, refused
    assert len(calls) == 2


def test_answers_expire_after_the_ttl() -> None:
    cache = UserCache(ttl=0.0)
    louis = Loads(LOUIS)
    cache.get(("id", 3), louis)
    cache.get(("id", 3), louis)
    assert louis.calls == 2
