"""Reading articles: header lines, HTML (offline), standard input, options; bad input gets
one clear message or an empty claim list with a warning."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from forcegen.errors import IngestError, ScenarioError, TooLarge
from forcegen.ingest.batch import ingest_files
from forcegen.ingest.read import ArticleMeta, read_article

TEXT = "Norway will send two frigates to the Black Sea, officials in Oslo said.\n"


def test_header_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("URL: https://example.org/a\nTITLE: Oslo sends ships\nDATE: 2025-03-01\n"
                 "OUTLET: Example Wire\nAUTHOR: A. Writer, B. Writer\n\n" + TEXT, "utf-8")
    article = read_article(f)
    assert article.meta == ArticleMeta(title="Oslo sends ships", outlet="Example Wire",
                                       date=dt.date(2025, 3, 1), url="https://example.org/a",
                                       authors=("A. Writer", "B. Writer"))
    assert article.text.strip() == TEXT.strip()


def test_options_override_the_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("OUTLET: Example Wire\n\n" + TEXT, "utf-8")
    article = read_article(f, ArticleMeta(outlet="Other Wire", date=dt.date(2025, 1, 2)))
    assert (article.meta.outlet, article.meta.date) == ("Other Wire", dt.date(2025, 1, 2))


def test_bad_date_names_file_field_and_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("TITLE: x\nDATE: March 1st\n\n" + TEXT, "utf-8")
    with pytest.raises(ScenarioError) as err:
        read_article(f)
    assert (err.value.file, err.value.field, err.value.line) == (str(f), "DATE", 2)


def test_html_through_trafilatura(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(
        "<!doctype html><html><head><title>Oslo sends ships</title>"
        '<meta property="og:site_name" content="Example Wire">'
        '<meta name="date" content="2025-03-01"></head><body><nav>Home | World</nav>'
        f"<article><h1>Oslo sends ships</h1><p>{TEXT}</p>"
        "<p>The decision follows weeks of talks among the allies about the mission.</p>"
        "</article></body></html>", "utf-8")
    result = ingest_files([f])
    [claim] = result.claims
    assert (claim.country, claim.quantity, claim.unit) == ("NOR", 2, "ships")
    assert claim.source.title == "Oslo sends ships"
    assert claim.source.date == "2025-03-01"


def test_standard_input() -> None:
    result = ingest_files(["-"], stdin=io.BytesIO(TEXT.encode("utf-8")))
    assert [c.country for c in result.claims] == ["NOR"]
    assert result.articles[0].article == "<stdin>"


def test_empty_binary_and_too_large(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(IngestError, match=r"empty\.txt: the file is empty"):
        read_article(empty)
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    with pytest.raises(IngestError, match="binary"):
        read_article(binary)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    with pytest.raises(TooLarge, match=r"big\.txt: 21\.0 MB"):
        read_article(big)


def test_non_english_gives_a_warning_and_no_claims(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text("La France pourrait envoyer jusqu'à 10 000 soldats en Ukraine, selon "
                 "l'Élysée, si un cessez-le-feu est conclu avec la Russie.", "utf-8")
    result = ingest_files([f])
    assert result.claims == []
    assert any("does not look like English" in w for w in result.warnings)


def test_broken_html_gives_claims_or_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_text(f"<html><body><p>{TEXT}<div><p>unclosed <b>tags", "utf-8")
    result = ingest_files([f])
    assert [c.country for c in result.claims] == ["NOR"] or result.warnings


def test_encodings(tmp_path: Path) -> None:
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(("Norway’s navy " + TEXT).encode("cp1252"))
    result = ingest_files([cp])
    assert [c.country for c in result.claims] == ["NOR"]
    assert any("Windows-1252" in w for w in result.warnings)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(TEXT.encode("utf-16"))
    assert [c.country for c in ingest_files([utf16]).claims] == ["NOR"]
    unknown = tmp_path / "unknown.txt"
    unknown.write_bytes(bytes(range(0x80, 0x100)) * 20)
    with pytest.raises(IngestError, match="unknown text encoding"):
        read_article(unknown)


def test_a_bad_file_stops_before_any_claim(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, "utf-8")
    with pytest.raises(IngestError, match=r"missing\.txt: no such file"):
        ingest_files([good, tmp_path / "missing.txt"])
