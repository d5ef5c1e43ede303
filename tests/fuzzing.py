"""A seeded mutator over the embedded scenarios, and the harness that runs a mutated
file through ``forcegen validate`` and ``forcegen plan --json`` in process.

Each case must end with exit code 0 or 2, print no traceback, and finish before the
harness's per-case timeout (a SIGALRM: a hang becomes a failed case, not a stuck run).
The suite runs a few hundred cases (``tests/test_fuzz.py``); ``make fuzz`` runs 10,000
(``benchmarks/fuzz.py``). Case ``n`` of seed ``s`` is the same file on every machine.
"""

from __future__ import annotations

import contextlib
import random
import re
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

#: Long enough that only a hang trips it on a loaded machine; not a speed target.
CASE_TIMEOUT_S = 30.0

_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_EXTREME = ("0", "-1", "2147483648", "9223372036854775808", "1" + "0" * 400, "1e308",
            "5e-324", "-0.0", "nan", "inf", "-inf", "1.5", '"12"', "true", "[]", "{}",
            "10000001", "1e30")
_JUNK = ("\x00", "\x1b[31m", "\x1b]0;pwned\x07", "\ufeff", "\u202e", '"', "'", "[", "]",
         "{", "}", "=", "#", "\\", "\n", "\r\n", "\t", "[[pledges]]", "[nations]", "é",
         "\ud7ff", " " * 3000, "[" * 600, "a." * 600)


_BLANKS = ('""', "[]", "{}", "0", '"\\u0000"')


def embedded_texts() -> dict[str, str]:
    files = resources.files("forcegen.scenarios")
    return {f.name: f.read_text("utf-8") for f in files.iterdir() if f.name.endswith(".toml")}


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def _delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def _duplicate_block(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    n = rng.randint(1, 12)
    return "".join(lines[: i + n] + lines[i: i + n] + lines[i + n:])


def _swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def _extreme_number(text: str, rng: random.Random) -> str:
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    m = rng.choice(found)
    return text[: m.start()] + rng.choice(_EXTREME) + text[m.end():]


def _insert_junk(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(_JUNK) + text[at:]


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _flip_char(text: str, rng: random.Random) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + chr(rng.randrange(32, 0x3000)) + text[at + 1:]


def _blank_value(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if "=" in line]
    if not keyed:
        return text
    i = rng.choice(keyed)
    key = lines[i].split("=", 1)[0]
    lines[i] = f"{key}= {rng.choice(_BLANKS)}\n"
    return "".join(lines)


MUTATIONS: tuple[Callable[[str, random.Random], str], ...] = (
    _delete_line, _duplicate_block, _swap_lines, _extreme_number, _insert_junk, _truncate,
    _flip_char, _blank_value)


def mutate(text: str, rng: random.Random) -> str:
    """One to three mutations of ``text``."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(MUTATIONS)(text, rng)
    return text


def case_text(seed: int, n: int) -> str:
    """The text of case ``n`` of ``seed``: a mutated embedded scenario."""
    rng = random.Random(f"{seed}/{n}")
    texts = embedded_texts()
    return mutate(texts[rng.choice(sorted(texts))], rng)


class CaseTimeout(Exception):
    """A case ran longer than the harness allows: a hang."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout in this (main) thread after ``seconds``."""

    def expire(_signum: int, _frame: object) -> None:
        raise CaseTimeout(f"no answer after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    command: str
    exit_code: int
    output: str

    @property
    def ok(self) -> bool:
        return self.exit_code in (0, 2) and "Traceback" not in self.output


def run_case(text: str, folder: Path, *, timeout: float = CASE_TIMEOUT_S) -> list[Outcome]:
    """``validate`` on the file, then ``plan --json`` if it validated; each outcome."""
    from forcegen.cli import app

    path = folder / "case.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    runner = CliRunner()
    out = []
    for command in (["validate", str(path)], ["plan", str(path), "--json"]):
        with time_limit(timeout):
            result = runner.invoke(app, command)
        code = result.exit_code
        output = result.output + (result.stderr or "")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            code, output = 1, output + f"\nTraceback: {result.exception!r}"
        out.append(Outcome(command[0], code, output))
        if code != 0:
            break
    return out
