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
                    None, None, f"key '{key}' appears twice (lines {result.lines[key]} and {line})",
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


def read_yaml(spec: Any, path: Path, shown: str, raw: bytes | None = None) -> Read:
    """Read one YAML file and check it against its spec (``lkjip.inputs.yaml_spec``)."""
    import yaml

    from lkjip.inputs import yaml_spec

    out = Read()
    text, problems = read_text(path, shown, "a YAML file", raw)
    out.problems += problems
    if text is None:
        return out
    try:
        data = yaml.load(text, Loader=yaml_loader())  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = " ".join(str(x) for x in (getattr(exc, "context", None),
                                         getattr(exc, "problem", None)) if x) or str(exc)
        hint = ("keep the key once" if "appears twice" in what else
                "check the indentation and the ':' after each key; quote text that contains ': ' "
                "or starts with a special character")
        out.problems.append(err(shown, mark.line + 1 if mark else None, None, "valid YAML", what,
                                 hint))
        return out
    except (TypeError, ValueError) as exc:
        out.problems.append(err(shown, None, None, "valid YAML", str(exc)))
        return out
    plain, findings = yaml_spec.check_yaml(data, spec, line_of)
    out.problems += [Problem(shown, f.line, f.path, f.expected, f.found, f.hint, f.severity)
                     for f in findings]
    if not any(p.severity == "error" for p in out.problems):
        out.value = plain
        out.raw = data
    return out
