"""`$filter` expressions for the protocol emulator: the part of OData v4's grammar that clients
of Business Central and Dataverse send (comparisons, `and`, `or`, `not`, parentheses, `null`,
`true`/`false`, strings, numbers, GUIDs, instants, `contains`)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')"
    r"|(?P<moment>\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d))"
    r"|(?P<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Za-z_@][\w.@]*)"
    r"|(?P<punct>[(),]))"
)
COMPARE = {"eq", "ne", "gt", "ge", "lt", "le"}


def tokens(text: str) -> list[tuple[str, Any]]:
    found, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ValueError(
                f"cannot read the filter at {position}: {text[position : position + 20]!r}"
            )
        position = match.end()
        kind = match.lastgroup or ""
        value: Any = match.group(kind)
        if kind == "string":
            value = value[1:-1].replace("''", "'")
        elif kind == "number":
            value = Decimal(value)
        elif kind == "moment":
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif kind == "guid":
            value = value.lower()
        found.append((kind, value))
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.items = tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> tuple[str, Any]:
        item = self.items[self.at]
        self.at += 1
        return item

    def expression(self) -> Any:
        left = self.conjunction()
        while self.peek() == ("name", "or"):
            self.take()
            left = ("or", left, self.conjunction())
        return left

    def conjunction(self) -> Any:
        left = self.unary()
        while self.peek() == ("name", "and"):
            self.take()
            left = ("and", left, self.unary())
        return left

    def unary(self) -> Any:
        if self.peek() == ("name", "not"):
            self.take()
            return ("not", self.unary())
        left = self.operand()
        item = self.peek()
        if item and item[0] == "name" and item[1] in COMPARE:
            self.take()
            return (item[1], left, self.operand())
        return left

    def operand(self) -> Any:
        kind, value = self.take()
        if (kind, value) == ("punct", "("):
            inner = self.expression()
            self.take()
            return inner
        if kind == "name" and value in ("null", "true", "false"):
            return ("value", {"null": None, "true": True, "false": False}[value])
        if kind == "name" and self.peek() == ("punct", "("):
            self.take()
            arguments = [self.expression()]
            while self.peek() == ("punct", ","):
                self.take()
                arguments.append(self.expression())
            self.take()
            return ("call", value, arguments)
        if kind == "name":
            return ("field", value)
        return ("value", value)


def _value(node: Any, row: dict[str, Any]) -> Any:
    kind = node[0]
    if kind == "field":
        return comparable(row.get(node[1]))
    if kind == "value":
        return comparable(node[1])
    if kind == "call" and node[1] == "contains":
        text, part = (_value(a, row) for a in node[2])
        return text is not None and part in text
    return _truth(node, row)


def comparable(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(
        r"\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)", value
    ):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def _truth(node: Any, row: dict[str, Any]) -> bool:
    kind = node[0]
    if kind == "and":
        return _truth(node[1], row) and _truth(node[2], row)
    if kind == "or":
        return _truth(node[1], row) or _truth(node[2], row)
    if kind == "not":
        return not _truth(node[1], row)
    if kind in COMPARE:
        left, right = _value(node[1], row), _value(node[2], row)
        if kind == "eq":
            return left == right
        if kind == "ne":
            return left != right
        if left is None or right is None:
            return False
        return {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[
            kind
        ]
    return bool(_value(node, row))


def matches(text: str | None, row: dict[str, Any]) -> bool:
    """Whether `row` passes the `$filter` expression `text` (every row, without one)."""
    if not text:
        return True
    parser = _Parser(text)
    return _truth(parser.expression(), row)


def order_key(row: dict[str, Any], order: list[str]) -> tuple[Any, ...]:
    """A sort key by `order`'s fields, NULL first."""
    return tuple(
        (row.get(f) is not None, comparable(row.get(f)) if row.get(f) is not None else "")
        for f in order
    )
