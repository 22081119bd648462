#!/usr/bin/env python3
"""Checks that the top-level modules of src/ depend on each other only downwards.

Every `crate::…` path in the library (`use` lines, grouped imports and inline paths such
as `crate::model::slug`) is read, outside comments and test modules, and the module it
names is compared with the layering below: a module may use modules of a lower layer, and
modules of one layer must not form a cycle. Run by CI (`.ci/run`); exits 1 on a violation.
"""

import re
import sys
from pathlib import Path

# Bottom to top. The design section of the README shows the same layering.
LAYERS = [
    ["source", "timings", "date", "xml", "fingerprint", "world", "i18n", "memory"],
    ["error", "diag"],
    ["yaml", "output"],
    ["model"],
    ["l10n"],
    ["parse"],
    ["project"],
    ["resolve"],
    ["check", "render", "translate"],
    ["lib"],
    ["build", "diff", "review", "scaffold", "schema"],
    ["watch", "serve", "lsp"],
]
RANK = {m: i for i, layer in enumerate(LAYERS) for m in layer}
# The stages read the loaded project (the model), never the loader itself.
FORBIDDEN = {(stage, "project") for stage in ("resolve", "check", "render")}
# Items of the crate root and where they live.
ROOT_ITEMS = {"Error": "error", "Result": "error", "msg": "i18n"}
LIB_ITEMS = {"analyze", "analyze_with", "analyze_loaded_with", "Analysis", "AnalysisOptions"}


def module_of(path: Path, src: Path) -> str:
    rel = path.relative_to(src)
    if rel.parts == ("lib.rs",):
        return "lib"
    return rel.parts[0].removesuffix(".rs")


def code_of(text: str) -> str:
    """The text without comments and without `#[cfg(test)]` modules."""
    lines = []
    it = iter(text.splitlines())
    for line in it:
        stripped = line.strip()
        if stripped == "#[cfg(test)]":
            # Skip the item that follows (a `mod tests { … }` block or one item).
            depth = 0
            started = False
            for nxt in it:
                depth += nxt.count("{") - nxt.count("}")
                started = started or "{" in nxt or nxt.rstrip().endswith(";")
                if started and depth <= 0:
                    break
            continue
        if stripped.startswith("//"):
            continue
        lines.append(line)
    return "\n".join(lines)


def names_after_crate(code: str):
    """Top-level names used as `crate::NAME` or inside `crate::{NAME, …}`."""
    i = 0
    while True:
        i = code.find("crate::", i)
        if i < 0:
            return
        if i > 0 and (code[i - 1].isalnum() or code[i - 1] == "_"):
            i += 7
            continue
        j = i + 7
        if j < len(code) and code[j] == "{":
            depth, k = 1, j + 1
            part_start = k
            while k < len(code) and depth:
                c = code[k]
                if c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                if (c == "," and depth == 1) or depth == 0:
                    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", code[part_start:k])
                    if m:
                        yield m.group(1)
                    part_start = k + 1
                k += 1
            i = k
        else:
            m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)", code[j:])
            if m:
                yield m.group(1)
            i = j


def main() -> int:
    src = Path(__file__).resolve().parent.parent / "src"
    edges = {}
    unknown = set()
    for path in sorted(src.rglob("*.rs")):
        rel = path.relative_to(src)
        if rel.parts[0] in ("cli", "main.rs") or path.name == "tests.rs":
            continue
        module = module_of(path, src)
        code = code_of(path.read_text(encoding="utf-8"))
        for name in names_after_crate(code):
            target = ROOT_ITEMS.get(name) or ("lib" if name in LIB_ITEMS else name)
            if target == module or target == "self":
                continue
            if target not in RANK:
                unknown.add(f"{rel}: crate::{name}")
                continue
            edges.setdefault((module, target), []).append(str(rel))
    problems = []
    if unknown:
        problems.append("modules missing from the layering: " + ", ".join(sorted(unknown)))
    for (a, b), files in sorted(edges.items()):
        if a not in RANK:
            problems.append(f"module `{a}` is missing from the layering")
        elif RANK[b] > RANK[a]:
            problems.append(f"`{a}` uses `{b}`, a higher layer ({', '.join(sorted(set(files)))})")
        elif (a, b) in FORBIDDEN:
            problems.append(f"`{a}` reaches into `{b}` ({', '.join(sorted(set(files)))}); stages read the model")
    # Cycles inside a layer.
    graph = {}
    for (a, b) in edges:
        if a in RANK and RANK.get(a) == RANK.get(b):
            graph.setdefault(a, set()).add(b)

    def reaches(start, goal, seen):
        for n in graph.get(start, ()):
            if n == goal:
                return True
            if n not in seen:
                seen.add(n)
                if reaches(n, goal, seen):
                    return True
        return False

    for a in sorted(graph):
        if reaches(a, a, set()):
            problems.append(f"`{a}` is part of a cycle within its layer")
    # Nothing below the command line prints.
    for path in sorted(src.rglob("*.rs")):
        rel = path.relative_to(src)
        if rel.parts[0] in ("cli", "main.rs") or path.name == "tests.rs":
            continue
        code = code_of(path.read_text(encoding="utf-8"))
        for m in re.finditer(r"\b(e?println|e?print|dbg)!", code):
            problems.append(f"{rel}: `{m.group(1)}!` below the command line (return the text instead)")
    for p in problems:
        print(f"layering: {p}", file=sys.stderr)
    if not problems:
        print(f"layering: {len(edges)} module dependencies, all downwards, no cycle")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
