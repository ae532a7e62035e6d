"""The package's layout shows the pipeline: inputs -> calc -> figures -> present -> audit ->
build, with the command line on top. A module imports only from its own stage or the stages
before it; modules stay small; no module leans on another project's internals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import lkjip

PACKAGE = Path(lkjip.__file__).resolve().parent
STAGES = ["inputs", "calc", "figures", "present", "audit", "build", "batch"]
BASE = {"lkjip", "lkjip.errors", "lkjip.paths"}  # below every stage


def _stage(module: str) -> int:
    """0 for the base, 1.. for the stages in pipeline order, 99 for the command line."""
    if module in BASE:
        return 0
    parts = module.split(".")
    if parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    if module == "lkjip.cli":
        return 99
    raise AssertionError(f"{module} belongs to no stage: put it in one of {STAGES}")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = path
    return out


def _imports(path: Path, module: str) -> set[str]:
    """Every lkjip module ``path`` imports, at the top or inside a function."""
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "lkjip"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "lkjip":
                continue
            for a in node.names:  # "from lkjip.present import fmt" imports lkjip.present.fmt
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in _modules() else base)
    return found


def test_imports_run_down_the_pipeline():
    wrong = []
    for module, path in _modules().items():
        for target in _imports(path, module):
            if _stage(target) > _stage(module):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the pipeline:\n" + "\n".join(wrong)


def test_modules_are_small():
    big = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not big, big


def test_no_other_projects_internals():
    pattern = re.compile(r"make_margin_boxes|os\.fork|gc\.freeze|\._handle_|\._engines\b|_get_backend_or_none"
                         r"|\._init_resources|\._nb_metadata")
    hits = [f"{p.relative_to(PACKAGE.parent)}:{i}: {line.strip()}" for p in PACKAGE.rglob("*.py")
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, hits
