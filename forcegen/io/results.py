"""A sweep's results file (Parquet), written as the sweep runs and resumable.

While a sweep runs, each finished batch is a complete small Parquet file in
``OUT.parts/`` (written to a temporary name, then renamed: a kill leaves no half file).
At the end the parts become ``OUT``, one row per variant in index order, with the
sweep's description in the schema metadata (key ``forcegen.sweep``); then the parts go.
A new run finds the parts (or the finished file) and skips what they hold. Parts or a
file from another sweep are refused, never overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from forcegen.errors import Conflict, NotFound, UsageError

if TYPE_CHECKING:
    import pyarrow as pa

META_KEY = b"forcegen.sweep"


def _pa() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("sweep results are Parquet: install forcegen with the [dask] "
                         "extra (pip install 'forcegen[dask]')") from None
    return pyarrow


def schema(columns: dict[str, str], meta: dict[str, Any]) -> pa.Schema:
    pa = _pa()
    kinds = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    return pa.schema([(name, kinds[kind]) for name, kind in columns.items()],
                     metadata={META_KEY: json.dumps(meta, sort_keys=True).encode()})


def read_meta(path: Path) -> dict[str, Any]:
    """The sweep description stored in a results file."""
    pa = _pa()
    try:
        found = pa.parquet.read_schema(path).metadata or {}
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except (pa.ArrowInvalid, OSError) as exc:
        raise UsageError(f"{path}: not a Parquet file ({exc})") from None
    if META_KEY not in found:
        raise UsageError(f"{path}: not a forcegen sweep results file (no {META_KEY.decode()} "
                         "metadata)")
    meta: dict[str, Any] = json.loads(found[META_KEY])
    return meta


def read_results(path: Path) -> tuple[Any, dict[str, Any]]:
    """The results as a pandas DataFrame (one row per variant) and the sweep description."""
    meta = read_meta(path)
    frame = _pa().parquet.read_table(path).to_pandas()
    return frame, meta


class ResultsFile:
    """The results of one sweep at ``out``: which variants are done, and adding more."""

    def __init__(self, out: Path, columns: dict[str, str], meta: dict[str, Any]) -> None:
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.schema = schema(columns, meta)
        self.meta = meta
        self.fingerprint = meta["fingerprint"]

    def _refuse(self, where: Path, other: dict[str, Any]) -> Conflict:
        return Conflict(
            f"{where}: results of another sweep ({other.get('name')!r}, fingerprint "
            f"{other.get('fingerprint')}; this sweep is {self.meta['name']!r}, fingerprint "
            f"{self.fingerprint}); choose another --out, or move that file away. "
            "Nothing was changed.")

    def done(self) -> set[int]:
        """The variants already computed, in ``out`` or in its parts (after checking both
        are of this sweep: a kill between writing ``out`` and removing the parts leaves
        both)."""
        pa = _pa()
        out: set[int] = set()
        if self.out.exists():
            other = read_meta(self.out)
            if other.get("fingerprint") != self.fingerprint:
                raise self._refuse(self.out, other)
            out.update(pa.parquet.read_table(self.out, columns=["variant"])
                       .column("variant").to_pylist())
        if not self.parts.is_dir():
            return out
        stamp = self.parts / "sweep.json"
        other = json.loads(stamp.read_text("utf-8")) if stamp.exists() else {}
        if other.get("fingerprint") != self.fingerprint:
            raise self._refuse(self.parts, other)
        for part in sorted(self.parts.glob("part-*.parquet")):
            out.update(pa.parquet.read_table(part, columns=["variant"])
                       .column("variant").to_pylist())
        return out

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Add one finished batch as a part (atomically)."""
        if not rows:
            return
        pa = _pa()
        if not self.parts.is_dir():
            self.parts.mkdir(parents=True)
            (self.parts / "sweep.json").write_text(json.dumps(self.meta, sort_keys=True),
                                                   "utf-8")
        table = pa.Table.from_pylist(rows, schema=self.schema)
        first = min(int(r["variant"]) for r in rows)
        final = self.parts / f"part-{first:09d}.parquet"
        tmp = final.with_suffix(".tmp")
        pa.parquet.write_table(table, tmp)
        os.replace(tmp, final)

    def finish(self) -> None:
        """Gather the parts into ``out``, one row per variant in index order."""
        pa = _pa()
        if not self.parts.is_dir():
            return
        tables = [pa.parquet.read_table(p, schema=self.schema)
                  for p in sorted(self.parts.glob("part-*.parquet"))]
        if self.out.exists():
            tables.insert(0, pa.parquet.read_table(self.out, schema=self.schema))
        table = (pa.concat_tables(tables) if tables else self.schema.empty_table())
        table = table.sort_by("variant")
        _, first = np.unique(table.column("variant").to_numpy(), return_index=True)
        if len(first) < table.num_rows:  # a variant in both out and a part: keep one row
            table = table.take(first)
        table = table.replace_schema_metadata(self.schema.metadata)
        tmp = self.out.with_name(self.out.name + ".tmp")
        pa.parquet.write_table(table, tmp)
        os.replace(tmp, self.out)
        shutil.rmtree(self.parts)
