"""Bad input: a clear message naming the file (and line), never a traceback, never a partial article."""

import json
import re
import subprocess
import sys

import pytest

from oped.errors import DecodeProblem, SourceProblems
from oped.parse import parse_page
from oped.sources import decode

from .conftest import FIXTURE, ROOT

SEED = (FIXTURE / "seeds" / "000_b28a167f414ab6e6.txt").read_text(encoding="utf-8")


def run(*args, cwd=FIXTURE):
    return subprocess.run([sys.executable, str(ROOT / "build_docs.py"), *args], capture_output=True, text=True, cwd=cwd)


def test_bom_and_crlf_are_accepted():
    plain = parse_page(decode("a.txt", SEED.encode()))
    windows = parse_page(decode("b.txt", ("\ufeff" + SEED.replace("\n", "\r\n")).encode()))
    assert [a.to_dict() for a in windows.articles] == [a.to_dict() for a in plain.articles]


def test_gb18030_is_decoded_and_said():
    page = parse_page(decode("gb.txt", SEED.encode("gb18030")))
    assert page.encoding == "gb18030"
    assert page.articles[0].title == "以现代服务业高质量发展增强城市竞争力"
    assert any("GB18030" in str(w) for w in page.warnings)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \n\t\n\xe3\x80\x80\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xfa\xfb\x80\x81" * 10, "neither UTF-8, UTF-16, GB18030 nor Big5"),
    ],
)
def test_unreadable_files(data, words):
    with pytest.raises(DecodeProblem, match=words) as error:
        decode("bad.txt", data)
    assert "bad.txt" in str(error.value)


def test_a_page_without_any_headline_is_reported_with_its_file():
    text = "\n".join(SEED.split("\n")[:200])
    with pytest.raises(SourceProblems, match="no article found") as error:
        parse_page(decode("nobyline.txt", text.encode()))
    assert "nobyline.txt:1" in str(error.value)


def test_a_byline_without_a_headline_does_not_refuse_the_page():
    # The first article of the seed, cut after its byline, then the seed's second and third articles.
    lines = SEED.split("\n")
    text = "\n".join([*lines[:206], "", *lines[219:]]) + "\n"
    page = parse_page(decode("notitle.txt", text.encode()))
    titles = [a.title for a in page.articles]
    assert titles[-2:] == ["以先进制造业为重点构建江门现代化产业体系新格局", "打造三湾合作发展区共建区域发展新平台"]
    kept = "".join(a.source_order_text() for a in page.articles) + "".join(x.text for x in page.left_over)
    assert sorted(kept) == sorted(re.sub(r"\s", "", text))


def test_text_after_the_last_article_is_kept_and_reported_not_passed_off():
    text = SEED + "\n\n这是一段没有署名的文字，它不属于任何一篇文章，\n也不应当被悄悄丢掉或者拼进别的文章。\n"
    page = parse_page(decode("tail.txt", text.encode()))
    assert len(page.articles) == 3
    assert "这是一段" not in page.articles[2].summary
    assert [w.line for w in page.warnings] == [576]
    assert [x.text for x in page.left_over if x.line >= 576] == [
        "这是一段没有署名的文字，它不属于任何一篇文章，",
        "也不应当被悄悄丢掉或者拼进别的文章。",
    ]


def test_cli_reports_bad_file_and_parses_the_others(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    good = FIXTURE / "seeds" / "000_b28a167f414ab6e6.txt"
    result = run("parse", str(tmp_path / "empty.txt"), str(good), str(tmp_path / "binary.txt"), "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    pages = json.loads(result.stdout)
    assert [p["source"] for p in pages] == [good.name]
    assert len(pages[0]["articles"]) == 3


def test_cli_json_shape():
    result = run("parse", "seeds/000_b28a167f414ab6e6.txt", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "000_b28a167f414ab6e6.txt"
    article = data["articles"][2]
    assert set(article) >= {"title", "authors", "summary", "summary_truncated", "lead", "sections", "warnings"}
    assert article["authors"][0] == {"name": "赵前斌", "affiliation": "市统计局党组成员、二级调研员"}
    assert article["sections"][0]["heading"] == "抢抓三大历史机遇"
    assert data["left_over"] == [{"line": 571, "text": "”", "why": "a lone mark"}]


def test_cli_outline_is_readable():
    result = run("parse", "seeds/000_b28a167f414ab6e6.txt")
    assert result.returncode == 0
    assert "1. 以现代服务业高质量发展增强城市竞争力" in result.stdout
    assert "## 抢抓三大历史机遇" in result.stdout
    assert "提要 (truncated)" in result.stdout


def test_missing_file_is_reported(tmp_path):
    result = run("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "nope.txt" in result.stderr and "Traceback" not in result.stderr
