"""The Hong Kong Traditional variant: OpenCC ``s2hk`` with the editors' overrides and Hong Kong
quotation marks, all applied by OpenCC itself through a config built on the shipped ``s2hk.json``.

The overrides table (``docs/conversion-overrides.tsv``) holds ``Simplified<TAB>Traditional`` lines.
Each override goes first into OpenCC's phrase step, and its result is protected from the Hong Kong
variant step that runs after it (which would otherwise turn 說 back into 説).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import opencc

from .errors import SourceProblem

OVERRIDES_FILE = "conversion-overrides.tsv"
HK_QUOTES = {"“": "「", "”": "」", "‘": "『", "’": "』"}
# Surnames s2hk reads as ordinary words (范 → 範 "pattern", 于 → 於 "at"): in a name they stay.
KEEP_SURNAMES = "范于余郁党游"


class OverrideProblem(SourceProblem):
    """A line of the overrides table that cannot be used."""


@dataclass(frozen=True)
class Override:
    """One phrase and how the Hong Kong variant must print it."""

    simplified: str
    traditional: str
    line: int = 0


def read_overrides(path: Path) -> tuple[list[Override], list[SourceProblem]]:
    """The overrides table: ``#`` comments and blank lines ignored, every bad line reported."""
    overrides: list[Override] = []
    problems: list[SourceProblem] = []
    if not path.exists():
        return overrides, problems
    name = f"docs/{path.name}"
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        columns = [c.strip() for c in raw.split("\t")]
        if len(columns) < 2 or not columns[0] or not columns[1] or any(" " in c for c in columns[:2]):
            problems.append(
                OverrideProblem(
                    name, "expected Simplified<TAB>Traditional[<TAB>why]", line=number, hint="separate columns with one tab"
                )
            )
            continue
        overrides.append(Override(columns[0], columns[1], number))
    seen: dict[str, Override] = {}
    for override in overrides:
        earlier = seen.get(override.simplified)
        if earlier and earlier.traditional != override.traditional:
            problems.append(
                OverrideProblem(name, f"{override.simplified} is already mapped on line {earlier.line}", line=override.line)
            )
        seen.setdefault(override.simplified, override)
    return overrides, problems


def _share() -> Path:
    return Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


def _absolute(dictionary: dict) -> None:
    # OpenCC looks relative dictionary names up in places the Python binding does not control.
    if dictionary.get("type") == "group":
        for inner in dictionary["dicts"]:
            _absolute(inner)
    elif "file" in dictionary and not os.path.isabs(dictionary["file"]):
        dictionary["file"] = str(_share() / dictionary["file"])


def write_config(overrides: Iterable[Override], folder: Path) -> Path:
    """Write an OpenCC config (and its dictionaries) for s2hk with overrides and HK quotes."""
    folder.mkdir(parents=True, exist_ok=True)
    table = {o.simplified: o.traditional for o in overrides}
    phrases = folder / "overrides-s2hk.txt"
    protect = folder / "overrides-hk-keep.txt"
    phrases.write_text("".join(f"{s}\t{t}\n" for s, t in sorted(table.items())), encoding="utf-8")
    protect.write_text("".join(f"{t}\t{t}\n" for t in sorted(set(table.values()))), encoding="utf-8")
    config = json.loads((_share() / "s2hk.json").read_text(encoding="utf-8"))
    for step in config.get("normalization", []):
        _absolute(step["dict"])
    _absolute(config["segmentation"]["dict"])
    for step in config["conversion_chain"]:
        _absolute(step["dict"])
    ours = {"type": "text", "file": str(phrases)}
    kept = {"type": "text", "file": str(protect)}
    config["name"] = "s2hk with this site's overrides and Hong Kong quotation marks"
    config["segmentation"]["dict"]["dicts"].insert(0, ours)
    first, *later = config["conversion_chain"]
    first["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [ours, first["dict"]]}
    for step in later:
        step["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [kept, step["dict"]]}
    config["conversion_chain"].append({"dict": {"type": "inline", "entries": HK_QUOTES}})
    path = folder / "s2hk-site.json"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def name_overrides(names: Iterable[str], plain: opencc.OpenCC) -> list[Override]:
    """Keep the surnames s2hk would turn into words (范 → 範) as they are in authors' names."""
    found = []
    for name in sorted(set(names)):
        if name[:1] in KEEP_SURNAMES:
            found.append(Override(name, name[0] + plain.convert(name[1:])))
    return found


class Converter:
    """Simplified → Hong Kong Traditional with the site's overrides; create once, convert often."""

    def __init__(self, overrides: Iterable[Override], folder: Path, author_names: Iterable[str] = ()) -> None:
        overrides = list(overrides)
        automatic = name_overrides(author_names, opencc.OpenCC("s2hk"))
        explicit = {o.simplified for o in overrides}
        self.config = write_config(overrides + [o for o in automatic if o.simplified not in explicit], folder)
        self._opencc = opencc.OpenCC(str(self.config))

    def convert(self, text: str) -> str:
        return self._opencc.convert(text)
