"""Markdown the report can trust: text from data is escaped, only a safe subset renders.

The chapters' text is Markdown (written by the analyst in template cells, see
:mod:`lkjip.present.template`) into which values are inserted: numbers from the registry, and
text from the data (an office's name, a narasi bullet). Every inserted piece of data text goes
through :func:`data_text`: control characters are dropped, line breaks become spaces (a bullet
cannot start a heading or a list), and a leading Markdown block marker is escaped. The Markdown
is then rendered by :func:`to_html` with mistune, which escapes every raw HTML tag and renders
links only to ``http:``, ``https:`` and ``mailto:`` (other links become their text, images their
alt text). What data text can do is therefore emphasis, lists and plain links.

Numbers, tables and charts are not Markdown: the template puts a *token* in their place (two
private-use characters around a number, which no data text can contain) and :func:`to_html`
swaps each token for its HTML after rendering. A table or chart must stand in a paragraph of
its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import mistune
from markupsafe import Markup

OPEN, CLOSE = "\ue000", "\ue001"  # a token's ends (Unicode private use: never in data text)
_TOKEN = re.compile(f"{OPEN}(\\d+){CLOSE}")
_BLOCK_PARAGRAPH = re.compile(f"<p>\\s*{OPEN}(\\d+){CLOSE}\\s*</p>")
# What would make a line of data text a heading, quote, list item or rule (emphasis such as
# "*Monitoring* dan ..." is left alone)
_BLOCK_MARK = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|[-*_]{3,}|\d+(?=[.)]))")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


class Md(str):
    """Markdown that is safe to insert as it is (made here from escaped pieces)."""


def clean(text: object) -> str:
    """Text without control or private-use characters, its whitespace runs as single spaces."""
    s = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                for c in str(text) if unicodedata.category(c) not in ("Co", "Cs", "Cf"))
    return re.sub(r"\s+", " ", s).strip()


def tanpa_token(text: str) -> str:
    """Text written by the chapter (a template, Markdown) without the two characters that mark a
    token: only the rendering puts them there."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def data_text(text: object) -> Md:
    """A piece of data text, safe to insert anywhere in the chapters' Markdown."""
    s = clean(text)
    m = _BLOCK_MARK.match(s)
    if m is None:
        return Md(s)
    if m.group(2).isdigit():  # "1. x" would start a numbered list: escape the period
        k = m.end()
        return Md(s[:k] + "\\" + s[k:])
    return Md(s[:m.start(2)] + "\\" + s[m.start(2):])


def sel(text: object) -> Markup:
    """A piece of data text for a table cell: escaped, with its inline Markdown (emphasis, safe
    links) rendered, e.g. ``Layanan *Drive Thru*`` with the foreign words in italics."""
    s = data_text(text)
    nodes, state = mistune.Markdown(renderer=None).parse(s)
    out = _Renderer()(nodes, state).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        return Markup(out[3:-4])
    return Markup.escape(clean(text))


def daftar(items: Iterable[object], bernomor: bool = False) -> Md:
    """A Markdown list of data texts (numbered from 1 if ``bernomor``), a block of its own;
    empty items left out."""
    texts = [data_text(x) for x in items if clean(x)]
    return Md("\n\n" + "\n".join(f"{i}. {t}" if bernomor else f"- {t}" for i, t in enumerate(texts, 1)) + "\n\n")


_LIST_ITEM = r"[ \t]*(?:[-*+]|\d+[.)])[ \t]"
_LOOSE = re.compile(rf"(^{_LIST_ITEM}.*\n)(?:[ \t]*\n)+(?={_LIST_ITEM})", re.M)


def tidy(markdown: str) -> str:
    """A template's output made regular: no blank line between two items of one list (a line of
    a template tag leaves one), and no more than one blank line anywhere."""
    previous = None
    while previous != markdown:
        previous, markdown = markdown, _LOOSE.sub(r"\1", markdown)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", markdown)


class _Renderer(mistune.HTMLRenderer):
    """mistune's HTML renderer with every raw HTML escaped and links only to safe schemes."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def link(self, text: str, url: str, title: str | None = None) -> str:
        if not url.lower().startswith(_SAFE_SCHEMES):
            return text
        return super().link(text, url, title)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return text


@dataclass
class Tokens:
    """The HTML of the numbers, tables and charts of one render, by token."""

    html: list[str] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)

    def add(self, html: str, block: bool = False) -> str:
        self.html.append(html)
        k = len(self.html) - 1
        if block:
            self.blocks.add(k)
        return f"{OPEN}{k}{CLOSE}"


def to_html(markdown: str, tokens: Tokens) -> list[str]:
    """The Markdown as HTML, in pieces: each heading, table and chart on its own, consecutive
    paragraphs and lists together (each piece is one output of the notebook cell)."""
    md = mistune.Markdown(renderer=None, plugins=[])
    nodes, state = md.parse(tidy(markdown))
    renderer = _Renderer()
    groups: list[list[dict]] = []
    for node in nodes:
        if node["type"] == "blank_line":
            continue
        alone = node["type"] == "heading" or _is_block(node, tokens)
        if alone or not groups or groups[-1][0]["type"] == "heading" or _is_block(groups[-1][0], tokens):
            groups.append([node])
        else:
            groups[-1].append(node)
    return [_swap(renderer(group, state).strip(), tokens) for group in groups]


def _is_block(node: dict, tokens: Tokens) -> bool:
    if node["type"] != "paragraph":
        return False
    text = "".join(c.get("raw", "") for c in node.get("children", []) if c["type"] == "text").strip()
    m = _TOKEN.fullmatch(text)
    return bool(m) and int(m.group(1)) in tokens.blocks


def _swap(html: str, tokens: Tokens) -> str:
    html = _BLOCK_PARAGRAPH.sub(lambda m: tokens.html[int(m.group(1))] if int(m.group(1)) in tokens.blocks
                                else m.group(0), html)

    def inline(m: re.Match) -> str:
        k = int(m.group(1))
        if k in tokens.blocks:
            raise ValueError("a table or chart must stand in a paragraph of its own (a blank line before and after)")
        return tokens.html[k]

    return _TOKEN.sub(inline, html)
