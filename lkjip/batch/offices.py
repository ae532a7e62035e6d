"""The offices of a batch: a data root with one folder per office, and its ``batch.yaml``.

A batch root is laid out so that each office can also be built alone::

    ROOT/batch.yaml                       optional: nama, nasional, sintetis (see below)
    ROOT/<office>/data/<office>/...       the office's data folder (docs/ARCHITECTURE.md)
    ROOT/<office>/params/defaults.yaml, <year>.yaml

    lkjip build --year Y --data ROOT/<office>/data --params ROOT/<office>/params --out OUT/<office>

and a batch writes each office into ``OUT/<office>/<year>/`` (its cache in ``OUT/<office>/.cache``)
and the consolidated edition into ``OUT/_gabungan/<year>/``.

``batch.yaml``: ``nama`` is the name of the group of offices as the reports print it ("Kantor
Wilayah Jawa Timur"; default: the root folder's name); ``nasional: true`` declares the batch to
hold every office of the country, and only then is its average called national; ``sintetis: true``
marks a root of made-up offices (:mod:`lkjip.batch.sintetis`), which may hold no real office.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjip.errors import LkjipError

GABUNGAN = "_gabungan"  # the consolidated edition's folder under the output root
SINTETIS_PREFIX = "kanim-sintetis-"


@dataclass(frozen=True)
class Office:
    id: str
    folder: Path  # ROOT/<office>

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def params_dir(self) -> Path:
        return self.folder / "params"

    def out_dir(self, out_root: Path) -> Path:
        return Path(out_root) / self.id


@dataclass(frozen=True)
class Batch:
    root: Path
    nama: str
    nasional: bool
    sintetis: bool
    offices: list[Office]


def read_batch(root: Path, only: list[str] | None = None, nama: str | None = None) -> Batch:
    """The batch under ``root``: its settings and offices (all, or those named in ``only``)."""
    root = Path(root)
    if not root.is_dir():
        raise LkjipError(f"--data-root {root}: folder tidak ada")
    cfg = {}
    if (root / "batch.yaml").exists():
        cfg = yaml.safe_load((root / "batch.yaml").read_text(encoding="utf-8")) or {}
        if not isinstance(cfg, dict):
            raise LkjipError(f"{root / 'batch.yaml'}: seharusnya pasangan kunci: nilai (nama, nasional, sintetis)")
    offices = [Office(p.name, p) for p in sorted(root.iterdir())
               if p.is_dir() and p.name[0] not in "._" and (p / "params").is_dir() and (p / "data").is_dir()]
    if not offices:
        raise LkjipError(f"--data-root {root}: tidak ada folder kantor (seharusnya <kantor>/data/<kantor>/ "
                         "dan <kantor>/params/ di dalamnya)")
    if only:
        known = {o.id for o in offices}
        unknown = [o for o in only if o not in known]
        if unknown:
            raise LkjipError(f"--offices: kantor ini tidak ada di {root}: {', '.join(unknown)} "
                             f"(yang ada: {', '.join(sorted(known))})")
        offices = [o for o in offices if o.id in set(only)]
    sintetis = bool(cfg.get("sintetis", False))
    mixed = [o.id for o in offices if o.id.startswith(SINTETIS_PREFIX) != sintetis]
    if mixed:
        what = "kantor nyata (bukan kanim-sintetis-*)" if sintetis else "kantor sintetis (kanim-sintetis-*)"
        raise LkjipError(f"{root}: kantor sintetis dan kantor nyata tidak boleh dicampur dalam satu batch; "
                         f"{what}: {', '.join(mixed)}")
    nasional = bool(cfg.get("nasional", False))
    name = str(nama or cfg.get("nama") or root.resolve().name).strip()
    if "nasional" in name.lower() and not nasional:
        raise LkjipError(f"nama batch {name!r}: sebuah batch disebut nasional hanya bila batch.yaml "
                         "memuat 'nasional: true'")
    return Batch(root, "nasional" if nasional else name, nasional, sintetis, offices)
