"""The schema.org 30.0 vocabulary (tests/data/schemaorg), for checking emitted JSON-LD offline."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "schemaorg" / \
    "schemaorg-current-https-30.0.jsonld"
PREFIX = "schema:"


def _ids(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix(PREFIX) for item in items]


class Vocabulary:
    """Classes with their superclasses, and properties with their domains."""

    def __init__(self, path: Path = VOCABULARY) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, list[str]] = {}
        self.superseded: set[str] = set()
        self.enumeration_members: set[str] = set()
        for node in graph:
            name = node["@id"].removeprefix(PREFIX)
            kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdfs:Class" in kinds:
                self.parents[name] = _ids(node.get("rdfs:subClassOf"))
            elif "rdf:Property" in kinds:
                self.domains[name] = _ids(node.get("schema:domainIncludes"))
            else:
                self.enumeration_members.add(name)
            if node.get("schema:supersededBy"):
                self.superseded.add(name)

    def ancestors(self, cls: str) -> set[str]:
        """The class and every superclass, followed transitively."""
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, []))
        return seen

    def problems(self, node: dict, where: str = "") -> list[str]:
        """Every type or property of `node` (and nested nodes) the vocabulary does not allow."""
        found = []
        types = node.get("@type", [])
        types = types if isinstance(types, list) else [types]
        lineage = set().union(*(self.ancestors(t) for t in types)) if types else set()
        for t in types:
            if t not in self.parents:
                found.append(f"{where}{t}: not a class in schema.org 30.0")
            if t in self.superseded:
                found.append(f"{where}{t}: superseded")
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in self.domains:
                found.append(f"{where}{key}: not a property in schema.org 30.0")
            elif types and not lineage & set(self.domains[key]):
                found.append(f"{where}{key}: domain {self.domains[key]} excludes {types}")
            if key in self.superseded:
                found.append(f"{where}{key}: superseded")
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and set(item) != {"@id"}:
                    found.extend(self.problems(item, f"{where}{key}."))
        return found


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()
