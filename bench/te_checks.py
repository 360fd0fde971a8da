"""Checks of every endpoint's answer against the TechEmpower rules, before any load.

Each check takes a GET function (path -> status, Content-Type, body) and returns the list of
problems found (empty when the endpoint follows the rules).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

from te_apps import ADDED_FORTUNE, CACHED_PATH, FORTUNE_MESSAGES, MESSAGE

Get = Callable[[str], tuple[int, str, bytes]]

EXPECTED_FORTUNES = sorted(
    [(str(i), m) for i, m in enumerate(FORTUNE_MESSAGES, start=1)] + [("0", ADDED_FORTUNE)],
    key=lambda row: row[1],
)


def _fetch(get: Get, path: str, content_type: str, problems: list[str]) -> bytes | None:
    status, got_type, body = get(path)
    if status != 200:
        problems.append(f"{path}: status {status}: {body[:300]!r}")
        return None
    if got_type.split(";")[0].strip() != content_type:
        problems.append(f"{path}: Content-Type {got_type!r}, expected {content_type!r}")
    return body


def _json(get: Get, path: str, problems: list[str]) -> object:
    body = _fetch(get, path, "application/json", problems)
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        problems.append(f"{path}: body is not JSON: {body[:200]!r}")
        return None


def _world_problem(item: object) -> str | None:
    if not isinstance(item, dict) or set(item) != {"id", "randomNumber"}:
        return f"not an object with id and randomNumber: {item!r}"
    if not all(isinstance(item[k], int) and 1 <= item[k] <= 10000 for k in item):
        return f"id or randomNumber outside 1..10000: {item!r}"
    return None


def _worlds(get: Get, path: str, count: int, problems: list[str]) -> list[dict]:
    data = _json(get, path, problems)
    if data is None:
        return []
    if not isinstance(data, list) or len(data) != count:
        problems.append(f"{path}: expected an array of {count} worlds, got {str(data)[:200]}")
        return []
    for item in data:
        problem = _world_problem(item)
        if problem:
            problems.append(f"{path}: {problem}")
            return []
    return data


class _Cells(HTMLParser):
    """The text of every <td> and <th>, character references resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def check_fortunes(get: Get, path: str = "/fortunes") -> list[str]:
    """13 rows sorted by message, the added one included, every message HTML-escaped."""
    problems: list[str] = []
    body = _fetch(get, path, "text/html", problems)
    if body is None:
        return problems
    text = body.decode("utf-8", errors="replace")
    if "<script>" in text:
        problems.append(f"{path}: the <script> fortune is not escaped")
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append(f"{path}: does not start with <!DOCTYPE html>")
    parser = _Cells()
    parser.feed(text)
    rows = [tuple(row) for row in parser.rows]
    if rows[:1] != [("id", "message")] or rows[1:] != EXPECTED_FORTUNES:
        problems.append(f"{path}: rows differ from the expected 13 sorted fortunes: {rows!r}")
    return problems


def check_cached(get: Get, stored: Callable[[], int]) -> list[str]:
    """The cached page is the fortunes page, twice over, and is stored in the cache.

    `stored` counts the app's keys in Redis: none may exist before the first request (the
    run's prefix is new) and some must after it, or the page was never cached.
    """
    if stored():
        return [f"{CACHED_PATH}: Redis holds keys of this run before the first request"]
    problems = check_fortunes(get, CACHED_PATH) + check_fortunes(get, CACHED_PATH)
    if not problems and not stored():
        problems.append(f"{CACHED_PATH}: nothing stored in Redis: the page is not cached")
    return problems


def check_all(get: Get) -> list[str]:
    """Every endpoint's answer checked; the problems found."""
    problems: list[str] = []
    body = _fetch(get, "/plaintext", "text/plain", problems)
    if body is not None and body != MESSAGE.encode():
        problems.append(f"/plaintext: body {body[:200]!r}")
    data = _json(get, "/json", problems)
    if data is not None and data != {"message": MESSAGE}:
        problems.append(f"/json: body {data!r}")
    data = _json(get, "/db", problems)
    if data is not None and _world_problem(data):
        problems.append(f"/db: {_world_problem(data)}")
    # The count is clamped to 1..500; anything not a number counts as 1.
    for query, count in (("", 1), ("?queries=foo", 1), ("?queries=0", 1), ("?queries=20", 20)):
        _worlds(get, f"/queries{query}", count, problems)
    _worlds(get, "/queries?queries=501", 500, problems)
    problems += check_fortunes(get)
    _worlds(get, "/updates?queries=foo", 1, problems)
    updated = _worlds(get, "/updates?queries=500", 500, problems)
    # The new values must be in the database: rows read right after show them.
    read = _worlds(get, "/queries?queries=500", 500, problems)
    new = {row["id"]: row["randomNumber"] for row in updated}
    stale = [row for row in read if row["id"] in new and new[row["id"]] != row["randomNumber"]]
    if stale:
        problems.append(f"/updates: values not written to the database, e.g. {stale[0]!r}")
    return problems
