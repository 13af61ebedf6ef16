"""The rooms of the package and the rule of imports: only downward, no private names across modules.

core → text → figures | places (siblings) → linking → extraction → io → batch, analysis,
integrations → cli. Every import counts, at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "govnlp"

# module prefix → layer; a module may import its own layer or a lower one
LAYERS: dict[str, int] = {
    "govnlp._version": 0, "govnlp._resources": 0, "govnlp.errors": 0, "govnlp.records": 0,
    "govnlp.lexicon": 0, "govnlp.frame": 0, "govnlp.progressbar": 0,
    "govnlp.schemas": 0,
    "govnlp.text": 1,
    "govnlp.figures": 2, "govnlp.places": 2,
    "govnlp.linking": 3,
    "govnlp.extraction": 4,
    "govnlp.io": 5,
    "govnlp.batch": 6, "govnlp.analysis": 6, "govnlp.integrations": 6,
    "govnlp.cli": 7, "govnlp.__main__": 7, "govnlp.pipeline": 7, "govnlp.dask": 7,
    "govnlp": 7,  # the facade
}  # fmt: skip
# siblings of one layer that must not import each other
SIBLINGS = [("govnlp.figures", "govnlp.places")]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """The longest prefix of ``module`` that has a layer."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in LAYERS:
            return prefix
    raise AssertionError(f"{module} is in no room of LAYERS")


def imports(tree: ast.AST, module: str) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) of every govnlp import in ``tree``."""
    out = []
    package = module if module.count(".") == 0 else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("govnlp")]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, target] if target else base)
            if target.startswith("govnlp"):
                out.append((node.lineno, target, [a.name for a in node.names]))
    return out


MODULES = sorted(SRC.rglob("*.py"))


def test_every_module_has_a_room() -> None:
    for path in MODULES:
        room(module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_go_only_downward(path: Path) -> None:
    module = module_name(path)
    if module == "govnlp":
        return  # the facade names every room, lazily
    here = room(module)
    for line, target, names in imports(ast.parse(path.read_text(encoding="utf-8")), module):
        targets = [target] if names == [] else [
            f"{target}.{n}" if f"{target}.{n}".replace(".", "/") in _module_paths() else target
            for n in names
        ]
        for t in targets:
            there = room(t)
            assert LAYERS[there] <= LAYERS[here], f"{module}:{line} imports {t} (upward)"
            for a, b in SIBLINGS:
                assert not (here == a and there == b) and not (here == b and there == a), (
                    f"{module}:{line} imports its sibling {t}"
                )


def _module_paths() -> set[str]:
    return {module_name(p).replace(".", "/") for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_of_another_module(path: Path) -> None:
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: set[str] = set()
    for line, target, names in imports(tree, module):
        for name in names:
            assert not (name.startswith("_") and not name.startswith("__")) or (
                target == "govnlp" and name == "_resources"
            ) or name == "_version", f"{module}:{line} imports the private name {target}.{name}"
        if names == [] or target == "govnlp":
            aliases.update(names or [target.split(".")[0]])
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("govnlp"):
            aliases.update(a.asname or a.name for a in node.names)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            name = f"{node.value.id}.{node.attr}"
            raise AssertionError(f"{module}:{node.lineno} reads the private name {name}")


def test_the_rule_catches_an_upward_import() -> None:
    tree = ast.parse("from govnlp.extraction import extract\n")
    ((_, target, _),) = imports(tree, "govnlp.figures.find")
    assert LAYERS[room(target)] > LAYERS[room("govnlp.figures.find")]
