"""The shape the style guide asks for, kept by a test: small modules and functions, no import
cycle inside gateway/, a package per concern in a fixed order of layers (a lower one never
imports a higher one), and pure rules that import no database, network, template or asyncio."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gateway"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
MAX_ROOT_MODULES = 12
IMPURE_PREFIXES = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3", "asyncio",
                   "aiosmtpd", "smtplib", "socket", "ssl", "imapclient", "imaplib", "jinja2",
                   "urllib.request", "http", "subprocess", "gateway.store", "gateway.ingest",
                   "gateway.delivery", "gateway.pipeline", "gateway.admin", "gateway.service")
# The layers from the bottom up: a package imports only its own layer's modules and lower
# layers. The root modules (codes, clock, errors, redact, subaddress) are the shared vocabulary;
# cli and launch sit on top. Packages on one layer never import each other.
LAYERS = (
    {"gateway", "gateway.codes", "gateway.clock", "gateway.errors", "gateway.redact",
     "gateway.subaddress"},
    {"gateway.config"},
    {"gateway.rules"},
    {"gateway.store"},
    {"gateway.ingest", "gateway.delivery"},
    {"gateway.pipeline"},
    {"gateway.admin"},
    {"gateway.service"},
    {"gateway.commands", "gateway.lightpipe"},
    {"gateway.cli"},
    {"gateway.launch"},  # the light pipe or the full command line
    {"gateway.__main__"},
)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name; migrations are generated, not written."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports(path: Path) -> set[str]:
    """Every module a file imports at run time (late imports inside functions included)."""
    tree = ast.parse(path.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = set()
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def gateway_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {i for i in imports(path) if i in known and i != name}
            for name, path in known.items()}


def test_no_module_over_300_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_over_40_lines():
    long = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{name}.{node.name}"] = length
    assert long == {}


def test_no_import_cycle_in_gateway():
    graphlib.TopologicalSorter(gateway_graph()).prepare()  # raises CycleError naming the cycle


def _reachable(name: str, graph: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph.get(current, ()))
    return seen


def layer_of(module: str) -> tuple[int, str]:
    """The layer index and the unit (package, or root module) a module belongs to."""
    parts = module.split(".")
    unit = ".".join(parts[:2])
    for index, layer in enumerate(LAYERS):
        if unit in layer:
            return index, unit
    raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS")


def test_root_holds_at_most_12_modules():
    root = [p.name for p in PACKAGE.glob("*.py")]
    assert len(root) <= MAX_ROOT_MODULES, sorted(root)


def test_every_package_says_what_lives_there():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc.splitlines()) <= 4, init


def test_layers_import_only_downwards():
    upward = []
    for name, targets in gateway_graph().items():
        level, unit = layer_of(name)
        for target in targets:
            target_level, target_unit = layer_of(target)
            if target_unit != unit and target_level >= level:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_pure_modules_import_no_io():
    """Every rule module, also through the gateway modules it imports (its whole closure)."""
    graph, known = gateway_graph(), modules()
    offending = {}
    for pure in [name for name in known if name.startswith("gateway.rules.")]:
        closure = _reachable(pure, graph)
        bad = {i for module in closure for i in imports(known[module])
               if i.startswith(IMPURE_PREFIXES)}
        if bad:
            offending[pure] = sorted(bad)
    assert offending == {}
