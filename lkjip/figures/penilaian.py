"""The Ministry of Finance's scores of budget performance: IKPA (ikpa.*), SMART (smart.*), Nilai Kinerja Anggaran (nka.*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkjip.figures.base import Sink, as_number

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

def ikpa(F: Figures, s: Sink) -> None:
    from lkjip.calc.ikpa import hitung_ikpa
    from lkjip.calc.rules import load_rules

    df = F.up_to_year("ikpa")
    for y, rows in df.groupby("tahun", sort=True):
        y = int(y)
        vals = {r.komponen: as_number(r.nilai) for r in rows.itertuples(index=False)}
        src = f"ikpa.csv[tahun={y}]"
        if set(vals) == {"nilai_akhir"}:
            s.add(
                f"ikpa.tahun.{y}.nilai_akhir",
                vals["nilai_akhir"],
                "nilai",
                f"Nilai akhir IKPA {y}",
                [src],
                "diambil dari data: komponen tidak tersedia",
            )
            continue
        rules = F.rules if y == F.year else load_rules(y)
        h = hitung_ikpa(vals, rules=rules)
        if y == F.year:
            for k, v in vals.items():
                if k == "dispensasi_spm":
                    continue
                comp = rules.ikpa_komponen.get(k) if hasattr(rules, "ikpa_komponen") else None
                q = f"ikpa.komponen.{k}"
                s.add(f"{q}.nilai", v, "nilai", f"Nilai IKPA {getattr(comp, 'nama', k)}", [f"{src}[komponen={k}]"])
                s.add(
                    f"{q}.bobot",
                    getattr(comp, "bobot", None),
                    "persen",
                    f"Bobot IKPA {getattr(comp, 'nama', k)}",
                    [f"rules/{rules.tahun}.yaml"],
                )
                s.add(
                    f"{q}.nilai_tertimbang",
                    h.tertimbang.get(k),
                    "nilai",
                    f"Nilai tertimbang IKPA {getattr(comp, 'nama', k)}",
                    [f"{q}.nilai", f"{q}.bobot"],
                )
            comps = [f"ikpa.komponen.{k}.nilai_tertimbang" for k in h.tertimbang]
            s.add("ikpa.nilai_total", h.nilai_total, "nilai", "Nilai total IKPA", comps)
            s.add("ikpa.konversi_bobot", h.konversi_bobot, "persen", "Konversi bobot IKPA", comps)
            s.add(
                "ikpa.dispensasi",
                h.dispensasi,
                "nilai",
                "Dispensasi SPM (pengurang)",
                [f"{src}[komponen=dispensasi_spm]"],
            )
            s.add(
                f"ikpa.tahun.{y}.nilai_akhir",
                h.nilai_akhir,
                "nilai",
                f"Nilai akhir IKPA {y}",
                ["ikpa.nilai_total", "ikpa.dispensasi"],
            )
            s.add("ikpa.kategori", h.kategori, "kategori", "Kategori IKPA", [f"ikpa.tahun.{y}.nilai_akhir"])
            for a, v in h.aspek.items():
                s.add(f"ikpa.aspek.{a}", v, "nilai", f"Nilai aspek {a} IKPA", comps)
        else:
            s.add(f"ikpa.tahun.{y}.nilai_akhir", h.nilai_akhir, "nilai", f"Nilai akhir IKPA {y}", [src])
    if f"ikpa.tahun.{F.year}.nilai_akhir" not in s.items:  # no IKPA that year: the report says so
        return
    s.alias("ikpa.nilai_akhir", f"ikpa.tahun.{F.year}.nilai_akhir")


def smart(F: Figures, s: Sink) -> None:
    for r in F.up_to_year("smart").sort_values(["tahun", "komponen"]).itertuples(index=False):
        s.add(
            f"smart.tahun.{int(r.tahun)}.{r.komponen}",
            as_number(r.nilai),
            "nilai",
            f"SMART {r.komponen} {int(r.tahun)}",
            [f"smart.csv[tahun={int(r.tahun)},komponen={r.komponen}]"],
            "diambil dari data (aplikasi SMART)",
        )


def nka(F: Figures, s: Sink) -> None:
    for r in F.this_year("nka").itertuples(index=False):
        s.add(
            f"nka.{r.komponen}",
            as_number(r.nilai),
            "nilai",
            f"Nilai Kinerja Anggaran: {r.komponen}",
            [f"nka.csv[tahun={F.year},komponen={r.komponen}]"],
            "diambil dari data: rumus resmi belum terkonfirmasi",
        )
