"""One YAML file read with the line of every key, and checked against its spec
(:mod:`lkjip.inputs.yaml_spec`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkjip.errors import Problem
from lkjip.inputs.reading import Read, err, read_text


# --- YAML with line numbers --------------------------------------------------------------------
class LineDict(dict):
    """A mapping read from YAML that remembers the line of each key."""

    lines: dict


class LineList(list):
    lines: dict


def yaml_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def mapping(loader: Any, node: Any) -> LineDict:
        loader.flatten_mapping(node)
        result = LineDict()
        result.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in result.lines:
                raise yaml.constructor.ConstructorError(
                    None, None, f"kunci '{key}' muncul dua kali (baris {result.lines[key]} dan {line})",
                    key_node.start_mark)
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = line
        return result

    def sequence(loader: Any, node: Any) -> LineList:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.lines = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
        return result

    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", sequence)
    return Loader


def line_of(container: Any, key: Any) -> int | None:
    return getattr(container, "lines", {}).get(key)


# PyYAML's messages (English) -> what they mean for the person who wrote the file
_YAML_PROBLEMS = (
    ("muncul dua kali", None),  # ours: the message is already Indonesian
    ("mapping values are not allowed here", "titik dua (:) yang tidak diharapkan di sini"),
    ("could not find expected ':'", "kunci tanpa titik dua (:)"),
    ("did not find expected key", "indentasi yang tidak sejajar"),
    ("did not find expected '-' indicator", "butir daftar ('- ') yang tidak sejajar"),
    ("expected ',' or ']'", "daftar [ ... ] yang tidak ditutup"),
    ("expected ',' or '}'", "pemetaan { ... } yang tidak ditutup"),
    ("found unexpected end of stream", "berkas berakhir di dalam teks bertanda petik"),
    ("found undefined alias", "alias (*) tanpa anchor (&)"),
    ("found unknown escape character", "karakter escape (\\) tak dikenal di teks bertanda petik dua"),
    ("expected <block end>", "indentasi yang tidak sejajar"),
)


def yaml_problem(what: str, char: str = "") -> str:
    """A YAML syntax problem, in Indonesian; the parser's own words kept for the unusual ones.
    ``char``: the character where the parser stopped, if known."""
    if "cannot start any token" in what:
        if char == "\t" or "'\\t'" in what:
            return "karakter tab: indentasi harus memakai spasi"
        return (f"karakter {char!r} yang tidak boleh mengawali nilai" if char else
                "karakter yang tidak boleh mengawali nilai") + "; apit teksnya dengan tanda petik"
    for key, said in _YAML_PROBLEMS:
        if key in what:
            return said or what
    return f"kesalahan sintaks YAML ({what})"


def read_yaml(spec: Any, path: Path, shown: str, raw: bytes | None = None) -> Read:
    """Read one YAML file and check it against its spec (``lkjip.inputs.yaml_spec``)."""
    import yaml

    from lkjip.inputs import yaml_spec

    out = Read()
    text, problems = read_text(path, shown, "berkas YAML", raw)
    out.problems += problems
    if text is None:
        return out
    try:
        data = yaml.load(text, Loader=yaml_loader())  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = " ".join(str(x) for x in (getattr(exc, "context", None),
                                         getattr(exc, "problem", None)) if x) or str(exc)
        hint = ("tulis kunci itu satu kali saja" if "muncul dua kali" in what else
                "periksa indentasi (spasi, bukan tab) dan titik dua setelah setiap kunci; apit "
                "dengan tanda petik teks yang memuat ': ' atau diawali tanda khusus")
        lines = text.splitlines()
        char = ""
        if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
        out.problems.append(err(shown, mark.line + 1 if mark else None, None, "YAML yang sah",
                                 yaml_problem(what, char), hint))
        return out
    except (TypeError, ValueError) as exc:
        out.problems.append(err(shown, None, None, "YAML yang sah",
                                 f"isi yang tidak dapat dibaca ({exc})",
                                 "kunci harus teks biasa; periksa kunci berupa daftar atau pemetaan"))
        return out
    plain, findings = yaml_spec.check_yaml(data, spec, line_of)
    out.problems += [Problem(shown, f.line, f.path, f.expected, f.found, f.hint, f.severity)
                     for f in findings]
    if not any(p.severity == "error" for p in out.problems):
        out.value = plain
        out.raw = data
    return out
