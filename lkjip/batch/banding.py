"""``lkjip batch --banding``: the benchmark BAB III lacks, the batch's own average.

Before the builds, every office's capaian are computed on the workers (the registry alone, no
chapter: about a second an office). For each indicator the mean is taken over the offices that
measured it (a nihil office has no capaian and does not count; fewer than two offices give no
mean). Each office then builds from an overlay of its data folder,
``OUT/<office>/banding-<year>/<office>/`` (a copy of its data plus ``banding.csv``: tahun,
indikator, kelompok, jumlah_kantor, rata_rata, for the indicators of its PK), so that analysis d
of BAB III compares its capaian with "rata-rata <kelompok>" and the figure ids
``ikk.<kode>.{kelompok,jumlah_kantor_kelompok,rata_rata_kelompok,banding_kelompok}`` and the
audit cover it. The overlay stays, so the office can be rebuilt alone from it::

    lkjip build --data OUT/<office>/banding-<year> --params ROOT/<office>/params

``kelompok`` is the batch's name (``batch.yaml`` ``nama`` or ``--nama``); it reads "nasional"
only for a batch declared national (``nasional: true``). Without ``--banding`` nothing of this
happens and every office builds from its own data folder, byte for byte as alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from lkjip.batch.gabungan import stats
from lkjip.batch.offices import Batch
from lkjip.inputs.csv_table import write_csv

MINIMUM = 2  # offices needed for a mean worth comparing with


def capaian_of(data_dir: Path, params_dir: Path, year: int) -> dict[str, float | None] | None:
    """Every indicator's capaian of one office (None when its figures cannot be computed: its
    build then fails and says why)."""
    from lkjip.figures import Figures

    try:
        F = Figures(year, data_dir, params_dir)
        return {str(k): F[f"ikk.{k}.capaian"].value for k in F.indikator()["kode"]}
    except Exception:  # noqa: BLE001 - reported by the office's own check and build
        return None


def means(capaian: dict[str, dict[str, float | None] | None]) -> dict[str, tuple[float, int]]:
    """indicator -> (mean capaian, number of offices in it), over the offices that measured it."""
    values: dict[str, list[float]] = {}
    for caps in capaian.values():
        for code, v in (caps or {}).items():
            if v is not None:
                values.setdefault(code, []).append(float(v))
    return {code: (stats(vs)["rata_rata"], len(vs)) for code, vs in values.items() if len(vs) >= MINIMUM}


def write_overlay(source: Path, target_root: Path, office: str, year: int, kelompok: str,
                  rows: dict[str, tuple[float, int]]) -> Path:
    """A copy of the office's data folder plus its banding.csv; the new data root."""
    target = target_root / office
    shutil.rmtree(target_root, ignore_errors=True)
    shutil.copytree(source, target)
    write_csv(target / "banding.csv", ["tahun", "indikator", "kelompok", "jumlah_kantor", "rata_rata"],
              [[year, code, kelompok, n, repr(float(mean))] for code, (mean, n) in rows.items()])
    return target_root


def prepare(client: Any, batch: Batch, year: int, out: Path) -> dict[str, Path]:
    """Compute the means on the workers and write every office's overlay; office -> data root."""
    futures = {o.id: client.submit(capaian_of, o.data_dir.resolve(), o.params_dir.resolve(), year,
                                   key=f"lkjip-capaian-{o.id}-{id(batch)}", pure=False) for o in batch.offices}
    capaian = dict(zip(futures, client.gather(list(futures.values())), strict=True))
    avg = means(capaian)
    overlays = {}
    for o in batch.offices:
        own = capaian.get(o.id)
        if own is None:
            continue
        rows = {code: avg[code] for code in own if code in avg}
        overlays[o.id] = write_overlay(o.data_dir / o.id, o.out_dir(out) / f"banding-{year}", o.id, year,
                                       batch.nama, rows)
    return overlays
