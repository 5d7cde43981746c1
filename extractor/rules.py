"""Language data from ``rules/``: loading, folding and layering of user rule folders.

The shipped folder is found both in a checkout (``<repo>/rules``) and in an installed wheel
(``extractor/_rules``). A user's folder (``--rules DIR``) holds YAML files with the same names;
they are layered over the shipped ones: lists are extended, mappings are merged key by key.
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import regex
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


@contextmanager
def _yaml_errors(path: Path) -> Iterator[None]:
    """Any failure reading a rule file becomes a RulesError naming FILE:LINE:COLUMN."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise RulesError(f"{where}: {exc.problem or exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: {exc}") from None


def _read_yaml(path: Path) -> Any:
    with _yaml_errors(path), path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


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
    """All rule files, by stem: ``rules["numbers"]["scales"]``.

    User folders are checked when the rules are loaded, before any article is read: every
    ``*.yaml`` file must take the name of a shipped file, use its keys, and give each key a
    value of the same shape (a list of strings stays a list of strings), so a mistake fails
    at once with the file and line instead of quietly changing nothing.
    """

    def __init__(self, dirs: Iterable[Path | str] = ()):
        self.dirs = [shipped_rules_dir()] + [Path(d) for d in dirs]
        for d in self.dirs[1:]:
            if not d.is_dir():
                raise RulesError(f"{d}: not a folder of rule files")
        self._sections: dict[str, Any] = {}
        self._user: dict[Path, Any] = {}
        for d in self.dirs[1:]:
            for path in sorted(d.iterdir()):
                if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
                    self._user[path] = self._read_user_file(path)

    def _read_user_file(self, path: Path) -> Any:
        shipped_dir = self.dirs[0]
        shipped = shipped_dir / f"{path.stem}.yaml"
        if path.suffix != ".yaml" or not shipped.is_file():
            names = ", ".join(sorted(p.name for p in shipped_dir.glob("*.yaml")))
            raise RulesError(f"{path}: a user rule file takes the name of the shipped file it "
                             f"extends ({names})")
        return validate_user_rules(path, _read_yaml(shipped))

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
                    data = self._user[path] if path in self._user else _read_yaml(path)
                    merged = _layer(merged, data, str(path))
            if not found:
                raise RulesError(f"no rule file {name}.yaml in {', '.join(map(str, self.dirs))}")
            self._sections[name] = merged if merged is not None else {}
        return self._sections[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except RulesError:
            return default


# Keys whose strings are regular expressions: a user's pattern is compiled when loaded, so a
# typo names its file and line instead of failing inside a stage. Keys whose shipped strings
# look like patterns (an escape or a group) are treated the same way.
PATTERN_KEYS: dict[str, tuple[str, ...]] = {
    "normalise": ("chrome_lines", "tail_markers"),
}


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _string_nodes(node: yaml.Node) -> Iterable[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        if _SCALAR_KINDS.get(node.tag) == "string":
            yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _string_nodes(item)
    elif isinstance(node, yaml.MappingNode):
        for _, item in node.value:
            yield from _string_nodes(item)


def _is_pattern_key(stem: str, key: str, shipped_value: Any) -> bool:
    if key in PATTERN_KEYS.get(stem, ()):
        return True
    return any("\\" in s or "(?" in s for s in _strings(shipped_value))

_SCALAR_KINDS = {"tag:yaml.org,2002:str": "string", "tag:yaml.org,2002:int": "number",
                 "tag:yaml.org,2002:float": "number", "tag:yaml.org,2002:bool": "boolean",
                 "tag:yaml.org,2002:null": "null"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "any"


def shape_of(value: Any) -> tuple:
    """The shape a user's value must have to layer over ``value``: ("list", inner),
    ("mapping", inner) or (scalar kind,). Mixed contents give the inner shape ("any",)."""
    kind = _kind(value)
    if kind in ("list", "mapping"):
        items = list(value.values()) if kind == "mapping" else value
        inner = {shape_of(v) for v in items}
        if len(inner) == 1:
            return (kind, inner.pop())
        kinds = {s[0] for s in inner}
        return (kind, (kinds.pop(), ("any",)) if len(kinds) == 1 and kinds <= {"list", "mapping"}
                else ("any",))
    return (kind,)


def describe_shape(shape: tuple) -> str:
    kind = shape[0]
    if kind == "list":
        inner = shape[1]
        return "a list" if inner == ("any",) else f"a list of {_plural(inner)}"
    if kind == "mapping":
        inner = shape[1]
        return "a mapping" if inner == ("any",) else f"a mapping of {_plural(inner)}"
    return {"string": "a string", "number": "a number", "boolean": "true or false"}.get(kind, "a value")


def _plural(shape: tuple) -> str:
    text = describe_shape(shape)
    for article in ("a ", "an "):
        if text.startswith(article):
            text = text[len(article):]
    head, _, rest = text.partition(" of ")
    head = {"list": "lists", "mapping": "mappings", "string": "strings", "number": "numbers"}.get(head, head)
    return f"{head} of {rest}" if rest else head


def _node_fits(node: yaml.Node, shape: tuple) -> yaml.Node | None:
    """The first node (this one or inside it) that does not fit ``shape``, else None."""
    kind = shape[0]
    if kind == "any":
        return None
    if kind == "list":
        if not isinstance(node, yaml.SequenceNode):
            return node
        for item in node.value:
            bad = _node_fits(item, shape[1])
            if bad is not None:
                return bad
        return None
    if kind == "mapping":
        if not isinstance(node, yaml.MappingNode):
            return node
        for key, value in node.value:
            if _SCALAR_KINDS.get(key.tag) != "string":
                return key
            bad = _node_fits(value, shape[1])
            if bad is not None:
                return bad
        return None
    return None if _SCALAR_KINDS.get(getattr(node, "tag", "")) == kind else node


def validate_user_rules(path: Path, shipped: Any) -> dict:
    """Read a user's rule file and check it against the shipped file of the same name.

    Returns the data (keys left empty dropped). Raises ``RulesError`` "FILE:LINE: message".
    """
    with _yaml_errors(path), path.open(encoding="utf-8") as fh:
        root = yaml.compose(fh, Loader=yaml.SafeLoader)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode) or not isinstance(shipped, dict):
        raise RulesError(f"{path}:{root.start_mark.line + 1}: a rule file is a mapping of keys "
                         f"(like the shipped {path.name})")
    data = _read_yaml(path)
    for key_node, value_node in root.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key not in shipped:
            known = ", ".join(sorted(map(str, shipped)))
            raise RulesError(f"{path}:{line}: unknown key '{key}' in {path.name} (known: {known})")
        if data.get(key) is None:
            data.pop(key, None)  # an empty key adds nothing
            continue
        shape = shape_of(shipped[key])
        bad = _node_fits(value_node, shape)
        if bad is not None:
            raise RulesError(f"{path}:{bad.start_mark.line + 1}: {key} must be {describe_shape(shape)}")
        if _is_pattern_key(path.stem, key, shipped[key]):
            for item in _string_nodes(value_node):
                try:
                    regex.compile(item.value, regex.IGNORECASE | regex.V1)
                except regex.error as exc:
                    raise RulesError(f"{path}:{item.start_mark.line + 1}: {key}: "
                                     f"bad pattern {item.value!r} ({exc})") from None
    return data


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


@lru_cache(maxsize=1)
def _tone_folder():
    # one pass over the text instead of one scan per pair; the same result as replacing
    # the pairs in turn, because no old spelling overlaps another or appears in a new one
    table = dict(_tone_table())
    pattern = re.compile("|".join(re.escape(old) for old in table))
    return pattern, table


def fold_tones(text: str) -> str:
    """One tone-mark style (new style: "hoà", "thuỷ"). Same length as the input."""
    pattern, table = _tone_folder()
    return pattern.sub(lambda m: table[m.group()], text)


def tone_fold_spans(text: str) -> list[tuple[int, int]]:
    """Where ``fold_tones`` respells: the (start, end) of each old-style spelling it replaces."""
    pattern, _ = _tone_folder()
    return [m.span() for m in pattern.finditer(text)]


def fold(text: str) -> str:
    """How rule words are compared with article text: NFC, one tone-mark style."""
    return fold_tones(unicodedata.normalize("NFC", text))
