"""Serialisation shared by every stage: a component's whole state is its configuration (the
rule folders and options it was made with), so spaCy's ``to_disk``/``from_disk`` write and
read just that, and loading rebuilds the component from the rules."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class ConfigState:
    """Mixin: subclasses say what their configuration is and how to rebuild from it."""

    rules_dirs: list[str]

    def config(self) -> dict[str, Any]:
        return {"rules_dirs": self.rules_dirs}

    def configure(self, **config: Any) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def to_bytes(self, **kwargs) -> bytes:
        return json.dumps(self.config()).encode()

    def from_bytes(self, data: bytes, **kwargs):
        self.configure(**json.loads(data))
        return self

    def to_disk(self, path, **kwargs) -> None:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        (p / "config.json").write_bytes(self.to_bytes())

    def from_disk(self, path, **kwargs):
        return self.from_bytes((Path(path) / "config.json").read_bytes())
