"""How a field's value crosses from one app to the other, and how the two apps' values of one
field are compared when they are not kept alike.

A field may translate on the way: a key of another mapping's records becomes the key of the
record it is coupled to (`lookup`), a value becomes its counterpart in a value map (`values`),
text is trimmed or upper-cased (`transform`). The two apps' values of such a field are compared
in one *space*: the CRM's when the field flows to the CRM, else the ERP's. The ERP's value is
translated into it; the CRM's value goes there and back, so a value a transformation would
change anyway (" Bergen " beside "Bergen" under `trim`) never looks changed by itself. The base
of a coupling keeps each field's value in its space.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop_sync import transforms
from desktop_sync.apps.values import same
from desktop_sync.config import NO_DEFAULT, Config, FieldMapping, TableMapping
from desktop_sync.domain import Side
from desktop_sync.store import Store
from desktop_sync.store.records import couplings_by_keys


class TranslationError(ValueError):
    """A value has no counterpart on the other side; the message names it, its field and
    what to do. `field`, `side` and `value` say which (for the words of `engine.explain`)."""

    def __init__(
        self,
        message: str,
        field: FieldMapping | None = None,
        side: Side | None = None,
        value: Any = None,
        known: str = "",
    ) -> None:
        super().__init__(message)
        self.field, self.side, self.value, self.known = field, side, value, known


class NotCoupled(TranslationError):
    """A lookup's related record is not coupled (yet)."""

    def __init__(self, message: str, mapping: str, side: Side, key: str) -> None:
        super().__init__(message, side=side, value=key)
        self.mapping, self.key, self.related_side = mapping, key, side


class Lookups:
    """Keys of related records translated through their mapping's couplings, read from the
    store a batch at a time (`load`) and one at a time where a batch did not ask."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store, self.config = store, config
        self._known: dict[tuple[str, Side], dict[str, str | None]] = {}

    def load(self, mapping: str, side: Side, keys: Iterable[str]) -> None:
        known = self._known.setdefault((mapping, side), {})
        wanted = [k for k in dict.fromkeys(keys) if k not in known]
        if not wanted:
            return
        with self.store.session() as session:
            found = couplings_by_keys(session, mapping, side, wanted)
        for key in wanted:
            coupling = found.get(key)
            ready = coupling is not None and coupling.pending is None
            known[key] = coupling.key(side.other) if ready else None  # type: ignore[union-attr]

    def other_key(self, mapping: str, side: Side, key: str) -> str:
        """The key of the record of `mapping` coupled to `side`'s record `key`."""
        self.load(mapping, side, [key])
        other = self._known[mapping, side].get(key)
        if other is None:
            raise NotCoupled(
                f"{self.config.side_name(side)} record {key} is not coupled (mapping "
                f"{mapping}): synchronize it first, then Retry",
                mapping,
                side,
                key,
            )
        return other

    def forget(self, mapping: str) -> None:
        """Coupling of `mapping` changed (a related record was synchronized): read again."""
        for known in [k for k in self._known if k[0] == mapping]:
            del self._known[known]


class Translator:
    """The translations of one mapping's fields."""

    def __init__(self, config: Config, mapping: TableMapping, lookups: Lookups | None) -> None:
        self.config, self.mapping, self.lookups = config, mapping, lookups

    @staticmethod
    def space(f: FieldMapping) -> Side:
        """The side whose terms a field's values are compared in."""
        return Side.CRM if f.flows_from(Side.ERP) else Side.ERP

    def to_side(self, f: FieldMapping, value: Any, destination: Side) -> Any:
        """`value` of the other side's column, as `destination` keeps it."""
        if not f.translates or value is None:
            return value
        source = destination.other
        if f.lookup is not None:
            if self.lookups is None:
                raise TranslationError(f"{self._what(f, source, value)}: no store to look it up")
            try:
                return self.lookups.other_key(f.lookup, source, str(value))
            except NotCoupled as exc:
                exc.field = f
                raise
        if f.values:
            value = self._mapped(f, value, destination)
        return transforms.apply(f.transforms(destination), value)

    def project(self, f: FieldMapping, side: Side, value: Any) -> Any:
        """`side`'s value of a field, in the field's comparison space."""
        if not f.translates:
            return value
        space = self.space(f)
        if side is space:
            if f.flows_from(side):  # there and back: as it would come back from the other app
                return self.to_side(f, self.to_side(f, value, side.other), side)
            return value
        return self.to_side(f, value, space)

    def from_space(self, f: FieldMapping, value: Any, destination: Side) -> Any:
        """A value of the comparison space, as `destination` keeps it."""
        if not f.translates or destination is self.space(f):
            return value
        return self.to_side(f, value, destination)

    def field_values(self, side: Side, columns: dict[str, Any]) -> dict[str, Any]:
        """A record's mapped values by field name, in each field's comparison space."""
        return {
            f.name: self.project(f, side, columns[f.paired(side)])
            for f in self.mapping.value_fields
        }

    def _mapped(self, f: FieldMapping, value: Any, destination: Side) -> Any:
        source = destination.other
        here = 0 if source is Side.ERP else 1
        for pair in f.values:
            if same(pair[here], value):
                return pair[1 - here]
        default = f.default(destination)
        if default is not NO_DEFAULT:
            return default
        known = ", ".join(repr(p[here]) for p in f.values)
        raise TranslationError(
            f"{self._what(f, source, value)} has no counterpart in "
            f"{self.config.side_name(destination)} (mapping {self.mapping.name}'s value map "
            f"knows {known}); add it to the map, or give default_{destination.value}",
            f,
            source,
            value,
            known,
        )

    def _what(self, f: FieldMapping, side: Side, value: Any) -> str:
        return f"{f.label_on(side)} {value!r} in {self.config.side_name(side)}"
