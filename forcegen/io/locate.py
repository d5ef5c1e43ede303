"""Where each table, array element and key of a TOML text stands: its 1-based line."""

from __future__ import annotations

import re

Path_ = tuple[str | int, ...]

# Linear-time patterns: no two neighbouring parts can match the same characters, so a
# long line (of spaces, say) cannot make them backtrack.
_BARE = r"[A-Za-z0-9_\-]+"
_QUOTED = r'"[^"\n]*"|\'[^\'\n]*\''
_KEYPART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEYPART}(?:[ \t]*\.[ \t]*{_KEYPART})*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?$")
_KEY = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")


_SPECIAL = re.compile(r"[\"'#\[\]{}\\]")


def _brackets(text: str) -> int:
    """Open minus closed brackets and braces, outside strings and comments.

    One pass over the special characters only (a regex over whole strings used memory
    in proportion to a long string's length, many times over)."""
    count = 0
    quote = ""
    escaped_at = -1
    for m in _SPECIAL.finditer(text):
        ch, at = m.group(), m.start()
        if quote:
            if at == escaped_at:
                continue
            if ch == "\\" and quote == '"':
                escaped_at = at + 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            count += 1
        elif ch in "]}":
            count -= 1
    return count


def _split_key(key: str) -> list[str]:
    parts = re.findall(_KEYPART, key)
    return [k.strip("\"'") for k in parts]


def field_lines(text: str) -> dict[Path_, int]:
    """Map each table, array element and key of a TOML text to its 1-based line.

    Handles the usual layout (headers, ``[[arrays]]``, ``key = value`` lines); keys
    inside inline tables or multi-line values are found through their enclosing key.
    """
    lines: dict[Path_, int] = {}
    counters: dict[Path_, int] = {}
    current: Path_ = ()
    depth = 0  # brackets/braces open from a multi-line value
    in_string = False
    for no, raw in enumerate(text.splitlines(), start=1):
        if raw.count('"""') % 2 == 1 or raw.count("'''") % 2 == 1:
            in_string = not in_string
            if not in_string:
                continue
        if in_string or depth > 0:
            depth = max(depth + _brackets(raw), 0)
            continue
        m = _HEADER.match(raw)
        if m:
            names = _split_key(m.group(2))
            path: Path_ = ()
            # resolve each name against the arrays seen so far
            for name in names[:-1]:
                path = (*path, name)
                if path in counters:
                    path = (*path, counters[path])
            path = (*path, names[-1])
            if m.group(1) == "[[":
                idx = counters.get(path, -1) + 1
                counters[path] = idx
                # a new element resets the counters of arrays nested in the old one
                for k in [k for k in counters if len(k) > len(path) and k[: len(path)] == path]:
                    del counters[k]
                path = (*path, idx)
            current = path
            lines.setdefault(current, no)
            continue
        m = _KEY.match(raw)
        if m and not raw.lstrip().startswith("#"):
            key_path = (*current, *_split_key(m.group(1)))
            lines.setdefault(key_path, no)
            value = raw[m.end():]
            depth = max(0, _brackets(value))
    return lines


def locate(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the longest prefix of ``path`` found in ``lines``."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def undotted(field: str) -> Path_:
    return tuple(int(i) if i else n for n, i in _PATH_PART.findall(field))
