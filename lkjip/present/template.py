"""The chapters' text as templates: Markdown with values from the data, rendered safely.

A template cell of a chapter notebook (``%%teks``, see :mod:`lkjip.present.laporan`) holds the
report's text as the analyst writes it, in Markdown, with Jinja placeholders::

    Realisasi PNBP tahun {{ tahun }} mencapai {{ v('pnbp.realisasi') }}, atau
    {{ v('pnbp.persen') }} dari target.
    {% if ada('pnbp.perubahan_persen') %}Penerimaan itu tumbuh ...{% endif %}

    {{ tabel.pnbp() }}

What a placeholder may print, and how:

* a figure of the registry (``v('id')``, ``ikk.capaian``): its value written the Indonesian way,
  in a span the audit traces back to the registry (filters: ``| terbilang``, ``| desimal(0)``);
* text from the data (``kantor.nama``, a narasi bullet): escaped (:func:`markup.data_text`);
* a list of data texts: ``daftar(narasi.rekomendasi)``; a table or a chart: ``tabel.<name>(...)``,
  ``gambar.<name>(...)`` on a line of its own;
* a whole number (a year, a position): as it is. A float, ``None`` or an undefined name is an
  error: a number in the text comes from the registry, and nothing prints "None".

Templates run in Jinja's sandbox with undefined names as errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lkjip.present import markup
from lkjip.present.markup import Md, Tokens


class TemplateError(ValueError):
    """A template cannot be rendered: the message says why and where."""


class Angka:
    """A figure of the registry as the text shows it (``kind``/``desimal`` choose the format)."""

    def __init__(self, span: Callable[[str, str | None, int | None], str], value_of: Callable[[str], Any],
                 id: str, kind: str | None = None, desimal: int | None = None):
        self._span, self._value_of = span, value_of
        self.id, self.kind, self.desimal = id, kind, desimal

    @property
    def value(self) -> Any:
        """The figure's value at full precision (``None`` where undefined), for conditions."""
        return self._value_of(self.id)

    def html(self) -> str:
        return self._span(self.id, self.kind, self.desimal)

    def as_(self, kind: str | None = None, desimal: int | None = None) -> Angka:
        return Angka(self._span, self._value_of, self.id, kind or self.kind,
                     self.desimal if desimal is None else desimal)


class Blok:
    """A table or a chart (its HTML), to stand in a paragraph of its own."""

    def __init__(self, html: str):
        self.html = html


def _env() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # A line holding only a tag leaves an empty line (lstrip_blocks, no trim_blocks): a tag never
    # joins two paragraphs; markup.tidy then closes the gaps it leaves inside a list.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, lstrip_blocks=True,
                                keep_trailing_newline=True)


_ENV: Any = None


class Render:
    """One rendering of a template: its tokens, and how each kind of value becomes Markdown."""

    def __init__(self) -> None:
        self.tokens = Tokens()

    def piece(self, value: Any) -> str:
        """``value`` as safe Markdown (the environment's ``finalize``)."""
        if isinstance(value, Angka):
            return self.tokens.add(value.html())
        if isinstance(value, Blok):
            return "\n\n" + self.tokens.add(value.html, block=True) + "\n\n"
        if isinstance(value, Md):
            return str(value)
        if hasattr(value, "__html__"):  # HTML the package made (markupsafe.Markup): data in it escaped
            return self.tokens.add(str(value.__html__()))
        if value is None:
            raise TemplateError("a placeholder printed nothing (None): a value is missing; test it "
                                "with {% if ... %} or choose another figure")
        if isinstance(value, bool):
            raise TemplateError("a placeholder printed True/False: use it in {% if ... %}")
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            raise TemplateError(f"a placeholder printed the number {value!r}: numbers come from "
                                "the registry, v('id'), so that the report writes them the Indonesian way")
        if isinstance(value, str):
            return markup.data_text(value)
        if isinstance(value, dict | list | tuple):
            raise TemplateError(f"a placeholder printed a {type(value).__name__}: print one of its items, "
                                "or a list with daftar(...)")
        return markup.data_text(value)

    def gabung(self, items: Iterable[Any], kata: str = "dan") -> Md:
        """``a, b, dan c``: items joined the Indonesian way."""
        xs = [self.piece(x) for x in items]
        xs = [x for x in xs if x.strip()]
        if len(xs) <= 1:
            return Md("".join(xs))
        if len(xs) == 2:
            return Md(f"{xs[0]} {kata} {xs[1]}")
        return Md(", ".join(xs[:-1]) + f", {kata} {xs[-1]}")

    def daftar(self, items: Iterable[Any], bernomor: bool = False) -> Md:
        """A Markdown list, one item a line (data text escaped; figures and Md as they are)."""
        lines = []
        for i, x in enumerate((x for x in items if x not in (None, "")), 1):
            text = self.piece(x) if isinstance(x, Angka | Md) or hasattr(x, "__html__") else markup.data_text(x)
            lines.append(f"{i}. {text}" if bernomor else f"- {text}")
        return Md("\n\n" + "\n".join(lines) + "\n\n")


def _kecil(value: Any) -> Any:
    """'Mengelola ...' -> 'mengelola ...': an item continued inside a sentence."""
    text = markup.data_text(value) if not isinstance(value, Md) else value
    return Md(text[:1].lower() + text[1:])


def render(source: str, context: dict[str, Any]) -> list[str]:
    """The template ``source`` rendered with ``context``, as HTML pieces (see markup.to_html)."""
    global _ENV
    from jinja2 import TemplateError as JinjaError

    if _ENV is None:
        _ENV = _env()
    r = Render()
    env = _ENV.overlay(finalize=r.piece)
    env.filters.update(terbilang=lambda a: a.as_("terbilang", 0), desimal=lambda a, d: a.as_(None, d),
                       kecil=_kecil)
    names = {"gabung": r.gabung, "daftar": r.daftar, **context}
    try:
        markdown = env.from_string(markup.tanpa_token(source)).render(**names)
        return markup.to_html(markdown, r.tokens)
    except TemplateError:
        raise
    except JinjaError as exc:
        line = f" (line {exc.lineno} of the cell)" if getattr(exc, "lineno", None) else ""
        raise TemplateError(f"{type(exc).__name__}{line}: {exc.message}") from None
    except ValueError as exc:
        raise TemplateError(str(exc)) from None
