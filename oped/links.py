"""What ties the articles together: terms they share, topics, related articles, authors and their
institutions, source pages. Pure functions over the articles' text; no I/O.
"""

from __future__ import annotations

import heapq
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .cache import persistent
from .processes import pool
from .slugs import initials, pinyin_slug
from .words import cut

# Words that never begin or end a term: function words and the verbs of every policy sentence.
_STOP_WORDS = frozenset(
    """的 了 和 与 及 或 在 是 为 以 对 把 将 被 从 向 于 之 其 这 那 等 也 都 而 并 要 就 让 使 由 到 上 下 中 里
    着 过 又 再 更 还 很 最 个 各 每 该 此 其中 我们 我市 我省 全市 全省 一个 一批 一些 进一步 加强 推动 推进 实现
    提升 提高 加快 坚持 不断 积极 持续 大力 充分 着力 努力 重点 主要 有效 相关 方面 工作 问题 通过 进行 作为 成为
    需要 能够 可以 已经 正在 具有 形成 做好 打造 构建 促进 发挥 围绕 聚焦 一是 二是 三是 四是 五是 第一 第二 第三
    第四 同时 以及 通过 其次 首先 最后 因此 为此 如何 什么 怎样 这个 这些 那些 之间 之一 以上 以下 大力发展 平方公里
    具体而言 总体而言 与此同时""".split()
)
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
MIN_TERM = 3
MAX_TERM = 10
MAX_WORDS = 4
# One-character words that end a name: 大湾/区, 合作/区, 跨海/桥.
_NAME_ENDS = frozenset("区港湾桥路岛市县镇村省园城港业")
MAX_TOPIC = 7
COMMON_TOPIC_SHARE = 0.2
EXTENDED_TERMS = 80
MAX_EXTENSION = 2
TOPICS_PER_ARTICLE = 5
RELATED_PER_ARTICLE = 5
COMMON_SHARE = 0.01
STRONGEST_TERMS = 60


@persistent
def candidate_terms(text: str) -> Counter[str]:
    """The names of subjects in a text (runs of one to four words), with how often they occur.

    Word segmentation cuts some names apart (粤港澳/大湾/区), so a run always followed, or always
    preceded, by the same word is only part of a longer name, and only the longer run is kept.

    >>> terms = candidate_terms("发展新质生产力。以新质生产力为引领，建设粤港澳大湾区，融入粤港澳大湾区。")
    >>> terms["新质生产力"], "粤港澳大湾" in terms, terms["粤港澳大湾区"]
    (2, False, 2)
    """
    words = _join_single_characters(cut(text))
    counts: Counter[str] = Counter()
    neighbours: dict[str, tuple[set[str], set[str]]] = {}
    for start in range(len(words)):
        if not _HAN.match(words[start]) or words[start] in _STOP_WORDS:
            continue
        term = ""
        for end in range(start, min(start + MAX_WORDS, len(words))):
            word = words[end]
            if not _HAN.match(word) or "的" in word:
                break
            term += word
            if len(term) > MAX_TERM:
                break
            ends_name = word not in _STOP_WORDS and (len(word) > 1 or (end > start and word in _NAME_ENDS))
            if len(term) >= MIN_TERM and ends_name:
                counts[term] += 1
                before, after = neighbours.setdefault(term, (set(), set()))
                before.add(words[start - 1] if start else "")
                after.add(words[end + 1] if end + 1 < len(words) else "")
    closed: Counter[str] = Counter()
    for term, count in counts.items():
        before, after = neighbours[term]
        longer = [next(iter(before)) + term] if len(before) == 1 else []
        longer += [term + next(iter(after))] if len(after) == 1 else []
        # Seen once, a run is always "followed by the same word": only repeats tell a name's bounds.
        if count == 1 or not any(counts.get(name, 0) == count for name in longer):
            closed[term] = count
    return closed


def _join_single_characters(words: list[str]) -> list[str]:
    """Join runs of single characters the dictionary did not know (黄/茅/海 → 黄茅海, 新/质 → 新质).

    >>> _join_single_characters(["黄", "茅", "海", "跨海", "的", "新", "质", "生产力"])
    ['黄茅海', '跨海', '的', '新质', '生产力']
    """
    joined: list[str] = []
    run = ""
    for word in [*words, ""]:
        if len(word) == 1 and _HAN.match(word) and word not in _STOP_WORDS and word not in _NAME_ENDS:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        if word:
            joined.append(word)
    return joined


PARALLEL_FROM = 200


def _find_terms(text: str) -> Counter[str]:
    # What a worker process runs: the function itself, by a name pickle can find.
    return candidate_terms.function(text)


def terms_of(texts: dict[str, str]) -> dict[str, Counter[str]]:
    """candidate_terms of many texts: those found before from the cache, the rest on every core."""
    keys = {key: candidate_terms.key((text,)) for key, text in texts.items()}
    missing = {keys[key]: text for key, text in texts.items() if candidate_terms.known(keys[key]) is None}
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with pool() as workers:
            found = workers.map(_find_terms, missing.values(), chunksize=64)
            for digest, terms in zip(missing, found, strict=True):
                candidate_terms.keep(digest, terms)
    return {key: candidate_terms(text) for key, text in texts.items()}


@dataclass(frozen=True)
class ArticleTerms:
    """The weighted terms of one article."""

    key: str
    weights: dict[str, float]


def pick_topics(terms: ArticleTerms, counts: Counter[str], documents: Counter[str], count: int = TOPICS_PER_ARTICLE) -> list[str]:
    """An article's topics: the names it repeats, those it shares with other articles first (a topic
    page with one article links nothing), none overlapping another chosen one. A longer name wins
    over a shorter one inside it when it carries most of its uses (新质生产力 over 生产力)."""
    total = max(len(documents), 1)
    # A name in most of a large archive is no topic; in a small one it may well be (高质量发展).
    common = max(3, int(COMMON_TOPIC_SHARE * total))
    scored = sorted(
        (((1 + math.log(counts[term])) * (2.0 if 1 < documents[term] <= common else 1.0), term) for term in terms.weights),
        key=lambda item: (-item[0], -len(item[1]), item[1]),
    )
    eligible = [term for _, term in scored if len(term) <= MAX_TOPIC and counts[term] > 1 and documents[term] <= common]
    chosen: list[str] = []
    for term in eligible:
        inside = [other for other in chosen if other in term]
        if inside and all(2 * counts[term] >= counts[other] for other in inside):
            chosen = [term if other == inside[0] else other for other in chosen if other not in inside[1:]]
            continue
        if inside or any(term in other or _overlap(term, other) for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == count:
            break
    return chosen


def _overlap(a: str, b: str) -> bool:
    """True when two names share two characters in a row (三湾合作区, 三湾区域): near-duplicates."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


def topics_for(texts: dict[str, str], count: int = TOPICS_PER_ARTICLE) -> dict[str, list[str]]:
    """Topics for every article, from terms weighed over all of them."""
    counts = terms_of(texts)
    documents = Counter(term for terms in counts.values() for term in terms)
    return {key: pick_topics(ArticleTerms(key, dict(terms)), terms, documents, count) for key, terms in counts.items()}


@dataclass(frozen=True)
class Related:
    """Another article that shares terms with this one."""

    key: str
    score: float
    shared: tuple[str, ...]


def related_articles(texts: dict[str, str], limit: int = RELATED_PER_ARTICLE) -> dict[str, list[Related]]:
    """For every article, the others sharing the most weighty terms, best first."""
    return Relatedness(limit).update(texts)


class Relatedness:
    """Related articles of an archive, kept up to date as its texts change.

    Each article is represented by its STRONGEST_TERMS strongest terms, and only terms in at most
    COMMON_SHARE of the archive link articles (one in many links everything to everything): an
    inverted index over those keeps the work near linear in the archive. After the first update,
    an update where only some texts changed redoes only what they touch: the weights of articles
    sharing a term whose document count changed, and the lists of articles sharing a term with
    those. The result is the same as computing everything afresh.
    """

    def __init__(self, limit: int = RELATED_PER_ARTICLE) -> None:
        self.limit = limit
        self.texts: dict[str, str] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.documents: Counter[str] = Counter()
        self.factors: dict[str, float] = {}  # each term's IDF and length factor
        self.strongest: dict[str, dict[str, float]] = {}
        self.strong: dict[str, set[str]] = defaultdict(set)  # term → articles it is strongest in
        self.related: dict[str, list[Related]] = {}

    def update(self, texts: dict[str, str]) -> dict[str, list[Related]]:
        """The related articles of every article of ``texts``."""
        # Every text's terms, from the cache when known: also keeps them all in the cache.
        counts = terms_of(texts)
        changed = [key for key, text in texts.items() if self.texts.get(key) != text]
        if texts.keys() != self.texts.keys():
            self._rebuild(counts)
        elif changed:
            self._change({key: counts[key] for key in changed})
        self.texts = dict(texts)
        return {key: self.related[key] for key in texts}

    @property
    def common(self) -> int:
        return max(3, int(COMMON_SHARE * len(self.counts)))

    def _rebuild(self, counts: dict[str, Counter[str]]) -> None:
        self.__init__(self.limit)  # type: ignore[misc]
        self.counts = dict(counts)
        self.documents = Counter(term for terms in self.counts.values() for term in terms)
        self.factors = {term: self._factor(term) for term in self.documents}
        for key in self.counts:
            self._weigh(key)
        self.related = {key: self._rank(key) for key in self.counts}

    def _change(self, new_counts: dict[str, Counter[str]]) -> None:
        moved: set[str] = set()  # terms whose document count changed
        for key, terms in new_counts.items():
            old = self.counts[key]
            for term in old.keys() - terms.keys():
                self.documents[term] -= 1
                if not self.documents[term]:
                    del self.documents[term]
                moved.add(term)
            for term in terms.keys() - old.keys():
                self.documents[term] += 1
                moved.add(term)
            self.counts[key] = terms
        for term in moved:
            if term in self.documents:
                self.factors[term] = self._factor(term)
            else:
                self.factors.pop(term, None)
        # Weights follow the document counts: every article using a moved term is weighed again.
        touched = set(moved)  # terms whose weight in some article, or whose holders, changed
        rerank: set[str] = set()
        using = [key for key, terms in self.counts.items() if not moved.isdisjoint(terms)] if moved else []
        for key in set(new_counts).union(using):
            before = self.strongest[key]
            self._weigh(key)
            if self.strongest[key] != before:
                touched.update(before, self.strongest[key])
                rerank.add(key)
        # Every article holding a touched term among its strongest may rank others differently.
        rerank.update(*(self.strong.get(term, ()) for term in touched))
        for key in rerank:
            self.related[key] = self._rank(key)

    def _factor(self, term: str) -> float:
        # A mild IDF: a term in every article tells little, but a term a few share is what links them.
        return math.log(1 + len(self.counts) / self.documents[term]) * (1 + 0.1 * len(term))

    def _weigh(self, key: str) -> None:
        """TF-IDF weights of one article's terms; keep its strongest."""
        factors = self.factors
        ranked = heapq.nsmallest(
            STRONGEST_TERMS, ((-_repeats(count) * factors[term], term) for term, count in self.counts[key].items())
        )
        for term in self.strongest.get(key, ()):
            self.strong[term].discard(key)
        strongest = {term: -negative for negative, term in ranked}
        self.strongest[key] = strongest
        for term in strongest:
            self.strong[term].add(key)

    def _rank(self, key: str) -> list[Related]:
        """The articles sharing the weightiest terms with one, best first."""
        common = self.common
        scores: dict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        for term, weight in self.strongest[key].items():
            if self.documents[term] > common:
                continue
            for other in self.strong[term]:
                if other != key:
                    scores[other] += weight * self.strongest[other][term]
                    shared[other].append(term)
        ranked = heapq.nsmallest(self.limit, scores.items(), key=lambda item: (-item[1], item[0]))
        return [Related(other, score, tuple(maximal_terms(shared[other]))) for other, score in ranked]


@cache
def _repeats(count: int) -> float:
    """How much repeating a term counts: its first use 1, each doubling about 0.7 more."""
    return 1 + math.log(count)


def maximal_terms(terms: Iterable[str]) -> list[str]:
    """The terms not contained in a longer one of them, longest first.

    >>> maximal_terms(["湾区", "大湾区", "新质生产力", "生产力"])
    ['新质生产力', '大湾区']
    """
    unique = sorted(set(terms), key=lambda t: (-len(t), t))
    kept: list[str] = []
    for term in unique:
        if not any(term in longer for longer in kept):
            kept.append(term)
    return kept


# -- authors and institutions ----------------------------------------------------------------------

# Suffixes that end an institution's name, the unmistakable ones first: 市委党校 is a 党校, not a 委.
_INSTITUTIONS = (
    re.compile(
        r"^(.+?(?:大学|学院|学校|党校|研究院|研究所|研究中心|科学院|社会科学界联合会|社科联|日报社|报社|集团|公司|医院|银行|"
        r"人民政府|政府|人大常委会|政协|法院|检察院|协会|学会|联合会))"
    ),
    re.compile(r"^(.+?(?:委员会|办公室|中心|局|厅|委|办|部))"),
)


def institution_of(affiliation: str) -> str:
    """The institution at the start of an affiliation (the post after it is left out).

    >>> institution_of("五邑大学副教授"), institution_of("市统计局党组成员、二级调研员")
    ('五邑大学', '市统计局')
    >>> institution_of("江门职业技术学院副教授"), institution_of("市社科联学术规划部部长")
    ('江门职业技术学院', '市社科联')
    >>> institution_of("特约评论员")
    '特约评论员'
    """
    for pattern in _INSTITUTIONS:
        match = pattern.match(affiliation)
        if match:
            return match.group(1)
    return affiliation


@persistent
def author_slug(name: str, affiliation: str) -> str:
    """A stable URL name for an author: the name's pinyin and the initials of the institution.

    >>> author_slug("李阳", "五邑大学副教授"), author_slug("欧阳明华", "市委党校教授")
    ('li-yang-wydx', 'ouyang-minghua-swdx')
    """
    name = "".join(name.split())
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    syllables = "-".join(
        part for part in (pinyin_slug(name[:surname]).replace("-", ""), pinyin_slug(name[surname:]).replace("-", "")) if part
    )
    tag = initials(institution_of(affiliation)) if affiliation else ""
    return f"{syllables}-{tag}" if tag else syllables


COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木".split())


@dataclass
class Person:
    """An author across the archive."""

    slug: str
    name: str
    affiliation: str
    institution: str
    articles: list[str] = field(default_factory=list)


def people(bylines: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> dict[str, Person]:
    """Authors by slug, each with the articles (keys) they wrote, in the order given."""
    found: dict[str, Person] = {}
    for key, authors in bylines:
        for name, affiliation in authors:
            slug = author_slug(name, affiliation)
            person = found.setdefault(slug, Person(slug, name, affiliation, institution_of(affiliation) or "其他"))
            if key not in person.articles:
                person.articles.append(key)
    return found
