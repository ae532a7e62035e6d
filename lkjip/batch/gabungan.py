"""The consolidated edition of a batch (``OUT/_gabungan/<year>/``): its figures, then its pages.

It is made from what the offices' builds wrote (each ``OUT/<office>/<year>/figures.json`` and
``audit.json``), so it needs nothing but the output folder. Its own ``figures.json`` holds, by
stable id (``gabungan.*``; ``wilayah.*`` is taken by the work area's figures):

- ``gabungan.kantor.{jumlah,selesai,gagal}``
- ``gabungan.ikk.<kode>.{jumlah_kantor,jumlah_terukur,jumlah_tercapai}``: offices whose PK has
  the indicator, those with a capaian (not nihil), those that reached the target;
- ``gabungan.ikk.<kode>.capaian.{rata_rata,median,min,max}`` over the offices with a capaian;
- ``gabungan.ikk.<kode>.kantor.<office>.{target,realisasi,capaian,status}``, copied from the
  office (an office whose PK lacks the indicator has no such ids, and the pages say so);
- ``gabungan.anggaran.{pagu,realisasi,persen}`` (sums over the offices with a budget),
  ``gabungan.anggaran.persen.{rata_rata,median}``, ``gabungan.anggaran.kantor.<office>.{pagu,realisasi,persen}``;
- ``gabungan.pnbp.*`` and ``gabungan.ikpa.*`` likewise (``target``, ``realisasi``, ``persen``;
  ``nilai_akhir``).

Means are plain means of the offices' values (each office counts once, whatever its size).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from lkjip.batch.offices import GABUNGAN, Batch

Fig = dict[str, Any]  # value, unit, label, sources, note


def _fig(value: Any, unit: str, label: str, sources: list[str], note: str = "") -> Fig:
    return {"value": value, "unit": unit, "label": label, "sources": sources, "note": note}


def indicators(offices: dict[str, dict[str, Fig]]) -> dict[str, dict[str, str]]:
    """Every indicator code of the batch (in order of first appearance) with its name and unit."""
    out: dict[str, dict[str, str]] = {}
    for figs in offices.values():
        for fid, f in figs.items():
            parts = fid.split(".")
            if len(parts) == 3 and parts[0] == "ikk" and parts[2] == "target" and parts[1] not in out:
                out[parts[1]] = {"nama": str(f.get("label", "")).removeprefix("Target "), "satuan": f.get("unit", "")}
    return out


def stats(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"rata_rata": None, "median": None, "min": None, "max": None}
    return {"rata_rata": statistics.fmean(values), "median": statistics.median(values),
            "min": min(values), "max": max(values)}


def compute(offices: dict[str, dict[str, Fig]], n_batch: int, batch_name: str) -> dict[str, Fig]:
    """The consolidated figures from each built office's figures (``{office: {id: fig}}``)."""
    F: dict[str, Fig] = {}

    def val(office: str, fid: str) -> Any:
        f = offices[office].get(fid)
        return None if f is None else f.get("value")

    def src(office: str, fid: str) -> list[str]:
        return [f"{office}/figures.json#{fid}"]

    F["gabungan.kantor.jumlah"] = _fig(n_batch, "jumlah", f"Jumlah kantor dalam {batch_name}", ["batch"])
    F["gabungan.kantor.selesai"] = _fig(len(offices), "jumlah", "Jumlah kantor yang laporannya tersusun", ["batch"])
    F["gabungan.kantor.gagal"] = _fig(n_batch - len(offices), "jumlah", "Jumlah kantor yang gagal disusun", ["batch"])
    for code, meta in indicators(offices).items():
        p = f"gabungan.ikk.{code}"
        having = [o for o in offices if f"ikk.{code}.target" in offices[o]]
        measured = [o for o in having if val(o, f"ikk.{code}.capaian") is not None]
        for o in having:
            for part, unit in (("target", meta["satuan"]), ("realisasi", meta["satuan"]), ("capaian", "persen"),
                               ("status", "kode")):
                fid = f"ikk.{code}.{part}"
                F[f"{p}.kantor.{o}.{part}"] = _fig(val(o, fid), unit, f"{part.capitalize()} {meta['nama']}: {o}",
                                                   src(o, fid))
        caps = [float(val(o, f"ikk.{code}.capaian")) for o in measured]
        ids = [f"{p}.kantor.{o}.capaian" for o in measured]
        F[f"{p}.jumlah_kantor"] = _fig(len(having), "jumlah", f"Jumlah kantor dengan indikator {meta['nama']}",
                                       [f"{o}/figures.json#ikk.{code}.target" for o in having])
        F[f"{p}.jumlah_terukur"] = _fig(len(measured), "jumlah", f"Jumlah kantor dengan capaian {meta['nama']}", ids)
        F[f"{p}.jumlah_tercapai"] = _fig(sum(1 for o in having if val(o, f"ikk.{code}.status") == "tercapai"),
                                         "jumlah", f"Jumlah kantor yang mencapai target {meta['nama']}",
                                         [f"{p}.kantor.{o}.status" for o in having])
        for name, v in stats(caps).items():
            F[f"{p}.capaian.{name}"] = _fig(v, "persen", f"Capaian {meta['nama']}: {name.replace('_', '-')} "
                                            f"{batch_name}", ids, f"{len(caps)} kantor")
    for group, parts, key, ratio in (("anggaran", ("pagu", "realisasi", "persen"), "realisasi", ("realisasi", "pagu")),
                                     ("pnbp", ("target", "realisasi", "persen"), "realisasi", ("realisasi", "target")),
                                     ("ikpa", ("nilai_akhir",), "nilai_akhir", None)):
        having = [o for o in offices if val(o, f"{group}.{key}") is not None]
        for o in having:
            for part in parts:
                fid = f"{group}.{part}"
                f = offices[o].get(fid) or {}
                F[f"gabungan.{group}.kantor.{o}.{part}"] = _fig(f.get("value"), f.get("unit", ""),
                                                                f"{f.get('label', fid)}: {o}", src(o, fid))
        last = parts[-1]
        values = [float(val(o, f"{group}.{last}")) for o in having if val(o, f"{group}.{last}") is not None]
        ids = [f"gabungan.{group}.kantor.{o}.{last}" for o in having if val(o, f"{group}.{last}") is not None]
        for name, v in stats(values).items():
            if name in ("rata_rata", "median"):
                F[f"gabungan.{group}.{last}.{name}"] = _fig(v, "persen" if last == "persen" else "nilai",
                                                            f"{group} {last}: {name.replace('_', '-')} {batch_name}",
                                                            ids, f"{len(values)} kantor")
        if ratio:  # the batch's own ratio: the sums over the offices that have both
            both = [o for o in having if val(o, f"{group}.{ratio[1]}")]
            sums = {part: sum(int(val(o, f"{group}.{part}")) for o in both) for part in ratio}
            for part in ratio:
                F[f"gabungan.{group}.{part}"] = _fig(sums[part] if both else None, "rupiah",
                                                     f"Jumlah {group} {part} {batch_name}",
                                                     [f"gabungan.{group}.kantor.{o}.{part}" for o in both])
            F[f"gabungan.{group}.persen"] = _fig(sums[ratio[0]] / sums[ratio[1]] * 100 if both else None, "persen",
                                                 f"Persentase {group} {batch_name}",
                                                 [f"gabungan.{group}.{part}" for part in ratio])
    return dict(sorted(F.items()))


def read_office(folder: Path) -> tuple[dict[str, Fig], list[dict[str, Any]] | None]:
    """An office's figures and its audit records (None when it has no audit.json)."""
    figs = json.loads((folder / "figures.json").read_text(encoding="utf-8"))["figures"]
    audit = folder / "audit.json"
    return figs, json.loads(audit.read_text(encoding="utf-8")) if audit.exists() else None


def write_gabungan(batch: Batch, year: int, out: Path, results: dict[str, dict[str, Any]],
                   formats: tuple[str, ...], banding: bool = False) -> Path:
    """Write ``OUT/_gabungan/<year>/`` (index.html, gabungan-<year>.html [.pdf], figures.json),
    swapped in whole like an office's folder."""
    from lkjip.batch import gabungan_html as H
    from lkjip.build import folder as folders
    from lkjip.build import manifest

    root = Path(out) / GABUNGAN
    built: dict[str, dict[str, Fig]] = {}
    audits: dict[str, list[dict[str, Any]] | None] = {}
    for o in batch.offices:
        r = results.get(o.id, {})
        place = o.out_dir(out) / str(year)
        if r.get("status") in ("done", "cached") and (place / "figures.json").exists():
            built[o.id], audits[o.id] = read_office(place)
    F = compute(built, len(batch.offices), batch.nama)
    names = H.office_names(batch, year)
    with folders.lock(root, year, None):
        folders.remove_leftovers(root, year)
        with folders.staging(root, year) as tmp:
            doc = {"year": year, "batch": batch.nama, "nasional": batch.nasional, "sintetis": batch.sintetis,
                   "offices": [o.id for o in batch.offices], "figures": F}
            manifest.write(tmp / "figures.json", doc)
            (tmp / "index.html").write_text(H.index_page(batch, year, results, F, built, audits, names, formats),
                                            encoding="utf-8")
            if "html" in formats or "pdf" in formats:  # the charts are drawn only for these
                report = H.report_page(batch, year, F, built, names, banding)
                (tmp / f"gabungan-{year}.html").write_text(report, encoding="utf-8")
            if "pdf" in formats:
                from lkjip.build.pdf import render_pdf

                render_pdf(report, tmp / f"gabungan-{year}.pdf", base_url=tmp)
            folders.swap(tmp, root / str(year))
    return root / str(year)
