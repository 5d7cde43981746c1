"""Article ids seen in a run, kept in a private temporary SQLite database on disk.

A run over millions of articles has to remember every id (to flag duplicates, to skip what a
previous run already wrote); a Python set of them would grow with the run. SQLite keeps a
small page cache in memory and the rest in a temporary file that is deleted when the store is
closed. A look-up costs a few microseconds, nothing next to extracting an article.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable


class IdStore:
    """``first_source(id, source)``: None the first time an id is seen, then the source it was
    first seen with. ``add_done``/``take_done`` count ids (an id may occur several times)."""

    def __init__(self) -> None:
        # "" = a private temporary on-disk database, removed on close
        self.db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-4096")  # at most 4 MB of pages in memory
        self.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, source TEXT) WITHOUT ROWID")
        self.db.execute("CREATE TABLE done (id TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        self.db.execute("BEGIN")
        self._pending = 0

    def _tick(self) -> None:
        # one transaction per few thousand writes: a transaction per insert is ten times slower
        self._pending += 1
        if self._pending >= 5000:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
            self._pending = 0

    def first_source(self, aid: str, source: str) -> str | None:
        row = self.db.execute("SELECT source FROM seen WHERE id = ?", (aid,)).fetchone()
        if row is not None:
            return row[0]
        self.db.execute("INSERT INTO seen VALUES (?, ?)", (aid, source))
        self._tick()
        return None

    def add_done(self, ids: Iterable[str]) -> int:
        n = 0
        for aid in ids:
            self.db.execute("INSERT INTO done VALUES (?, 1) ON CONFLICT(id) DO UPDATE SET n = n + 1",
                            (aid,))
            self._tick()
            n += 1
        return n

    def take_done(self, aid: str) -> bool:
        """True (and one occurrence used up) when ``aid`` was among the done ids."""
        row = self.db.execute("SELECT n FROM done WHERE id = ?", (aid,)).fetchone()
        if not row or row[0] <= 0:
            return False
        self.db.execute("UPDATE done SET n = n - 1 WHERE id = ?", (aid,))
        self._tick()
        return True

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "IdStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
