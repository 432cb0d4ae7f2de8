"""The Hong Kong Traditional variant: OpenCC ``s2hk`` with the editors' overrides and Hong Kong
quotation marks, all applied by OpenCC itself through a config built on the shipped ``s2hk.json``.

The overrides table (``docs/conversion-overrides.tsv``) holds ``Simplified<TAB>Traditional`` lines.
Each override goes first into OpenCC's phrase step, and its result is protected from the Hong Kong
variant step that runs after it (which would otherwise turn 說 back into 説).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
from pymdownx.slugs import slugify

from . import files
from .cache import digest
from .docs import unescape
from .errors import SourceProblem
from .words import boundaries

OVERRIDES_FILE = "conversion-overrides.tsv"
HK_QUOTES = {"“": "「", "”": "」", "‘": "『", "’": "』"}
# Private-use characters stand in for the parts of a page OpenCC must not touch.
_PLACEHOLDER = 0xE000
_PLACEHOLDERS = 0xF8FF - 0xE000


class OverrideProblem(SourceProblem):
    """A line of the overrides table that cannot be used."""


@dataclass(frozen=True)
class Override:
    """One phrase and how the Hong Kong variant must print it."""

    simplified: str
    traditional: str
    line: int = 0


MAX_OVERRIDES = 5_000  # lines of the table read; OpenCC's own dictionaries hold the rest
# What an override may hold: Chinese text (characters, full-width punctuation, Chinese quotes).
# Never ASCII: the table cannot reach front matter keys, Markdown or HTML.
_OVERRIDE_TEXT = re.compile(
    r"^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e\u2018\u2019\u201c\u201d\u00b7]+$"
)


def read_overrides(path: Path, root: Path | None = None) -> tuple[list[Override], list[SourceProblem]]:
    """The overrides table: ``#`` comments and blank lines ignored, every bad line reported."""
    overrides: list[Override] = []
    problems: list[SourceProblem] = []
    if not os.path.lexists(path):
        return overrides, problems
    name = f"docs/{path.name}"
    try:
        text = files.decode(name, files.read(path, root or path.parent, files.TABLE_LIMIT, name)).text
    except files.FileProblem as problem:
        return overrides, [problem]
    for number, raw in enumerate(text.split("\n"), 1):
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
        if not all(_OVERRIDE_TEXT.match(column) for column in columns[:2]):
            problems.append(
                OverrideProblem(
                    name,
                    "an override holds only Chinese text (characters and full-width punctuation)",
                    line=number,
                    hint="leave Latin letters, digits, quotes and markup to the page itself",
                )
            )
            continue
        if len(overrides) == MAX_OVERRIDES:
            problems.append(OverrideProblem(name, f"more than {MAX_OVERRIDES:,} overrides: the rest are not read", line=number))
            break
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


DATA = Path(__file__).parent / "data"
HOUSE_PHRASES = DATA / "hk-phrases.tsv"  # phrases s2hk gets wrong (before its own phrases)
HOUSE_FORMS = DATA / "hk-forms.tsv"  # the forms Hong Kong papers print (in s2hk's Hong Kong step)


def write_config(overrides: Iterable[Override], folder: Path) -> Path:
    """Write an OpenCC config (and its dictionaries) for s2hk with the house phrases under the
    editors' overrides, the house forms in s2hk's Hong Kong step, and HK quotes."""
    folder.mkdir(parents=True, exist_ok=True)
    house, _ = read_overrides(HOUSE_PHRASES)
    forms, _ = read_overrides(HOUSE_FORMS)
    table = {o.simplified: o.traditional for o in house} | {o.simplified: o.traditional for o in overrides}
    phrases = folder / "overrides-s2hk.txt"
    protect = folder / "overrides-hk-keep.txt"
    phrases.write_text("".join(f"{s}\t{t}\n" for s, t in sorted(table.items())), encoding="utf-8")
    # The Hong Kong step sees Traditional text: keep every override's result as it is, and let an
    # override written in Traditional (麪 → 麵) replace the form OpenCC's own phrases produced.
    kept_forms = {t: t for t in table.values()} | {s: t for s, t in table.items() if s not in table.values()}
    # The house forms, in the same step: the newspaper form stays (說 is not made 説) and a school
    # form the first step printed becomes the newspaper form (啓 → 啟).
    for form in forms:
        kept_forms.setdefault(form.traditional, form.traditional)
        kept_forms.setdefault(form.simplified, form.traditional)
    kept_forms.update(HK_QUOTES)  # and Chinese quotation marks become Hong Kong's, in the same pass
    protect.write_text("".join(f"{s}\t{t}\n" for s, t in sorted(kept_forms.items())), encoding="utf-8")
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
    path = folder / "s2hk-site.json"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def name_overrides(names: Iterable[str], plain: opencc.OpenCC) -> list[Override]:
    """Keep the surnames s2hk would turn into words (范 → 範) in their surname form in authors' names."""
    found = []
    for name in sorted(set(names)):
        if name[:1] in SURNAME_FORMS:
            found.append(Override(name, SURNAME_FORMS[name[0]] + plain.convert(name[1:])))
    return found


# Surnames s2hk reads as ordinary words (余 → 餘 "surplus", 于 → 於 "at", 游 → 遊, 党 → 黨,
# 钟 → 鍾/鐘 …) and their form as a surname in Hong Kong.
SURNAME_FORMS = {
    "余": "余",
    "于": "于",
    "范": "范",
    "党": "党",
    "游": "游",
    "钟": "鍾",
    "萧": "蕭",
    "沈": "沈",
    "叶": "葉",
    "庞": "龐",
    "郁": "郁",
    "朴": "朴",
    "涂": "涂",
}
# A title or honorific after a name: 余先生, 于教授, 范主任.
TITLES = (
    "先生 女士 小姐 太太 教授 副教授 主任 副主任 书记 副书记 师傅 博士 老师 院长 副院长 局长 副局长 市长 副市长 "
    "县长 区长 镇长 村长 处长 科长 校长 所长 部长 厅长 省长 主席 委员 同志 医生 律师 记者 编辑 研究员 经理 会长 "
    "教练 法官 主编 伯"
).split()
# Where a name can start: the start of a text or of a line, after anything but a Chinese
# character, or after a word that introduces a person (和余先生, 据于教授; not 对于教授, 由于老师).
# A profession ending in 师 introduces one too (律师|范女士, though jieba reads 师范).
NAME_INTRODUCERS = frozenset("的和与及同跟向请被让给据问访谢叫陪找师")  # not 由: 由于
_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
_SURNAME = re.compile(rf"[{''.join(SURNAME_FORMS)}](?=(?:{_TITLE}))")
_NAMED_SURNAME = re.compile(rf"(?<=姓)[{''.join(SURNAME_FORMS)}]|[{''.join(SURNAME_FORMS)}](?=姓)")
_LATIN_APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")


def _kept(text: str) -> list[re.Match[str]]:
    """Where a character must not be converted: a surname where a name can start (the start of a
    text or line, after anything but a Chinese character, after a word that introduces a person,
    or where jieba starts a word; and one named with 姓: 姓余, 范姓),
    an apostrophe inside a Latin word. (Searched for the characters first: this runs on every page.)"""
    found = [m for m in _SURNAME.finditer(text) if _name_may_start_at(text, m.start())]
    if "姓" in text:  # 姓余, 范姓: a surname named as one (once, though a title may follow it too)
        named = {m.start(): m for m in [*found, *_NAMED_SURNAME.finditer(text)]}
        found = [named[at] for at in sorted(named)]
    if "’" in text:
        found = sorted([*found, *_LATIN_APOSTROPHE.finditer(text)], key=lambda m: m.start())
    return found


def _name_may_start_at(text: str, at: int) -> bool:
    """Whether a name may start at ``at``: see ``_kept``; after another Chinese character, where
    jieba starts a word there (专家|余先生, 学者|于教授; not 对于|教授, 致力于|教授, 其余|老师)."""
    if at == 0:
        return True
    before = text[at - 1]
    if not "\u4e00" <= before <= "\u9fff" or before in NAME_INTRODUCERS:
        return True
    return boundaries(text, at, at + 1)[0]


_APART = "\ufdd0"  # a noncharacter: never in text, in no dictionary, so no phrase runs across it


class Converter:
    """Simplified → Hong Kong Traditional with the site's overrides; create once, convert often."""

    def __init__(self, overrides: Iterable[Override], folder: Path, author_names: Iterable[str] = ()) -> None:
        overrides = list(overrides)
        automatic = name_overrides(author_names, opencc.OpenCC("s2hk"))
        explicit = {o.simplified for o in overrides}
        self.config = write_config(overrides + [o for o in automatic if o.simplified not in explicit], folder)
        self._opencc = opencc.OpenCC(str(self.config))
        # Where one of our phrases stands, OpenCC may not start a phrase of its own before it and
        # run into it (里子和面子: its 和面 "knead dough" would take 面子's 面): our phrases are
        # set apart by a character no dictionary holds before converting.
        house, _ = read_overrides(HOUSE_PHRASES)
        phrases = sorted({o.simplified for o in [*house, *overrides] if len(o.simplified) > 1}, key=len, reverse=True)
        self._ours = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        self._as_ours = {phrase: self._opencc.convert(phrase) for phrase in phrases}  # each phrase alone
        # What the conversion depends on besides the text: the config and its own dictionaries.
        self.version = digest(b"".join(path.read_bytes() for path in sorted(folder.glob("*")) if path.is_file()))

    def convert(self, text: str) -> str:
        """Simplified to Hong Kong Traditional; a surname before a title keeps its form (余先生),
        an apostrophe inside a Latin word stays one (McDonald’s)."""
        kept = _kept(text)
        if not kept:
            return self._phrases(text)
        parts, start = [], 0
        for match in kept:
            parts.append(self._phrases(text[start : match.start()]))
            parts.append(SURNAME_FORMS.get(match.group(), match.group()))
            start = match.end()
        parts.append(self._phrases(text[start:]))
        return "".join(parts)

    def _phrases(self, text: str) -> str:
        converted = self._opencc.convert(text)
        if self._ours is None or _APART in text or len(converted) != len(text):
            return converted
        # Only where a phrase of ours came out otherwise than it does alone is there anything to decide.
        lost = [m for m in self._ours.finditer(text) if converted[m.start() : m.end()] != self._as_ours[m.group()]]
        if not lost:
            return converted
        spans = {(m.start(), m.end()) for m in lost}

        def apart(match: re.Match[str]) -> str:
            # Set apart only where the phrase is a word of the sentence (归并|为: 并为 is not one).
            if (match.start(), match.end()) not in spans:
                return match.group()
            begins, ends = boundaries(text, match.start(), match.end())
            return f"{_APART if begins else ''}{match.group()}{_APART if ends else ''}"

        return self._opencc.convert(self._ours.sub(apart, text)).replace(_APART, "")


# Link targets, attribute lists, HTML tags, and private-use characters already in the text (held,
# so they cannot be taken for the placeholders below).
_PROTECTED = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\{[:#][^}\n]*\}|<[^>\n]+>|[\ue000-\uf8ff]")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_HEADINGS = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)")
_SLUGIFY = slugify(case="lower")
_EXPLICIT_ID = re.compile(r"\{:?\s*#([^\s}]+)[^}]*\}\s*$")  # a heading's own {#id}


def _fenced(markdown: str) -> bool:
    return "```" in markdown or "~~~" in markdown


def _heading_texts(markdown: str) -> list[str]:
    """The text of each ATX heading outside code fences, in order."""
    if not _fenced(markdown):  # the usual page: one search over the text
        return [match.group(2) for match in _HEADINGS.finditer(markdown)]
    texts, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (match := _HEADING.match(line)):
            texts.append(match.group(2))
    return texts


@lru_cache(maxsize=200_000)
def _heading_slug(text: str) -> str:
    # The same heading recurs: an article is listed on its page, its authors' and its topics' pages.
    return _SLUGIFY(unescape(re.sub(r"\*\*|__", "", text)), "-")


def heading_ids(markdown: str) -> list[str | None]:
    """The anchor each ATX heading of a page gets (as the toc extension makes them), in order."""
    ids: list[str | None] = []
    seen: set[str] = set()
    for text in _heading_texts(markdown) if "#" in markdown else ():
        explicit = _EXPLICIT_ID.search(text) if "{" in text else None
        if explicit:
            ids.append(None)
            seen.add(explicit.group(1))
            continue
        slug = _heading_slug(text)
        candidate, number = slug, 0
        while candidate in seen:
            number += 1
            candidate = f"{slug}_{number}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def convert_markdown(markdown: str, convert: Callable[[str], str]) -> str:
    """Convert a Markdown page's text, never its link targets, attributes or HTML tags, and give each
    heading the anchor its Simplified original has, so a link to #一干部作风 works in both variants."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        if len(kept) >= _PLACEHOLDERS:
            return match.group()  # beyond the private-use area: left to OpenCC (ASCII in practice)
        kept.append(match.group())
        return chr(_PLACEHOLDER + len(kept) - 1)

    converted = convert(_PROTECTED.sub(hold, markdown))
    if kept:
        converted = converted.translate({_PLACEHOLDER + k: part for k, part in enumerate(kept)})
    ids = iter(heading_ids(markdown))

    def anchored(line: str) -> str:
        anchor = next(ids, None)
        return f"{line.rstrip()} {{#{anchor}}}" if anchor else line

    if "#" not in markdown:
        return converted
    if not _fenced(converted):
        return _HEADINGS.sub(lambda match: anchored(match.group()), converted)
    lines = []
    fenced = False
    for line in converted.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            line = anchored(line)
        lines.append(line)
    return "\n".join(lines)
