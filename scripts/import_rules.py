"""An import-linter contract type for names rather than modules (pyproject.toml,
[tool.importlinter]): `from flask import request` is an import of the module `flask`, which the
services need for `current_app`; what they must not touch is the name `request`.

    type = "forbidden_names"
    source_modules = ["webapp.services"]       # and everything below them
    forbidden_names = ["flask.request"]         # `from flask import request`, `flask.request`
    exempt_modules = ["webapp.i18n"]            # optional: the one module that may
"""

import ast
import importlib.util
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output


class ForbiddenNamesContract(Contract):
    type_name = "forbidden_names"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_names = fields.ListField(subfield=fields.StringField())
    exempt_modules = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        forbidden = set(self.forbidden_names)
        exempt = set(self.exempt_modules or ())
        found = []
        for source in self.source_modules:
            for module in sorted(({source} | graph.find_descendants(source)) - exempt):
                for line, name in names_used(module, forbidden):
                    found.append({"module": module, "line": line, "name": name})
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for item in check.metadata["found"]:
            output.print_error(f"{item['module']}:{item['line']} uses {item['name']}")
            output.new_line()


def source_path(module: str) -> Path:
    root, *rest = module.split(".")
    base = Path(importlib.util.find_spec(root).submodule_search_locations[0], *rest)
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def names_used(module: str, forbidden: set[str]) -> list[tuple[int, str]]:
    """(line, dotted name) for each forbidden name `module` imports or reaches as an attribute
    of an imported module."""
    tree = ast.parse(source_path(module).read_text(encoding="utf-8"))
    package = module if source_path(module).name == "__init__.py" else module.rpartition(".")[0]
    modules_by_alias = {}
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            used += [(node.lineno, f"{base}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                used.append((node.lineno, alias.name))
                modules_by_alias[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        target = node.value if isinstance(node, ast.Attribute) else None
        if isinstance(target, ast.Name) and target.id in modules_by_alias:
            used.append((node.lineno, f"{modules_by_alias[target.id]}.{node.attr}"))
    return sorted((line, name) for line, name in used if name in forbidden)
