"""The package's layout shows the book's flow: data, compute, present, builder, update, and the command on top. Imports
go one way, downward; no module reaches into another's private names; only the present layer makes markup or
figures. Read from the source with ``ast``, so the test sees every import, inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stancebook.builder.fingerprint import PACKAGE

#: the layers from the bottom up; a module may import from its own layer and the ones below it
LAYERS = ["errors", "data", "compute", "present", "builder", "update", "cli"]
#: the update step turns official files into rows of data/ and checks them with the build's rules: it needs only
#: the data layer, never the computations, the presentation or the build
UPDATE_READS = {"errors", "data", "update"}
#: libraries that make markup, figures or notebook output: the present and builder layers only
MARKUP_LIBRARIES = {"IPython", "matplotlib", "markupsafe", "myst_nb", "nbformat", "papermill", "bs4", "playwright"}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["stancebook", *parts])


def layer(module: str) -> str:
    part = module.split(".")[1] if "." in module else "__init__"
    return {"__main__": "cli", "__init__": "errors"}.get(part, part)


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names imported from it) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names = [a.name for a in node.names]
            if node.module is None:  # from . import x: x is a module
                found += [(f"{target}.{n}", []) for n in names]
            else:
                found.append((target, names))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_tree_has_one_folder_per_layer_and_no_flat_modules():
    top = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and not p.name.endswith(".typed"))
    assert top == [
        "__init__.py", "__main__.py", "builder", "cli.py", "compute", "data", "errors.py", "present", "update"
    ]  # fmt: skip
    assert (PACKAGE / "present" / "chapters").is_dir()
    assert not (PACKAGE / "build.py").exists()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_downward_only(path):
    mine = LAYERS.index(layer(module_name(path)))
    for target, _ in imports(path):
        if target.startswith("stancebook.") or target == "stancebook":
            theirs = LAYERS.index(layer(target)) if target != "stancebook" else 0
            assert theirs <= mine, f"{module_name(path)} ({LAYERS[mine]}) imports {target} ({LAYERS[theirs]})"
            if LAYERS[mine] == "update":
                assert LAYERS[theirs] in UPDATE_READS, f"{module_name(path)} imports {target}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_another_modules_private_names(path):
    for target, names in imports(path):
        if target.startswith("stancebook"):
            private = [n for n in names if n.startswith("_")]
            assert not private, f"{module_name(path)} imports {private} from {target}"
            assert not any(
                part.startswith("_") and part not in ("__init__", "__main__") for part in target.split(".")
            ), target


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if layer(module_name(p)) in ("errors", "data", "compute")],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_data_and_compute_make_no_markup_or_figures(path):
    used = {target.split(".")[0] for target, _ in imports(path)}
    assert not used & MARKUP_LIBRARIES, f"{module_name(path)} imports {used & MARKUP_LIBRARIES}"


def test_there_is_no_import_cycle():
    graph: dict[str, set[str]] = {}
    names = {module_name(p) for p in MODULES}
    for path in MODULES:
        deps = set()
        for target, imported in imports(path):
            for candidate in [target, *(f"{target}.{n}" for n in imported)]:
                if candidate in names and candidate != module_name(path):
                    deps.add(candidate)
        graph[module_name(path)] = deps
    # a package imports its own submodules (to re-export them); that is not a cycle of the layout
    for pkg in [n for n in names if (PACKAGE / "/".join(n.split(".")[1:]) / "__init__.py").exists()]:
        for other in graph:
            if other.startswith(pkg + "."):
                graph[other].discard(pkg)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(dep) :] + [dep]))
            if dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_every_build_output_path_is_spelled_in_the_project_module_only():
    """'_build' appears in one module: builder/project.py (docstrings and comments aside)."""
    spelled = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "_build" in node.value
                and id(node) not in docstrings
            ):
                spelled.append(module_name(path))
    assert set(spelled) == {"stancebook.builder.project"}, spelled
