"""Reading an article: a text or HTML file, or standard input, and its metadata.

Metadata (title, outlet, date, url, authors) comes from the HTML (through trafilatura, run
offline on the file: no URL is ever fetched), or from leading ``URL:``, ``TITLE:``,
``DATE:``, ``OUTLET:``, ``AUTHOR:`` lines of a text file, or from options, which win.

Bad input is refused with one message naming the file (and the line, for a bad header):
a binary, empty, oversized or undecodable file. Text that does not look like English is
read, with a warning, and yields no claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from forcegen.errors import IngestError, Problem, ScenarioError, TooLarge

#: The largest article forcegen reads (a long report is ~100 KB of HTML).
MAX_BYTES = 5 * 1024 * 1024
HEADER = re.compile(r"^(URL|TITLE|DATE|OUTLET|SOURCE|AUTHORS?|BYLINE):[ \t]*(.*?)\s*$",
                    re.IGNORECASE)
HEADER_FIELDS = {"url": "url", "title": "title", "date": "date", "outlet": "outlet",
                 "source": "outlet", "author": "authors", "authors": "authors",
                 "byline": "authors"}
HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|p|div|article)\b",
    re.IGNORECASE | re.DOTALL)
#: Frequent English words: a text with too few of them is not read as English.
ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "it",
    "was", "said", "has", "have", "are", "be", "from", "at", "its", "will", "would", "their",
    "which", "an", "not", "this", "or", "had", "were", "been", "they", "also", "but", "who"})


@dataclass(frozen=True)
class ArticleMeta:
    """Where an article comes from; every field may be unknown ("" / None)."""

    title: str = ""
    outlet: str = ""
    date: dt.date | None = None
    url: str = ""
    authors: tuple[str, ...] = ()

    def merged(self, other: ArticleMeta) -> ArticleMeta:
        """These fields, overridden by the ones ``other`` knows."""
        return ArticleMeta(
            title=other.title or self.title, outlet=other.outlet or self.outlet,
            date=other.date or self.date, url=other.url or self.url,
            authors=other.authors or self.authors)

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet or None, "title": self.title or None,
                "date": self.date.isoformat() if self.date else None, "url": self.url or None,
                "authors": list(self.authors)}


@dataclass(frozen=True)
class Article:
    """An article's body text and metadata, ready for extraction."""

    name: str  # file name, or "-" for standard input
    text: str
    meta: ArticleMeta
    fingerprint: str  # sha256 of the body text: the article's identity
    warnings: tuple[str, ...] = field(default=())


def parse_date(value: str, where: str, field_name: str, line: int | None = None) -> dt.date:
    """An ISO date (``2025-02-17``, a time after it is ignored)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ScenarioError([Problem(f"not a date (expected YYYY-MM-DD): {value!r}",
                                     field_name, line)], where) from None


def read_article(source: str | Path, meta: ArticleMeta | None = None,
                 stdin: BinaryIO | None = None) -> Article:
    """Read one article from a path (``"-"``: standard input)."""
    name = str(source)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        name = "<stdin>"
    else:
        path = Path(source)
        if not path.exists():
            raise IngestError(f"{name}: no such file")
        if path.is_dir():
            raise IngestError(f"{name}: is a folder, not an article")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TooLarge(f"{name}: {size / 1e6:.1f} MB is over the {MAX_BYTES // 2**20} MB "
                           "limit for one article")
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise TooLarge(f"{name}: over the {MAX_BYTES // 2**20} MB limit for one article")
    return article_from_bytes(data, name, meta or ArticleMeta())


def article_from_bytes(data: bytes, name: str, given: ArticleMeta) -> Article:
    if not data.strip():
        raise IngestError(f"{name}: the file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name}: a binary file, not a text or HTML article")
    text, warnings = decode(data, name)
    if name.lower().endswith((".html", ".htm", ".xhtml")) or HTML_START.match(data[:2048]):
        body, meta = _from_html(text, name)
        if not body.strip():
            warnings.append(f"{name}: no article text found in the HTML")
    else:
        body, meta = _from_text(text, name)
    meta = meta.merged(given)
    if body.strip() and not looks_english(body):
        warnings.append(f"{name}: the text does not look like English; no claims read")
        body = ""
    fingerprint = hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()
    return Article(name, body, meta, fingerprint, tuple(warnings))


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 with a warning;
    anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and not any(ch in text for ch in "\x81\x8d\x8f\x90\x9d") and _printable(text):
            return text, [f"{name}: not UTF-8; read as Windows-1252"]
    raise IngestError(f"{name}: unknown text encoding (not UTF-8, UTF-16 or Windows-1252); "
                      "convert the file to UTF-8")


def _printable(text: str) -> bool:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad <= len(text) // 1000


def looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 8:
        return any(w in ENGLISH for w in words)
    return sum(w in ENGLISH for w in words) / len(words) >= 0.12


def _from_text(text: str, name: str) -> tuple[str, ArticleMeta]:
    lines = text.splitlines()
    values: dict[str, Any] = {}
    i = 0
    while i < len(lines):
        m = HEADER.match(lines[i])
        if not m:
            break
        key = HEADER_FIELDS[m.group(1).lower()]
        value = m.group(2)
        if key == "date":
            values["date"] = parse_date(value, name, "DATE", i + 1) if value else None
        elif key == "authors":
            values["authors"] = tuple(a.strip() for a in re.split(r",|\band\b", value)
                                      if a.strip())
        else:
            values[key] = value
        i += 1
    body = "\n".join(lines[i:]) if values else text
    return body, replace(ArticleMeta(), **values)


def _from_html(html: str, name: str) -> tuple[str, ArticleMeta]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception:
        doc = None
    if doc is None:
        return "", ArticleMeta()
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    date = None
    if get("date"):
        try:
            date = dt.date.fromisoformat(str(get("date"))[:10])
        except ValueError:
            date = None
    authors = tuple(a.strip() for a in re.split(r";|,", str(get("author") or "")) if a.strip())
    meta = ArticleMeta(title=str(get("title") or ""), outlet=str(get("sitename") or ""),
                       date=date, url=str(get("url") or ""), authors=authors)
    return str(get("text") or ""), meta
