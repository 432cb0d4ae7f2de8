"""MkDocs hooks (``hooks:`` in each variant's generated config; MkDocs loads this file by its path,
so it imports nothing of ours).

Escape by construction: MkDocs' Jinja environment does not autoescape, and Material's templates
and ours print a page's title, summary, authors and topics raw, in the head and the header. Every
string of a page's front matter becomes Markup holding its escaped text before any template sees
it: printed raw, it is text; printed with ``|e``, it is not escaped twice. (A template must not use
``striptags`` on these values: it would unescape them.)
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def escaped(value: Any) -> Any:
    """Every string in a front matter value, escaped and marked safe; other values as they are.

    >>> escaped({"title": '<svg onload=x>"', "authors": [{"name": "&lt;b&gt;"}], "published": True})
    {'title': Markup('&lt;svg onload=x&gt;&#34;'), 'authors': [{'name': Markup('&amp;lt;b&amp;gt;')}], 'published': True}
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    return value


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    page.meta = escaped(page.meta)
    return markdown


# The title of each heading's ¶ link, in the variant's script (Python-Markdown's is English).
PERMALINK_TITLES = {"zh-Hans": "永久链接", "zh-Hant": "永久連結"}


def on_config(config: Any) -> Any:
    variant = config.extra.get("oped", {}).get("variant")
    if variant in PERMALINK_TITLES:
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLES[variant]
    return config
