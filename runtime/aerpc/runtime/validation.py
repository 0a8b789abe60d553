"""Draft-07 validation: jsonschema-rs answers "valid?" fast; jsonschema explains failures.

The fast validator is compiled on first use. Only when it rejects a value is the reference
implementation (``jsonschema``) run, to list every error with its JSON pointer. Format
keywords are annotations here (neither library checks them), and tuples count as arrays in
both, so the two agree (``tests/runtime/test_validation_differential.py`` checks it). Both
libraries are imported on first use, to keep ``import aerpc.aftereffects`` light.

Errors are sent back to the peer, so they are bounded: at most :data:`MAX_ERRORS`, each message
clipped (jsonschema quotes the offending value), and a value too deeply nested for Python to
print gets a plain message instead of a ``RecursionError``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from typing import Any, Final

from .codec import clip

__all__ = ["ErrorList", "Validator", "json_pointer", "reference_validator", "where"]

ErrorList = list[dict[str, str]]

DRAFT7 = "http://json-schema.org/draft-07/schema#"

MAX_ERRORS: Final = 20
"""Errors listed for one value, at most (the first found, sorted by path)."""


def json_pointer(path: Iterable[object]) -> str:
    """The JSON pointer (RFC 6901) of a path: ``[0, "name"]`` → ``/0/name``; ``[]`` → ``""``."""
    return "".join("/" + clip(str(part)).replace("~", "~0").replace("/", "~1") for part in path)


def where(errors: ErrorList) -> str:
    """``at /0/name: <message> (and 2 more)``: the first error, for a one-line message."""
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"at {first['path'] or '/'}: {first['message']}{more}"


@functools.cache
def _reference_class() -> Any:
    import jsonschema

    checker = jsonschema.Draft7Validator.TYPE_CHECKER.redefine(
        "array", lambda _checker, instance: isinstance(instance, list | tuple)
    )
    extend: Any = jsonschema.validators.extend
    return extend(jsonschema.Draft7Validator, type_checker=checker)


def reference_validator(schema: dict[str, Any] | bool) -> Any:
    """``jsonschema``'s draft-07 validator for ``schema``, tuples as arrays: the reference."""
    return _reference_class()(schema)


class Validator:
    """One draft-07 schema; ``is_valid`` is the fast path, ``errors`` the explanation."""

    __slots__ = ("_fast", "_reference", "schema")

    def __init__(self, schema: dict[str, Any] | bool):
        self.schema = schema
        self._fast: Any = None
        self._reference: Any = None

    def is_valid(self, instance: object) -> bool:
        fast = self._fast
        if fast is None:
            import jsonschema_rs

            fast = self._fast = jsonschema_rs.Draft7Validator(
                self.schema, validate_formats=False, offline=True
            )
        try:
            valid: bool = fast.is_valid(instance)
        except UnicodeEncodeError:  # a lone surrogate, which a Rust string cannot hold
            try:
                return not self._explain(instance)
            except RecursionError:
                return False
        return valid

    def errors(self, instance: object) -> ErrorList:
        """The errors (at most :data:`MAX_ERRORS`), ``{"path": JSON pointer, "message"}``,
        sorted by path; never empty for an invalid value."""
        try:
            errors = self._explain(instance)
        except RecursionError:  # jsonschema prints the value, which is nested too deeply
            return [{"path": "", "message": "the value is nested too deeply to be checked"}]
        if not errors and not self.is_valid(instance):
            errors = [{"path": "", "message": "the value does not match the schema"}]
        return errors

    def _explain(self, instance: object) -> ErrorList:
        reference = self._reference
        if reference is None:
            reference = self._reference = reference_validator(self.schema)
        first = itertools.islice(reference.iter_errors(instance), MAX_ERRORS)
        found = sorted(first, key=lambda e: list(map(str, e.absolute_path)))
        return [{"path": json_pointer(e.absolute_path), "message": clip(e.message)} for e in found]
