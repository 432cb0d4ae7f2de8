"""The published Markdown: article pages with their page information and cross-links, and the
index pages (home, source pages, authors, topics). Built from the editors' pages; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml

from .cache import Remembered, persistent
from .docs import DocPage, subject_text
from .links import Person, Related, Relatedness, author_slug, people
from .model import PageInfo
from .render import BYLINE_CLASS, escape, generated_front_matter
from .slugs import pinyin_slug, unique

SITE_NAME = "江门日报·理论评论"
SITE_DESCRIPTION = "江门日报理论评论版文章，简体中文与香港繁体中文。"
COPYRIGHT = "江门日报理论评论版 · 文章版权归作者及江门日报所有"
# Sentences of our own interface on the index pages, and how a Hong Kong page says them. The
# converter changes characters only (an article's words are the author's); our interface speaks
# Hong Kong's words (資訊, 檔案), so on the Traditional pages these replace their conversion.
MISSING_INFO = "出版信息（报章名称、日期、版次）缺失的版面按来源文件名排序。"
NO_INFO = "此版面没有出版信息（报章名称、日期、版次）：来源文件名"
HONG_KONG_INTERFACE = {
    MISSING_INFO: "出版資訊（報章名稱、日期、版次）缺失的版面按來源檔案名稱排序。",
    NO_INFO: "此版面沒有出版資訊（報章名稱、日期、版次）：來源檔案名稱",
}


def in_hong_kong_words(converted: str, convert: Callable[[str], str]) -> str:
    """An index page converted to Traditional, its interface sentences in Hong Kong's words.

    >>> in_hong_kong_words("此版面沒有出版信息（報章名稱、日期、版次）：來源文件名 `x.txt`。", lambda s: {
    ...     NO_INFO: "此版面沒有出版信息（報章名稱、日期、版次）：來源文件名"}.get(s, s))
    '此版面沒有出版資訊（報章名稱、日期、版次）：來源檔案名稱 `x.txt`。'
    """
    for simplified, hong_kong in HONG_KONG_INTERFACE.items():
        converted = converted.replace(convert(simplified), hong_kong)
    return converted


HOME_TITLE = "首页"
PAGES_TITLE = "版面"
AUTHORS_TITLE = "作者"
TOPICS_TITLE = "专题"
RELATED_SHOWN = 3


@dataclass(frozen=True)
class Published:
    """An article page in the archive, with where it was printed."""

    doc: DocPage
    info: PageInfo

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def title(self) -> str:
        return self.doc.title

    @property
    def authors(self) -> list[tuple[str, str]]:
        return [(str(a["name"]), str(a.get("affiliation") or "")) for a in self.doc.meta.get("authors", [])]

    @property
    def topics(self) -> list[str]:
        return [str(t) for t in self.doc.meta.get("topics", [])]

    @property
    def summary(self) -> str:
        return str(self.doc.meta.get("summary", ""))

    @property
    def order(self) -> int:
        source = self.doc.meta.get("source")
        return int(source.get("article", 0)) if isinstance(source, dict) else 0

    def text(self) -> str:
        return subject_text(self.doc)


@dataclass(frozen=True)
class Archive:
    """Every published article, grouped as readers browse them."""

    articles: list[Published]  # newest page first, print order within a page
    pages: list[PageInfo]  # newest first
    persons: dict[str, Person]
    topic_slugs: dict[str, str]
    related: dict[str, list[Related]]
    by_page: dict[str, list[Published]]
    by_slug: dict[str, Published]

    def on_page(self, info: PageInfo) -> list[Published]:
        return self.by_page.get(info.source, [])


def archive(docs: list[DocPage], infos: dict[str, PageInfo], relatedness: Relatedness | None = None) -> Archive:
    """Group the editors' pages by source page (newest first) and compute every cross-link
    (``relatedness`` keeps what the last build of this process found)."""
    published = []
    for doc in docs:
        key = doc.source_key
        source = key[0] if key else "手工添加"
        published.append(Published(doc, infos.get(source, PageInfo(source))))
    pages = sorted({a.info.source: a.info for a in published}.values(), key=lambda i: (i.date, i.source), reverse=True)
    rank = {info.source: index for index, info in enumerate(pages)}
    published.sort(key=lambda a: (rank[a.info.source], a.order, a.slug))
    persons = people([(a.slug, a.authors) for a in published])
    topic_slugs: dict[str, str] = {}
    taken: set[str] = set()
    for topic in sorted({t for a in published for t in a.topics}):
        topic_slugs[topic] = unique(pinyin_slug(topic), taken)
        taken.add(topic_slugs[topic])
    related = (relatedness or Relatedness()).update({a.slug: a.text() for a in published})
    by_page: dict[str, list[Published]] = defaultdict(list)
    for article in published:
        by_page[article.info.source].append(article)
    return Archive(published, pages, persons, topic_slugs, related, dict(by_page), {a.slug: a for a in published})


@persistent
def _generated(title: str) -> str:
    return generated_front_matter({"title": title, "generated": True})


def _published_front_matter(doc: DocPage) -> str:
    """The front matter an article is published with: the editors' own, less the import stamp."""

    def make() -> str:
        meta = dict(doc.meta)
        meta.pop("imported", None)
        return generated_front_matter(meta)

    return _REMEMBERED.get(("front matter", doc.digest or doc.text), make)


def _article_link(article: Published, prefix: str) -> str:
    return f"[{escape(article.title)}]({prefix}articles/{article.slug}.md)"


def _author_links(article: Published, archive: Archive, prefix: str) -> str:
    parts = []
    for name, affiliation in article.authors:
        slug = author_slug(name, affiliation)
        text = f"[{escape(name)}]({prefix}authors/{slug}.md)"
        parts.append(f"{text}（{escape(affiliation)}）" if affiliation else text)
    return "　".join(parts)


def _page_slug(info: PageInfo) -> str:
    return pinyin_slug(info.source.removesuffix(".txt").lower()) if info.source != "手工添加" else "manual"


def _once(key: tuple, make: Callable[[], str]) -> str:
    """What ``make`` gives (a page, a listing item), made once for the same ``key`` (everything it
    shows) in a process: a rebuild makes only the pages whose content changed, and gets the same
    string objects for the others (whose hashes Python keeps, so the steps after them are quick)."""
    return _REMEMBERED.get(key, make)


_REMEMBERED = Remembered()


def article_markdown(article: Published, archive: Archive) -> str:
    """The published article: the editors' page with where it was printed and links to the rest."""
    by_slug = archive.by_slug
    mates = [a for a in archive.on_page(article.info) if a.slug != article.slug]
    related = [r for r in archive.related.get(article.slug, []) if r.key in by_slug][:RELATED_SHOWN]
    key = (
        "article",
        article.doc.path,
        article.doc.digest or article.doc.text,
        article.info,
        tuple(archive.topic_slugs[t] for t in article.topics),
        tuple((a.slug, a.title) for a in mates),
        tuple((r.key, by_slug[r.key].title, r.shared[:3]) for r in related),
    )
    return _once(key, lambda: _make_article_markdown(article, archive, mates, related))


def _make_article_markdown(article: Published, archive: Archive, mates: list[Published], related: list[Related]) -> str:
    by_slug = archive.by_slug
    body = article.doc.body
    marker = f"{{: .{BYLINE_CLASS} }}"
    info = f"[{escape(article.info.label())}](../pages/{_page_slug(article.info)}.md)\n{{: .oped-pageinfo }}"
    body = body.replace(marker, f"{marker}\n\n{info}", 1) if marker in body else f"{info}\n\n{body}"
    links = [f"**{AUTHORS_TITLE}**：{_author_links(article, archive, '../')}"]
    if article.topics:
        topics = "、".join(f"[{escape(t)}](../topics/{archive.topic_slugs[t]}.md)" for t in article.topics)
        links.append(f"**{TOPICS_TITLE}**：{topics}")
    if mates:
        links.append("**本版其他文章**\n\n" + "\n".join(f"- {_article_link(a, '../')}" for a in mates))
    # Related by content, page-mates included: the shared terms say why, which the page alone does not.
    if related:
        lines = []
        for r in related:
            shared = "、".join(escape(t) for t in r.shared[:3])
            lines.append(f"- {_article_link(by_slug[r.key], '../')}" + (f"（共同话题：{shared}）" if shared else ""))
        links.append("**相关文章**\n\n" + "\n".join(lines))
    footer = '\n\n<div class="oped-links" markdown>\n\n' + "\n\n".join(links) + "\n\n</div>\n"
    return _published_front_matter(article.doc) + body.strip("\n") + "\n" + footer


def _article_item(article: Published, prefix: str, archive: Archive) -> str:
    # The same for an article wherever it is listed.
    key = ("item", article.doc.path, article.doc.digest or article.doc.text, prefix)
    return _once(key, lambda: _make_article_item(article, prefix, archive))


def _make_article_item(article: Published, prefix: str, archive: Archive) -> str:
    byline = _author_links(article, archive, prefix)
    # A summary cut at its start on the printed page is shown to begin mid-sentence.
    summary = ("……" if article.doc.meta.get("summary_truncated") else "") + escape(article.summary)
    return f"### {_article_link(article, prefix)}\n\n{byline}\n{{: .{BYLINE_CLASS} }}\n\n{summary}"


def home_markdown(archive: Archive) -> str:
    """The home page: the latest page's articles with their summaries, then the way to the rest."""
    out = [_generated(HOME_TITLE), f"# {SITE_NAME}\n"]
    if archive.pages:
        latest = archive.pages[0]
        out.append(f"## 最新一期：[{escape(latest.label())}](pages/{_page_slug(latest)}.md)\n")
        out.extend(_article_item(a, "", archive) + "\n" for a in archive.on_page(latest))
    out.append(f"[全部{PAGES_TITLE}](pages/index.md) · [{AUTHORS_TITLE}](authors/index.md) · [{TOPICS_TITLE}](topics/index.md)\n")
    return "\n".join(out)


def pages_index_markdown(archive: Archive) -> str:
    out = [_generated(PAGES_TITLE), f"# {PAGES_TITLE}\n"]
    for info in archive.pages:
        count = len(archive.on_page(info))
        out.append(f"- [{escape(info.label())}]({_page_slug(info)}.md)（{count} 篇）")
    missing = [i for i in archive.pages if not i.known]
    if missing:
        out.append("\n" + MISSING_INFO)
    return "\n".join(out) + "\n"


def page_markdown(info: PageInfo, archive: Archive) -> str:
    """One printed page: its articles in print order."""
    items = tuple(_article_item(a, "../", archive) for a in archive.on_page(info))
    return _once(("page", info, items), lambda: _listing(info.label(), "", items, info))


def _listing(title: str, lead: str, items: tuple[str, ...], info: PageInfo | None = None) -> str:
    """A page listing articles: a title, what it lists, an item for each."""
    out = [_generated(title), f"# {escape(title)}\n"]
    if lead:
        out.append(lead)
    if info and not info.known:
        out.append(f"{NO_INFO} `{info.source}`。\n")
    out.extend(item + "\n" for item in items)
    return "\n".join(out)


def authors_index_markdown(archive: Archive) -> str:
    """Authors grouped under their institutions, each with affiliation and articles."""
    out = [_generated(AUTHORS_TITLE), f"# {AUTHORS_TITLE}\n"]
    groups: dict[str, list[Person]] = defaultdict(list)
    for person in archive.persons.values():
        groups[person.institution].append(person)
    for institution in sorted(groups, key=lambda name: (-len(groups[name]), pinyin_slug(name))):
        out.append(f"## {escape(institution)}\n")
        for person in sorted(groups[institution], key=lambda p: p.slug):
            count = len(person.articles)
            out.append(f"- [{escape(person.name)}]({person.slug}.md)（{escape(person.affiliation)}）：{count} 篇")
        out.append("")
    return "\n".join(out)


def author_markdown(person: Person, archive: Archive) -> str:
    items = tuple(_article_item(archive.by_slug[key], "../", archive) for key in person.articles)
    lead = f"{escape(person.affiliation)}\n{{: .{BYLINE_CLASS} }}\n"
    return _once(("author", person.name, lead, items), lambda: _listing(person.name, lead, items))


def topics_index_markdown(archive: Archive) -> str:
    counts: dict[str, int] = defaultdict(int)
    for article in archive.articles:
        for topic in article.topics:
            counts[topic] += 1
    out = [_generated(TOPICS_TITLE), f"# {TOPICS_TITLE}\n"]
    for topic in sorted(counts, key=lambda t: (-counts[t], archive.topic_slugs[t])):
        out.append(f"- [{escape(topic)}]({archive.topic_slugs[topic]}.md)（{counts[topic]} 篇）")
    return "\n".join(out) + "\n"


def topic_markdown(topic: str, articles: list[Published], archive: Archive) -> str:
    items = tuple(_article_item(a, "../", archive) for a in articles)
    return _once(("topic", topic, items), lambda: _listing(topic, "", items))


def site_pages(archive: Archive) -> dict[str, str]:
    """Every published Markdown page of one variant, by path under the docs root."""
    pages = {"index.md": home_markdown(archive), "pages/index.md": pages_index_markdown(archive)}
    for info in archive.pages:
        pages[f"pages/{_page_slug(info)}.md"] = page_markdown(info, archive)
    pages["authors/index.md"] = authors_index_markdown(archive)
    for person in archive.persons.values():
        pages[f"authors/{person.slug}.md"] = author_markdown(person, archive)
    pages["topics/index.md"] = topics_index_markdown(archive)
    by_topic: dict[str, list[Published]] = defaultdict(list)
    for article in archive.articles:
        for topic in article.topics:
            by_topic[topic].append(article)
    for topic, slug in archive.topic_slugs.items():
        pages[f"topics/{slug}.md"] = topic_markdown(topic, by_topic[topic], archive)
    for article in archive.articles:
        pages[f"articles/{article.slug}.md"] = article_markdown(article, archive)
    return pages


FEED_ITEMS = 20


def feed_xml(archive: Archive, root: str, convert=str, language: str = "zh-cn") -> str:
    """An RSS 2.0 feed of the latest articles (newest printed page first): title, summary, authors, link."""
    items = []
    for article in archive.articles[:FEED_ITEMS]:
        link = f"{root}articles/{article.slug}/"
        authors = "、".join(name for name, _ in article.authors)
        item = [
            f"<title>{xml(convert(article.title))}</title>",
            f"<link>{xml(link)}</link>",
            f'<guid isPermaLink="true">{xml(link)}</guid>',
            f"<description>{xml(convert(article.summary))}</description>",
            f"<dc:creator>{xml(convert(authors))}</dc:creator>",
        ]
        if article.info.date:
            day = datetime.fromisoformat(article.info.date).replace(tzinfo=UTC)
            item.append(f"<pubDate>{format_datetime(day)}</pubDate>")
        items.append("<item>" + "".join(item) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>{xml(convert(SITE_NAME))}</title><link>{xml(root)}</link>"
        f"<description>{xml(convert(SITE_DESCRIPTION))}</description><language>{xml(language)}</language>"
        f'<atom:link href="{xml(root)}feed.xml" rel="self" type="application/rss+xml"/>' + "".join(items) + "</channel></rss>\n"
    )
