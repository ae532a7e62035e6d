"""Checks of the rendered report: every number traced to the registry (``data-fig`` spans) shows
the registry's value, one figure shows one text everywhere, and a counted table has as many rows
as its figure says."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

from lkjip.audit.consistency import Check
from lkjip.present.fmt import render

_SPAN = re.compile(r'<span[^>]*\bdata-fig="([^"]+)"[^>]*\bdata-fmt="([^"]*)"[^>]*>(.*?)</span>', re.S)
_COUNT = re.compile(r'<table[^>]*\bdata-count-fig="([^"]+)"[^>]*>(.*?)</table>', re.S)


def check_rendered(html_text: str, F: Any) -> list[Check]:
    """Every number the report shows through the registry reads the registry's value, every
    figure shown in several places shows one value, and stated counts match listed rows."""
    out: list[Check] = []
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fid, spec, text in _SPAN.findall(html_text):
        text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        f = F.get(fid)
        if f is None:
            out.append(
                Check("angka di laporan ada di registri", False, f"the report shows unknown figure {fid}", [fid])
            )
            continue
        expected = render(f.value, spec)
        seen[(fid, spec)].add(text)
        if text != expected:
            out.append(
                Check(
                    "angka di laporan = registri",
                    False,
                    f"{fid} is shown as '{text}' but the registry gives '{expected}' ({spec})",
                    [fid],
                )
            )
    for (fid, spec), texts in seen.items():
        out.append(
            Check(
                "satu figur, satu nilai di seluruh laporan",
                len(texts) == 1,
                f"{fid} ({spec}) shown as {sorted(texts)}",
                [fid],
            )
        )
    for fid, body in _COUNT.findall(html_text):
        rows = len(re.findall(r"<tr\b", body.split("<tbody", 1)[-1])) if "<tbody" in body else 0
        n = F[fid].value
        out.append(
            Check(
                "jumlah tertulis = jumlah baris",
                rows == n,
                f"{fid} = {n}; the table listing them has {rows} rows",
                [fid],
            )
        )
    if not seen:
        out.append(Check("laporan memakai registri", False, "no registry figure found in the rendered report", []))
    return out
