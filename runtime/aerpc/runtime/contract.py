"""The methods both sides agree on, read from the OpenRPC document, with their validators."""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .canonical import schema_hash
from .errors import InvalidParams, RemoteError, ResultValidationError
from .validation import DRAFT7, ErrorList, Validator, json_pointer, where

__all__ = ["DEFAULT_TIMEOUT_MS", "Contract", "MethodSpec", "is_path_schema"]

DEFAULT_TIMEOUT_MS = 30_000
"""The deadline of a method whose schema entry has no ``x-timeout-ms``."""

ServedBy = Literal["host", "pipeline"]


class MethodSpec:
    """One method: who serves it, its deadline, whether it may run twice, and its checks."""

    __slots__ = (
        "errors",
        "examples",
        "idempotent",
        "name",
        "param_names",
        "params_validator",
        "path_params",
        "required_params",
        "result_validator",
        "served_by",
        "timeout",
    )

    def __init__(
        self,
        name: str,
        *,
        served_by: ServedBy,
        timeout: float,
        idempotent: bool,
        params: Mapping[str, Any],
        required: tuple[str, ...],
        result: Any,
        components: Mapping[str, Any],
        errors: tuple[int, ...] = (),
        examples: tuple[Mapping[str, Any], ...] = (),
    ):
        self.name = name
        self.served_by = served_by
        self.timeout = timeout
        self.idempotent = idempotent
        self.param_names = tuple(params)
        self.path_params = frozenset(
            name for name, schema in params.items() if is_path_schema(schema)
        )
        """The params the schema says are file paths (``"format": "path"``): ``os.PathLike``
        values are sent as ``str`` (:meth:`with_paths_as_str`)."""
        self.required_params = required
        self.errors = errors
        self.examples = examples
        self.params_validator = Validator(
            {
                "$schema": DRAFT7,
                "type": "object",
                "properties": dict(params),
                "required": list(required),
                "additionalProperties": False,
                "components": components,
            }
        )
        self.result_validator = Validator(
            {"$schema": DRAFT7, "allOf": [result], "components": components}
        )

    def time_limit(self, budget: float | None) -> float:
        """Seconds a call of this method may take: the caller's ``budget`` (its request's
        ``aerpc.timeout_ms``) when it gave one, else the method's ``x-timeout-ms``."""
        return self.timeout if budget is None else budget

    def with_paths_as_str(self, params: dict[str, object]) -> dict[str, object]:
        """``params`` with each ``os.PathLike`` value of a path param (or in a list of paths)
        as ``str``; the same dict when there is nothing to convert."""
        converted: dict[str, object] | None = None
        for name in self.path_params.intersection(params):
            value = params[name]
            if isinstance(value, os.PathLike):
                new: object = os.fspath(value)
            elif isinstance(value, list | tuple) and any(isinstance(v, os.PathLike) for v in value):
                new = [os.fspath(v) if isinstance(v, os.PathLike) else v for v in value]
            else:
                continue
            if converted is None:
                converted = dict(params)
            converted[name] = new
        return params if converted is None else converted

    def check_params(self, params: Mapping[str, object]) -> None:
        """Raise :class:`InvalidParams` (``data.errors``: JSON pointers) if params break it,
        or hold a value that is not JSON (the error names the param and the value's type)."""
        try:
            valid = self.params_validator.is_valid(params)
        except (ValueError, TypeError, OverflowError) as exc:  # a value no validator handles
            raise self._unsendable(params, exc) from exc
        if not valid:
            error = self.invalid_params(params)
            assert error is not None
            raise error

    def _unsendable(self, params: Mapping[str, object], exc: Exception) -> InvalidParams:
        """The error for params holding a value that is not JSON: name the param."""
        errors = [
            {"path": json_pointer([name]), "message": problem}
            for name, value in params.items()
            if (problem := _not_json(value)) is not None
        ] or [{"path": "", "message": f"the params cannot be checked ({exc})"}]
        return InvalidParams(
            f"{self.name}: params break the schema {where(errors)}", {"errors": errors}
        )

    def invalid_params(self, params: object) -> InvalidParams | None:
        """The :class:`InvalidParams` error for ``params``, or None when they are valid."""
        if self.params_validator.is_valid(params):
            return None
        errors = self.params_validator.errors(params)
        return InvalidParams(
            f"{self.name}: params break the schema {where(errors)}", {"errors": errors}
        )

    def check_result(self, result: object) -> None:
        """Raise :class:`ResultValidationError` if a result breaks the schema."""
        if not self.result_validator.is_valid(result):
            raise ResultValidationError(self.name, self.result_validator.errors(result))

    def result_errors(self, result: object) -> ErrorList:
        """Every error of ``result`` (empty when valid)."""
        if self.result_validator.is_valid(result):
            return []
        return self.result_validator.errors(result)

    def __repr__(self) -> str:
        return f"MethodSpec({self.name!r}, served_by={self.served_by!r})"


@dataclass(frozen=True)
class Contract:
    """A schema document as the runtime uses it: identity, hash, methods, and the classes of
    its declared errors by code (errors received are raised as these; see ``errors.py``)."""

    name: str
    version: str
    hash: str
    methods: Mapping[str, MethodSpec]
    document: Mapping[str, Any] = field(repr=False)
    error_classes: Mapping[int, type[RemoteError]] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )

    @property
    def host_name(self) -> str:
        """The host application's name for messages: the schema's ``info.title``."""
        info = self.document.get("info")
        title = info.get("title") if isinstance(info, Mapping) else None
        return title if isinstance(title, str) and title else self.name

    @classmethod
    def from_document(
        cls,
        doc: Mapping[str, Any],
        *,
        name: str | None = None,
        error_classes: Mapping[int, type[RemoteError]] | None = None,
    ) -> Contract:
        """Read an OpenRPC document. ``name`` (as said in the hello) defaults to ``info.title``;
        codegen names a schema after its file (``aftereffects``) and should pass that.
        ``error_classes``: the generated ``ERRORS_BY_CODE``."""
        info = doc.get("info", {})
        components = doc.get("components", {})
        methods: dict[str, MethodSpec] = {}
        for entry in doc.get("methods", []):
            spec = _method_spec(_resolve(doc, entry), doc, components)
            if spec.name in methods:
                raise ValueError(f"method {spec.name!r} is declared twice")
            methods[spec.name] = spec
        return cls(
            name=name if name is not None else str(info.get("title", "")),
            version=str(info.get("version", "")),
            hash=schema_hash(doc),
            methods=MappingProxyType(methods),
            document=doc,
            error_classes=MappingProxyType(dict(error_classes or {})),
        )

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        name: str | None = None,
        error_classes: Mapping[int, type[RemoteError]] | None = None,
    ) -> Contract:
        """Read an OpenRPC file; ``name`` defaults to the file's name up to its first dot."""
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        return cls.from_document(
            document, name=name or Path(path).name.split(".")[0], error_classes=error_classes
        )

    @classmethod
    def from_package(cls, package: str) -> Contract:
        """The ``CONTRACT`` of a generated package (``aerpc.aftereffects``), imported by name.
        ImportError, saying what to do, when the package is missing or has none."""
        module = importlib.import_module(package)
        contract = getattr(module, "CONTRACT", None)
        if not isinstance(contract, Contract):
            raise ImportError(f"{package} has no CONTRACT; is it a package `aerpc generate` made?")
        return contract

    @property
    def identity(self) -> dict[str, str]:
        """``{"name", "version", "hash"}``, as sent in the hello."""
        return {"name": self.name, "version": self.version, "hash": self.hash}


def is_path_schema(schema: Any) -> bool:
    """A string of ``"format": "path"``, or an array of them."""
    if not isinstance(schema, Mapping):
        return False
    if schema.get("type") == "string" and schema.get("format") == "path":
        return True
    return schema.get("type") == "array" and is_path_schema(schema.get("items"))


def _not_json(value: object, depth: int = 0) -> str | None:
    """Why ``value`` cannot be sent as JSON (the first value in it that cannot), or None."""
    if value is None or isinstance(value, str | bool | int | float) or depth > 64:
        return None
    if isinstance(value, list | tuple):
        found = (_not_json(v, depth + 1) for v in value)
    elif isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return "an object's keys must be strings"
        found = (_not_json(v, depth + 1) for v in value.values())
    else:
        hint = " (a path: pass str(path))" if isinstance(value, os.PathLike) else ""
        return f"a {type(value).__name__} is not a JSON value{hint}"
    return next((problem for problem in found if problem is not None), None)


def _resolve(doc: Mapping[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (``#/components/...``) of an OpenRPC object, once."""
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref: str = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, not {ref!r}")
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target
    return node


def _method_spec(
    entry: Mapping[str, Any], doc: Mapping[str, Any], components: Mapping[str, Any]
) -> MethodSpec:
    name = entry["name"]
    served_by = entry.get("x-served-by")
    if served_by not in ("host", "pipeline"):
        raise ValueError(f"method {name!r}: x-served-by must be 'host' or 'pipeline'")
    params: dict[str, Any] = {}
    required: list[str] = []
    for raw in entry.get("params", []):
        param = _resolve(doc, raw)
        params[param["name"]] = param.get("schema", {})
        if param.get("required", False):
            required.append(param["name"])
    result = _resolve(doc, entry.get("result", {})).get("schema", True)
    errors = tuple(
        code
        for err in entry.get("errors", [])
        if isinstance(code := _resolve(doc, err).get("code"), int)
    )
    return MethodSpec(
        name,
        served_by=served_by,
        timeout=float(entry.get("x-timeout-ms", DEFAULT_TIMEOUT_MS)) / 1000.0,
        idempotent=bool(entry.get("x-idempotent", False)),
        params=params,
        required=tuple(required),
        result=result,
        components=components,
        errors=errors,
        examples=tuple(_resolve(doc, ex) for ex in entry.get("examples", [])),
    )
