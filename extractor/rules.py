"""Language data from ``rules/``: loading, folding and layering of user rule folders.

The shipped folder is found both in a checkout (``<repo>/rules``) and in an installed wheel
(``extractor/_rules``). A user's folder (``--rules DIR``) holds YAML files with the same names;
they are layered over the shipped ones: lists are extended, mappings are merged key by key.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

_HERE = Path(__file__).resolve().parent


class RulesError(ValueError):
    """A rule file could not be read; the message names the file and the line."""


def shipped_rules_dir() -> Path:
    # installed wheel: extractor/_rules (see pyproject package-dir); checkout: <repo>/rules
    for candidate in (_HERE / "_rules", _HERE.parent / "rules"):
        if (candidate / "numbers.yaml").is_file():
            return candidate
    raise RulesError(f"the shipped rules/ folder was not found next to {_HERE}")


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise RulesError(f"{where}: {exc.problem or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from None


def _layer(base: Any, extra: Any, where: str) -> Any:
    if base is None:
        return extra
    if isinstance(base, dict):
        if not isinstance(extra, dict):
            raise RulesError(f"{where}: expected a mapping, got {type(extra).__name__}")
        out = dict(base)
        for key, value in extra.items():
            out[key] = _layer(base.get(key), value, f"{where}: {key}") if key in base else value
        return out
    if isinstance(base, list):
        if not isinstance(extra, list):
            raise RulesError(f"{where}: expected a list, got {type(extra).__name__}")
        return base + [x for x in extra if x not in base]
    return extra


class Rules:
    """All rule files, by stem: ``rules["numbers"]["scales"]``."""

    def __init__(self, dirs: Iterable[Path | str] = ()):
        self.dirs = [shipped_rules_dir()] + [Path(d) for d in dirs]
        for d in self.dirs[1:]:
            if not d.is_dir():
                raise RulesError(f"{d}: not a folder of rule files")
        self._sections: dict[str, Any] = {}

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(str(d) for d in self.dirs[1:])

    def __getitem__(self, name: str) -> Any:
        if name not in self._sections:
            merged: Any = None
            found = False
            for d in self.dirs:
                path = d / f"{name}.yaml"
                if path.is_file():
                    found = True
                    merged = _layer(merged, _read_yaml(path), str(path))
            if not found:
                raise RulesError(f"no rule file {name}.yaml in {', '.join(map(str, self.dirs))}")
            self._sections[name] = merged if merged is not None else {}
        return self._sections[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except RulesError:
            return default


@lru_cache(maxsize=16)
def _cached_rules(key: tuple[str, ...]) -> Rules:
    return Rules(key)


def load_rules(user_dirs: Iterable[Path | str] | None = None) -> Rules:
    """The shipped rules with the user's folders layered on top (cached per folder list)."""
    return _cached_rules(tuple(str(Path(d).resolve()) for d in (user_dirs or ())))


@lru_cache(maxsize=1)
def _tone_table() -> tuple[tuple[str, str], ...]:
    data = _read_yaml(shipped_rules_dir() / "normalise.yaml")["tone_fold"]
    pairs = []
    for old, new in data.items():
        pairs.append((old, new))
        pairs.append((old[0].upper() + old[1:], new[0].upper() + new[1:]))
        pairs.append((old.upper(), new.upper()))
    return tuple(pairs)


def fold_tones(text: str) -> str:
    """One tone-mark style (new style: "hoà", "thuỷ"). Same length as the input."""
    for old, new in _tone_table():
        if old in text:
            text = text.replace(old, new)
    return text


def fold(text: str) -> str:
    """How rule words are compared with article text: NFC, one tone-mark style."""
    return fold_tones(unicodedata.normalize("NFC", text))
