"""The Python model of a linted schema: methods, params, types and errors, with their names and
their Python and TypeScript type expressions decided here, so the templates only lay them out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from aerpc.runtime import errors as rt_errors
from aerpc.runtime.canonical import schema_hash

from .lint import SCHEMA_REF

__all__ = [
    "Api",
    "ErrorDef",
    "EventSpec",
    "Example",
    "Field",
    "Method",
    "Param",
    "PythonImports",
    "Result",
    "TypeDef",
    "build_api",
    "pascal_case",
]

ERROR_REF = "#/components/errors/"
TypeKind = Literal["object", "enum", "map", "any", "alias", "union"]


@dataclass(frozen=True)
class ErrorDef:
    """An application error declared in ``components/errors``."""

    key: str
    code: int
    message: str
    description: str


@dataclass(frozen=True)
class Field:
    """One property of an object type."""

    name: str
    description: str
    required: bool
    nullable: bool
    py_type: str
    ts_type: str

    @property
    def py_annotation(self) -> str:
        """The TypedDict annotation: ``NotRequired[...]`` when the key may be absent."""
        return self.py_type if self.required else f"NotRequired[{self.py_type}]"


@dataclass(frozen=True)
class TypeDef:
    """A named component schema."""

    name: str
    kind: TypeKind
    description: str
    fields: tuple[Field, ...]
    enum_values: tuple[str | int, ...]
    value_py_type: str
    value_ts_type: str
    depends_on: tuple[str, ...]
    forward: bool = False

    @property
    def py_value(self) -> str:
        """The alias's right-hand side as Python source: quoted when it names a TypedDict that
        is defined further down (aliases come first so that TypedDicts can use them)."""
        return f'"{self.value_py_type}"' if self.forward else self.value_py_type


@dataclass(frozen=True)
class Param:
    """One by-name parameter of a method."""

    name: str
    description: str
    required: bool
    schema: Mapping[str, Any]
    has_default: bool
    default: Any
    nullable: bool
    py_type: str
    ts_type: str

    @property
    def is_path(self) -> bool:
        """Whether the schema says it is a file path (``"format": "path"``, on the string or
        on an array's items): a client accepts any ``os.PathLike`` for it."""
        return path_shape(self.schema) is not None

    @property
    def py_input_type(self) -> str:
        """The type a client accepts: :attr:`py_type`, with ``os.PathLike`` for a path."""
        shape = path_shape(self.schema)
        if shape == "path":
            return "str | os.PathLike[str]"
        if shape == "paths":
            return "Sequence[str | os.PathLike[str]]"
        return self.py_type

    @property
    def py_annotation(self) -> str:
        """The parameter's annotation in a generated client's signature."""
        if self.required or self.has_default:
            return self.py_input_type
        return f"{self.py_input_type} | Unset"

    @property
    def py_default(self) -> str | None:
        """The default in a generated signature, as Python source; None when required."""
        if self.required:
            return None
        if self.has_default:
            return repr(self.default)
        return "UNSET"

    @property
    def sent_always(self) -> bool:
        """Whether the client always sends it (absent-able parameters are sent only when set)."""
        return self.required or self.has_default

    @property
    def constraints(self) -> str:
        """Run-time constraints worth naming in a docstring (``minimum 1``, …)."""
        return _constraints(self.schema)


@dataclass(frozen=True)
class Result:
    """What a method returns."""

    name: str
    description: str
    schema: Mapping[str, Any]
    is_void: bool
    py_type: str
    ts_type: str


@dataclass(frozen=True)
class Example:
    """An example pairing: params by name, and the result value."""

    name: str
    params: Mapping[str, Any]
    result: Any


@dataclass(frozen=True)
class Method:
    """A schema method."""

    name: str
    summary: str
    description: str
    served_by: Literal["host", "pipeline"]
    timeout_ms: int
    idempotent: bool
    read_only: bool
    destructive: bool
    host_function: str | None
    runs_in_panel: bool
    reference_route: str | None
    params: tuple[Param, ...]
    result: Result
    errors: tuple[ErrorDef, ...]
    examples: tuple[Example, ...]
    deprecated: bool
    progress_event: str | None = None
    """``x-progress-event``: the event that reports this call's progress (``on_progress``)."""
    progress_payload: str | None = None
    """That event's payload type."""

    @property
    def camel_name(self) -> str:
        """The name in JavaScript: ``get_items`` → ``getItems``."""
        head, *rest = self.name.split("_")
        return head + "".join(part.capitalize() for part in rest)

    @property
    def ordered_params(self) -> tuple[Param, ...]:
        """Required parameters first, then optional ones, each in schema order."""
        return tuple(p for p in self.params if p.required) + tuple(
            p for p in self.params if not p.required
        )

    @property
    def timeout_seconds(self) -> str:
        """The default deadline for prose: ``30 s``, ``10 min``, ``24 h``."""
        seconds = self.timeout_ms / 1000
        if seconds >= 3600 and seconds % 3600 == 0:
            return f"{seconds / 3600:g} h"
        if seconds >= 60 and seconds % 60 == 0:
            return f"{seconds / 60:g} min"
        return f"{seconds:g} s"


@dataclass(frozen=True)
class EventSpec:
    """An event of ``x-events``: a notification the host side sends, with a typed payload."""

    name: str
    summary: str
    description: str
    emitted_by: Literal["extendscript", "panel", "server"]
    experimental: bool
    payload: str
    """The payload's component name (a TypedDict in Python, an interface in TypeScript)."""

    @property
    def pascal_name(self) -> str:
        """``render_progress`` → ``RenderProgress``."""
        return pascal_case(self.name)


@dataclass(frozen=True)
class PythonImports:
    """What a generated module of method signatures imports besides the runtime."""

    type_imports: tuple[str, ...]
    """The schema types (and ``JsonValue``) the signatures name."""
    uses_literal: bool
    uses_unset: bool
    """Whether a parameter may be left out (``X | Unset = UNSET``)."""
    uses_paths: bool
    """Whether a parameter takes ``os.PathLike``."""
    uses_sequence: bool
    """Whether a parameter takes a ``Sequence`` of paths."""
    uses_progress: bool = False
    """Whether a method takes ``on_progress`` (``x-progress-event``)."""


@dataclass(frozen=True)
class Api:
    """Everything the templates need, decided once."""

    title: str
    client_name: str
    version: str
    description: str
    schema_name: str
    schema_hash: str
    source: str
    source_text: str
    methods: tuple[Method, ...]
    types: tuple[TypeDef, ...]
    errors: tuple[ErrorDef, ...]
    document: Mapping[str, Any]
    events: tuple[EventSpec, ...] = ()

    @property
    def client_var(self) -> str:
        """The name examples give the typed client: the title's initials (``After Effects`` →
        ``ae``), or its one word lowercased (``photoshop``)."""
        words = re.findall(r"[A-Za-z0-9]+", self.title)
        if len(words) > 1:
            return "".join(w[0] for w in words).lower()
        return words[0].lower() if words else "host"

    @property
    def host_methods(self) -> tuple[Method, ...]:
        return tuple(m for m in self.methods if m.served_by == "host")

    @property
    def pipeline_methods(self) -> tuple[Method, ...]:
        return tuple(m for m in self.methods if m.served_by == "pipeline")

    @property
    def object_types(self) -> tuple[TypeDef, ...]:
        return tuple(t for t in self.types if t.kind == "object")

    @property
    def defines_json_value(self) -> bool:
        """Whether the schema names its own ``JsonValue`` (else the generated types add one)."""
        return any(t.name == "JsonValue" for t in self.types)

    @property
    def alias_types(self) -> tuple[TypeDef, ...]:
        return tuple(t for t in self.types if t.kind != "object")

    def python_imports(self, methods: tuple[Method, ...]) -> PythonImports:
        """What a module holding the signatures of ``methods`` must import."""
        schemas = [m.result.schema for m in methods] + [p.schema for m in methods for p in m.params]
        used = frozenset().union(*(python_names(s) for s in schemas))
        used |= {m.progress_payload for m in methods if m.progress_payload}
        known = {t.name for t in self.types} | {"JsonValue"}
        params = [p for m in methods for p in m.params]
        return PythonImports(
            type_imports=tuple(sorted(used & known)),
            uses_literal="Literal" in used,
            uses_unset=any(not p.sent_always for p in params),
            uses_paths=any(p.is_path for p in params),
            uses_sequence=any(path_shape(p.schema) == "paths" for p in params),
            uses_progress=any(m.progress_payload for m in methods),
        )

    @property
    def runtime_errors(self) -> tuple[str, ...]:
        """The error classes of ``aerpc.runtime.errors`` the generated ``errors`` re-exports:
        every public one (a call can raise any of them), by name."""
        return RUNTIME_ERRORS

    @property
    def local_errors(self) -> tuple[str, ...]:
        """The runtime's :class:`LocalError` subclasses (they never travel), by name."""
        return LOCAL_ERRORS


def _runtime_error_classes() -> tuple[type[BaseException], ...]:
    found = (getattr(rt_errors, name) for name in rt_errors.__all__)
    return tuple(c for c in found if isinstance(c, type) and issubclass(c, BaseException))


RUNTIME_ERRORS = tuple(sorted(c.__name__ for c in _runtime_error_classes()))
LOCAL_ERRORS = tuple(
    c.__name__
    for c in _runtime_error_classes()
    if issubclass(c, rt_errors.LocalError) and c is not rt_errors.LocalError
)


def pascal_case(text: str) -> str:
    """``After Effects`` → ``AfterEffects``; ``after_effects`` → ``AfterEffects``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def build_api(
    document: Mapping[str, Any], *, schema_name: str, source: str, source_text: str
) -> Api:
    """The model of a document that passed the lint; ``source_text`` is the file as written."""
    components = document.get("components", {})
    schemas: Mapping[str, Any] = components.get("schemas", {})
    error_map = {
        key: ErrorDef(
            key=key,
            code=int(value["code"]),
            message=str(value["message"]),
            description=str(value.get("data", {}).get("description", ""))
            if isinstance(value.get("data"), Mapping)
            else "",
        )
        for key, value in components.get("errors", {}).items()
    }
    types = _order_types([_type_def(name, schema) for name, schema in schemas.items()])
    objects = {t.name for t in types if t.kind == "object"}
    types = tuple(
        replace(t, forward=True) if t.kind != "object" and objects & set(t.depends_on) else t
        for t in types
    )
    events = tuple(_event(e) for e in document.get("x-events", []))
    payloads = {e.name: e.payload for e in events}
    methods = tuple(
        sorted((_method(m, error_map, payloads) for m in document["methods"]), key=lambda m: m.name)
    )
    info = document["info"]
    return Api(
        title=str(info["title"]),
        client_name=pascal_case(str(info["title"])),
        version=str(info["version"]),
        description=str(info.get("description", "")),
        schema_name=schema_name,
        schema_hash=schema_hash(document),
        source=source,
        source_text=source_text,
        methods=methods,
        types=types,
        errors=tuple(sorted(error_map.values(), key=lambda e: e.code)),
        document=document,
        events=events,
    )


def _event(event: Mapping[str, Any]) -> EventSpec:
    return EventSpec(
        name=str(event["name"]),
        summary=str(event.get("summary", "")).strip(),
        description=str(event.get("description", "")).strip(),
        emitted_by=event["emittedBy"],
        experimental=bool(event.get("experimental", False)),
        payload=str(event["payload"]["$ref"]).removeprefix(SCHEMA_REF),
    )


def _method(
    method: Mapping[str, Any],
    errors: Mapping[str, ErrorDef],
    payloads: Mapping[str, str] | None = None,
) -> Method:
    result = method["result"]
    result_schema = result["schema"]
    params = tuple(_param(p) for p in method.get("params", []))
    examples = tuple(
        Example(
            name=str(e.get("name", "")),
            params={p["name"]: p.get("value") for p in e.get("params", [])},
            result=e.get("result", {}).get("value"),
        )
        for e in method.get("examples", [])
    )
    return Method(
        name=method["name"],
        summary=str(method.get("summary", "")).strip(),
        description=str(method.get("description", "")).strip(),
        served_by=method["x-served-by"],
        timeout_ms=int(method["x-timeout-ms"]),
        idempotent=bool(method["x-idempotent"]),
        read_only=bool(method.get("x-read-only", False)),
        destructive=bool(method.get("x-destructive", not method.get("x-read-only", False))),
        host_function=method.get("x-host-function"),
        runs_in_panel=method.get("x-runs-in") == "panel",
        reference_route=method.get("x-reference-route"),
        params=params,
        result=Result(
            name=str(result.get("name", "result")),
            description=str(result.get("description", "")).strip(),
            schema=result_schema,
            is_void=result_schema.get("type") == "null",
            py_type=py_type(result_schema),
            ts_type=ts_type(result_schema),
        ),
        errors=tuple(
            errors[ref["$ref"].removeprefix(ERROR_REF)] for ref in method.get("errors", [])
        ),
        examples=examples,
        deprecated=bool(method.get("deprecated", False)),
        progress_event=method.get("x-progress-event"),
        progress_payload=(payloads or {}).get(str(method.get("x-progress-event"))),
    )


def path_shape(schema: Mapping[str, Any]) -> str | None:
    """``"path"`` for a string of ``"format": "path"``, ``"paths"`` for an array of them."""
    if schema.get("type") == "string" and schema.get("format") == "path":
        return "path"
    items = schema.get("items")
    if schema.get("type") == "array" and isinstance(items, Mapping) and path_shape(items):
        return "paths"
    return None


def _param(param: Mapping[str, Any]) -> Param:
    schema = param["schema"]
    return Param(
        name=param["name"],
        description=str(param.get("description", "")).strip(),
        required=bool(param.get("required", False)),
        schema=schema,
        has_default="default" in schema,
        default=schema.get("default"),
        nullable=_is_nullable(schema),
        py_type=py_type(schema),
        ts_type=ts_type(schema),
    )


def _type_def(name: str, schema: Mapping[str, Any]) -> TypeDef:
    description = str(schema.get("description", "")).strip()
    types = _type_list(schema)
    properties = schema.get("properties")
    additional = schema.get("additionalProperties")
    deps = tuple(sorted(_refs(schema)))
    empty: tuple[Field, ...] = ()
    if "object" in types and isinstance(properties, Mapping) and properties:
        required = set(schema.get("required", []))
        fields = tuple(
            Field(
                name=key,
                description=str(sub.get("description", "")).strip(),
                required=key in required,
                nullable=_is_nullable(sub),
                py_type=py_type(sub),
                ts_type=ts_type(sub),
            )
            for key, sub in properties.items()
        )
        return TypeDef(name, "object", description, fields, (), "", "", deps)
    if "object" in types and isinstance(additional, Mapping):
        return TypeDef(
            name,
            "map",
            description,
            empty,
            (),
            f"dict[str, {py_type(additional)}]",
            f"{{ [key: string]: {ts_type(additional)} }}",
            deps,
        )
    if "enum" in schema and not _is_nullable(schema):
        values = tuple(schema["enum"])
        return TypeDef(
            name, "enum", description, empty, values, py_type(schema), ts_type(schema), deps
        )
    if not types and not any(k in schema for k in ("anyOf", "oneOf", "enum", "const", "$ref")):
        return TypeDef(name, "any", description, empty, (), "", "", deps)
    kind: TypeKind = "union" if ("anyOf" in schema or "oneOf" in schema) else "alias"
    return TypeDef(name, kind, description, empty, (), py_type(schema), ts_type(schema), deps)


def _order_types(types: list[TypeDef]) -> tuple[TypeDef, ...]:
    """Aliases before the types that use them at run time; otherwise by name."""
    by_name = {t.name: t for t in types}
    placed: list[TypeDef] = []
    done: set[str] = set()

    def place(t: TypeDef, trail: frozenset[str]) -> None:
        if t.name in done or t.name in trail:
            return
        if t.kind != "object":  # aliases are evaluated at import: their parts go first
            for dep in t.depends_on:
                if dep in by_name and by_name[dep].kind != "object":
                    place(by_name[dep], trail | {t.name})
        done.add(t.name)
        placed.append(t)

    for t in sorted(types, key=lambda t: (t.kind == "object", t.name)):
        place(t, frozenset())
    return tuple(placed)


def _refs(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, Mapping):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            found.add(ref.removeprefix(SCHEMA_REF))
        for value in schema.values():
            found |= _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _refs(value)
    return found


def _type_list(schema: Mapping[str, Any]) -> list[str]:
    declared = schema.get("type")
    if declared is None:
        return []
    return [declared] if isinstance(declared, str) else list(declared)


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null"


def _is_nullable(schema: Mapping[str, Any]) -> bool:
    if "null" in _type_list(schema) and _type_list(schema) != ["null"]:
        return True
    for combinator in ("anyOf", "oneOf"):
        if any(_is_null_schema(v) for v in schema.get(combinator, [])):
            return True
    return False


class TypeRenderer:
    """Renders a JSON Schema as a type expression of one target language.

    The walk over the schema (refs, unions, nullability, enums, arrays, maps) is shared; each
    target says how its null, literals, lists, maps and scalars are written.
    """

    null: ClassVar[str]
    scalars: ClassVar[Mapping[str, str]]

    def literal(self, values: list[Any]) -> str:
        raise NotImplementedError

    def array(self, inner: str) -> str:
        raise NotImplementedError

    def mapping(self, value: str) -> str:
        raise NotImplementedError

    def reference(self, name: str) -> str:
        """A named component schema (``$ref``)."""
        return name

    def any_value(self) -> str:
        """A schema that says nothing: any JSON value."""
        return "JsonValue"

    def render(self, schema: Mapping[str, Any]) -> str:
        if "$ref" in schema:
            return self.reference(str(schema["$ref"]).removeprefix(SCHEMA_REF))
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                variants = schema[combinator]
                parts = [self.render(v) for v in variants if not _is_null_schema(v)]
                if any(_is_null_schema(v) for v in variants):
                    parts.append(self.null)
                return " | ".join(parts)
        if "const" in schema:
            return self.literal([schema["const"]])
        types = _type_list(schema)
        nullable = "null" in types and types != ["null"]
        main = [t for t in types if t != "null"]
        if not types:
            text = self.any_value()
        elif types == ["null"]:
            return self.null
        elif "enum" in schema:
            text = self.literal([v for v in schema["enum"] if v is not None])
        elif main[0] == "array":
            text = self.array(self.render(schema["items"]))
        elif main[0] == "object":
            text = self.mapping(self.render(schema.get("additionalProperties") or {}))
        else:
            text = self.scalars[main[0]]
        return f"{text} | {self.null}" if nullable else text


class PythonTypes(TypeRenderer):
    """Python annotations: ``list[str]``, ``dict[str, int]``, ``Literal["a", "b"]``, ``None``."""

    null = "None"
    scalars: ClassVar[Mapping[str, str]] = {
        "string": "str",
        "integer": "int",
        "number": "float",
        "boolean": "bool",
    }

    def literal(self, values: list[Any]) -> str:
        return "Literal[" + ", ".join(_py_repr(v) for v in values) + "]"

    def array(self, inner: str) -> str:
        return f"list[{inner}]"

    def mapping(self, value: str) -> str:
        return f"dict[str, {value}]"


class TypeScriptTypes(TypeRenderer):
    """TypeScript types: ``Array<string>``, ``{ [key: string]: number }``, ``"a" | "b"``."""

    null = "null"
    scalars: ClassVar[Mapping[str, str]] = {
        "string": "string",
        "integer": "number",
        "number": "number",
        "boolean": "boolean",
    }

    def literal(self, values: list[Any]) -> str:
        return " | ".join(json.dumps(v) for v in values)

    def array(self, inner: str) -> str:
        return f"Array<{inner}>"

    def mapping(self, value: str) -> str:
        return f"{{ [key: string]: {value} }}"


class _PythonNames(PythonTypes):
    """Renders like :class:`PythonTypes` and notes the names the annotation needs imported."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def reference(self, name: str) -> str:
        self.names.add(name)
        return name

    def any_value(self) -> str:
        self.names.add("JsonValue")
        return "JsonValue"

    def literal(self, values: list[Any]) -> str:
        self.names.add("Literal")
        return super().literal(values)


_PYTHON = PythonTypes()
_TYPESCRIPT = TypeScriptTypes()


def python_names(schema: Mapping[str, Any]) -> frozenset[str]:
    """The names :func:`py_type`'s annotation for ``schema`` uses: schema types, ``JsonValue``
    and ``Literal``."""
    collector = _PythonNames()
    collector.render(schema)
    return frozenset(collector.names)


def py_type(schema: Mapping[str, Any]) -> str:
    """The Python type expression for ``schema`` (the lint has refused anything ambiguous)."""
    return _PYTHON.render(schema)


def ts_type(schema: Mapping[str, Any]) -> str:
    """The TypeScript type expression for ``schema``."""
    return _TYPESCRIPT.render(schema)


def _py_repr(value: Any) -> str:
    text = repr(value)
    if isinstance(value, str) and text.startswith("'") and '"' not in value:
        return '"' + text[1:-1] + '"'
    return text


def _constraints(schema: Mapping[str, Any]) -> str:
    """The schema's run-time constraints as prose: ``at least 1``, ``4 to 30000``,
    ``non-empty``, ``at most 64 characters``, ``1 to 10 items``."""
    parts = [
        _bounds(schema, "minimum", "maximum", ""),
        _exclusive(schema),
        _bounds(schema, "minLength", "maxLength", "character"),
        _bounds(schema, "minItems", "maxItems", "item"),
    ]
    if "pattern" in schema:
        parts.append(f"matching `{schema['pattern']}`")
    if schema.get("format") == "path":
        parts.append("a file path")
    elif "format" in schema:
        parts.append(f"format `{schema['format']}`")
    return ", ".join(p for p in parts if p)


def _bounds(schema: Mapping[str, Any], low_key: str, high_key: str, unit: str) -> str:
    """An inclusive range as prose; ``unit`` (``character``, ``item``) counts a length, and a
    minimum length of 1 reads ``non-empty``."""
    low, high = schema.get(low_key), schema.get(high_key)

    def counted(value: Any) -> str:
        if not unit:
            return str(value)
        return f"{value} {unit}" + ("" if value == 1 else "s")

    if low is not None and high is not None:
        if low == high:
            return f"exactly {counted(high)}"
        if unit and low == 1:
            return f"non-empty, at most {counted(high)}"
        return f"{low} to {counted(high)}"
    if low is not None:
        return "non-empty" if unit and low == 1 else f"at least {counted(low)}"
    if high is not None:
        return f"at most {counted(high)}"
    return ""


def _exclusive(schema: Mapping[str, Any]) -> str:
    parts = []
    if "exclusiveMinimum" in schema:
        parts.append(f"greater than {schema['exclusiveMinimum']}")
    if "exclusiveMaximum" in schema:
        parts.append(f"less than {schema['exclusiveMaximum']}")
    return " and ".join(parts)
