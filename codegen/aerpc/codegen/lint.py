"""The schema lint: refuse a schema the generators would have to guess about.

Every violation is a :class:`Violation` — a JSON pointer into the document, the rule's name and
what to do — and :func:`lint_document` reports all of them at once. The rules (the schema, in
docs/architecture.md):

``openrpc-meta-schema``   the document validates against the official OpenRPC meta-schema
``method-name``           method names are unique snake_case identifiers
``by-name``               ``paramStructure`` is ``"by-name"``
``x-served-by``           every method says ``"host"`` or ``"pipeline"``
``x-timeout-ms``          every method has a positive integer deadline
``x-idempotent``          every method says whether it is safe to run twice
``x-host-function``       a host method names its ExtendScript function or ``x-runs-in: panel``
``x-read-only``           optional boolean (default false); a read-only method is idempotent
``x-destructive``         optional boolean (default: true unless read-only); never on a read-only
                          method (MCP's ``destructiveHint``: false means additive updates only)
``param-name``            parameter names are unique identifiers, not keywords or reserved names
``param-default``         a default is a scalar that fits the parameter's schema
``result``                every method declares a result (``{"type": "null"}`` for void)
``inline-object``         object schemas are named components, never inline
``component-name``        component names are valid, unique identifiers in Python and JS
``component-title``       a component's ``title`` equals its key
``additional-properties`` objects with properties say ``additionalProperties: false``
``property-name``         property names are identifiers and not keywords
``forbidden-keyword``     no ``if/then/else``, ``not``, ``patternProperties``, ``allOf``, …
``type``                  one type, or one type and ``"null"``
``union``                 ``anyOf``/``oneOf`` only as ``X | null`` or with a ``const`` tag property
``enum``                  enums are non-empty lists of unique strings or integers
``array-items``           arrays say what their items are
``ref``                   ``$ref`` points to an existing ``#/components/schemas/…`` entry
``error-code``            declared errors have unique integer codes ≥ 1000
``error-ref``             a method's errors refer to ``#/components/errors/…``
``example``               every method has an example whose params and result fit its schemas
``x-events``              optional list of events the host sends: each a unique snake_case
                          ``name``, a ``summary``, ``emittedBy`` (``extendscript`` or ``panel``),
                          optional boolean ``experimental``, and a ``payload`` that is a ``$ref``
                          to an object component (docs/events.md); ``emittedBy`` may also be
                          ``server`` (the runtime makes it, e.g. ``host_busy``)
``x-progress-event``      optional on a host method: the name of an ``x-events`` event that
                          reports the call's progress (the clients' ``on_progress``)
``x-hosts``               optional list of the host applications the extension loads in: each
                          ``{"app": "PHXS", "versions": "[24.0,99.9]"}``, a CEP application id
                          (four capitals) and a CEP version range or lowest version, each app
                          once (docs/another-host.md)
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT7

from .metaschema import JSON_SCHEMA_META_URI, MetaSchemas

__all__ = ["Violation", "lint_document", "pointer"]

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
JS_RESERVED = frozenset(
    [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "let",
        "static",
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
        "await",
        "arguments",
        "eval",
        "undefined",
        "NaN",
        "Infinity",
    ]
)
PY_SHADOWED = frozenset(
    [
        "Any",
        "Literal",
        "NotRequired",
        "TypedDict",
        "TypeAlias",
        "Protocol",
        "Final",
        "cast",
        "list",
        "dict",
        "str",
        "int",
        "float",
        "bool",
        "object",
        "type",
        "None",
        "Exception",
        "Error",
        "RemoteError",
        "LocalError",
    ]
)
RESERVED_PARAMS = frozenset({"self", "options", "params", "method", "host"})
FORBIDDEN = (
    "if",
    "then",
    "else",
    "not",
    "patternProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "allOf",
    "$dynamicRef",
    "additionalItems",
)
SCALAR_TYPES = frozenset({"string", "integer", "number", "boolean", "null"})
ALL_TYPES = SCALAR_TYPES | {"array", "object"}
SCHEMA_REF = "#/components/schemas/"
ERROR_REF = "#/components/errors/"


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule: where (a JSON pointer), which rule, and what to do."""

    pointer: str
    rule: str
    advice: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.rule}: {self.advice}"


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def lint_document(document: Mapping[str, Any], meta_schemas: MetaSchemas | None) -> list[Violation]:
    """Every violation in ``document``, sorted by pointer. ``meta_schemas`` None skips rule 1."""
    found: list[Violation] = []
    if meta_schemas is not None:
        found.extend(_meta_schema_violations(document, meta_schemas))
    components = document.get("components")
    components = components if isinstance(components, Mapping) else {}
    schemas = components.get("schemas")
    schemas = schemas if isinstance(schemas, Mapping) else {}
    errors = components.get("errors")
    errors = errors if isinstance(errors, Mapping) else {}
    found.extend(_component_violations(schemas))
    found.extend(_error_violations(errors))
    methods = document.get("methods")
    if isinstance(methods, Sequence) and not isinstance(methods, str):
        found.extend(_method_violations(methods, schemas, errors, components))
    if "x-events" in document:
        found.extend(_event_violations(document["x-events"], schemas))
    if isinstance(methods, Sequence) and not isinstance(methods, str):
        found.extend(_progress_violations(methods, document.get("x-events")))
    if "x-hosts" in document:
        found.extend(_host_violations(document["x-hosts"]))
    return sorted(set(found))


def _progress_violations(methods: Sequence[Any], events: Any) -> Iterator[Violation]:
    """``x-progress-event``: a host method's progress is an event the schema declares."""
    names = (
        {e.get("name") for e in events if isinstance(e, Mapping)}
        if isinstance(events, list)
        else set()
    )
    for index, method in enumerate(methods):
        if not isinstance(method, Mapping) or "x-progress-event" not in method:
            continue
        where = pointer_join(pointer("methods", index), "x-progress-event")
        if method.get("x-served-by") != "host":
            yield Violation(where, "x-progress-event", "only a host method reports progress")
        if method["x-progress-event"] not in names:
            yield Violation(
                where, "x-progress-event", "name an event of x-events (its payload is the progress)"
            )


HOST_APP = re.compile(r"^[A-Z]{4}$")
_VERSION = r"\d+(\.\d+)*"
HOST_VERSIONS = re.compile(rf"^({_VERSION}|\[{_VERSION},{_VERSION}\])$")


def _host_violations(hosts: Any) -> Iterator[Violation]:
    """``x-hosts``: the CEP application ids (and versions) the extension's manifest names."""
    if not isinstance(hosts, list) or not hosts:
        yield Violation(
            pointer("x-hosts"),
            "x-hosts",
            'x-hosts is a non-empty list of {"app": "PHXS", "versions": "[24.0,99.9]"}',
        )
        return
    seen: set[str] = set()
    for index, host in enumerate(hosts):
        where = pointer("x-hosts", index)
        if not isinstance(host, Mapping) or set(host) != {"app", "versions"}:
            yield Violation(
                where, "x-hosts", 'a host is {"app": ID, "versions": RANGE} and nothing else'
            )
            continue
        app, versions = host["app"], host["versions"]
        if not isinstance(app, str) or not HOST_APP.match(app):
            yield Violation(
                pointer_join(where, "app"),
                "x-hosts",
                "app is a CEP application id, four capitals (PHXS, PPRO, ILST, AEFT, …)",
            )
        elif app in seen:
            yield Violation(pointer_join(where, "app"), "x-hosts", f"{app!r} is listed twice")
        else:
            seen.add(app)
        if not isinstance(versions, str) or not HOST_VERSIONS.match(versions):
            yield Violation(
                pointer_join(where, "versions"),
                "x-hosts",
                'versions is a CEP range "[24.0,99.9]" or a lowest version "24.0"',
            )


EVENT_KEYS = frozenset({"name", "summary", "description", "emittedBy", "experimental", "payload"})
EMITTERS = ("extendscript", "panel", "server")


def _event_violations(events: Any, schemas: Mapping[str, Any]) -> Iterator[Violation]:
    """``x-events``: the notifications the host side sends, each with an object payload."""
    if not isinstance(events, list):
        yield Violation(pointer("x-events"), "x-events", "x-events is a list of event objects")
        return
    seen: set[str] = set()
    for index, event in enumerate(events):
        where = pointer("x-events", index)
        if not isinstance(event, Mapping):
            yield Violation(where, "x-events", "an event is an object with name and payload")
            continue
        for key in sorted(set(event) - EVENT_KEYS):
            if not key.startswith("x-"):
                yield Violation(
                    pointer_join(where, key),
                    "x-events",
                    f"unknown key {key!r}; an event has {sorted(EVENT_KEYS)} (and x- keys)",
                )
        name = event.get("name")
        if not isinstance(name, str) or not SNAKE.match(name) or keyword.iskeyword(name):
            yield Violation(pointer_join(where, "name"), "x-events", "name events in snake_case")
        elif name in seen:
            yield Violation(pointer_join(where, "name"), "x-events", f"{name!r} is declared twice")
        else:
            seen.add(name)
        if not isinstance(event.get("summary"), str) or not event["summary"].strip():
            yield Violation(where, "x-events", "give the event a one-line summary")
        if event.get("emittedBy") not in EMITTERS:
            yield Violation(
                pointer_join(where, "emittedBy"),
                "x-events",
                'say where the event starts: "extendscript" (a CSXSEvent), "panel" or "server"',
            )
        if not isinstance(event.get("experimental", False), bool):
            yield Violation(
                pointer_join(where, "experimental"), "x-events", "experimental is true or false"
            )
        payload_where = pointer_join(where, "payload")
        yield from _payload_violations(event.get("payload"), payload_where, schemas)


def _payload_violations(
    payload: Any, where: str, schemas: Mapping[str, Any]
) -> Iterator[Violation]:
    ref = payload.get("$ref") if isinstance(payload, Mapping) else None
    target = (
        schemas.get(ref.removeprefix(SCHEMA_REF))
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF)
        else None
    )
    if (
        not isinstance(target, Mapping)
        or set(payload) != {"$ref"}
        or target.get("type") != "object"
        or not isinstance(target.get("properties"), Mapping)
    ):
        yield Violation(
            where,
            "x-events",
            f'the payload is {{"$ref": "{SCHEMA_REF}<Name>"}} naming an object type with '
            "properties (it becomes a TypedDict)",
        )


def _meta_schema_violations(
    document: Mapping[str, Any], meta_schemas: MetaSchemas
) -> Iterator[Violation]:
    resource = Resource.from_contents(meta_schemas.json_schema, default_specification=DRAFT7)
    registry: Registry[Any] = Registry().with_resources(
        [(JSON_SCHEMA_META_URI, resource), (JSON_SCHEMA_META_URI + "/", resource)]
    )
    validator = jsonschema.Draft7Validator(meta_schemas.openrpc, registry=registry)
    for error in validator.iter_errors(document):
        deepest = error
        while deepest.context:
            deepest = min(deepest.context, key=lambda e: -len(e.absolute_path))
        where = pointer(*error.absolute_path)
        yield Violation(
            where,
            "openrpc-meta-schema",
            f"not a valid OpenRPC document here ({_short(deepest.message)}); "
            "see the OpenRPC 1.x specification",
        )


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _component_violations(schemas: Mapping[str, Any]) -> Iterator[Violation]:
    lowered: dict[str, str] = {}
    for name, schema in schemas.items():
        where = pointer("components", "schemas", name)
        if not PASCAL.match(name) or name in PY_SHADOWED or name in JS_RESERVED:
            yield Violation(
                where,
                "component-name",
                f"rename {name!r} to a PascalCase identifier that shadows no Python or JS name",
            )
        clash = lowered.setdefault(name.lower(), name)
        if clash != name:
            yield Violation(
                where, "component-name", f"{name!r} differs from {clash!r} only by case; rename one"
            )
        if not isinstance(schema, Mapping):
            yield Violation(where, "type", "a component schema must be a JSON object")
            continue
        if schema.get("title") != name:
            yield Violation(where, "component-title", f'set "title": "{name}" (the key)')
        yield from _schema_violations(schema, where, schemas, top_level=True)


def _error_violations(errors: Mapping[str, Any]) -> Iterator[Violation]:
    seen: dict[int, str] = {}
    for name, error in errors.items():
        where = pointer("components", "errors", name)
        if not PASCAL.match(name) or name in PY_SHADOWED:
            yield Violation(where, "component-name", f"rename {name!r} to a PascalCase identifier")
        if not isinstance(error, Mapping):
            yield Violation(where, "error-code", "an error must be an object with code and message")
            continue
        code = error.get("code")
        if not isinstance(code, int) or isinstance(code, bool) or code < 1000:
            yield Violation(
                pointer("components", "errors", name, "code"),
                "error-code",
                "application error codes are integers >= 1000 (below is JSON-RPC's and aerpc's)",
            )
        elif code in seen:
            yield Violation(
                pointer("components", "errors", name, "code"),
                "error-code",
                f"code {code} is already used by {seen[code]!r}; give each error its own code",
            )
        else:
            seen[code] = name
        if not isinstance(error.get("message"), str) or not error.get("message"):
            yield Violation(where, "error-code", "give the error a non-empty message")


def _schema_violations(
    schema: Any,
    where: str,
    schemas: Mapping[str, Any],
    *,
    top_level: bool = False,
) -> Iterator[Violation]:
    """Rules on one schema and, recursively, its subschemas."""
    if not isinstance(schema, Mapping):
        yield Violation(where, "type", "a schema must be a JSON object")
        return
    for key in FORBIDDEN:
        if key in schema:
            yield Violation(
                pointer_join(where, key),
                "forbidden-keyword",
                f"{key!r} is not supported: the generators cannot type it; restructure the schema",
            )
    if "$ref" in schema:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith(SCHEMA_REF):
            yield Violation(
                pointer_join(where, "$ref"), "ref", f"refer to {SCHEMA_REF}<Name> in this document"
            )
        elif ref[len(SCHEMA_REF) :] not in schemas:
            yield Violation(
                pointer_join(where, "$ref"),
                "ref",
                f"{ref} does not exist; add it to components/schemas or fix the name",
            )
        return
    types = _types(schema)
    if types is None:
        yield Violation(
            pointer_join(where, "type"),
            "type",
            'use one type name, or one type and "null" (e.g. ["string", "null"])',
        )
        return
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            yield from _union_violations(schema, combinator, where, schemas)
    if "enum" in schema:
        values = schema["enum"]
        ok = (
            isinstance(values, list)
            and values
            and (
                all(isinstance(v, str) for v in values)
                or all(isinstance(v, int) and not isinstance(v, bool) for v in values)
            )
            and len(set(values)) == len(values)
        )
        if not ok:
            yield Violation(
                pointer_join(where, "enum"),
                "enum",
                "an enum is a non-empty list of unique strings, or of unique integers",
            )
    if "array" in types:
        items = schema.get("items")
        if not isinstance(items, Mapping):
            yield Violation(
                where, "array-items", 'give the array an "items" schema (one schema, not a list)'
            )
        else:
            yield from _schema_violations(items, pointer_join(where, "items"), schemas)
    if "object" in types:
        yield from _object_violations(schema, where, schemas, top_level=top_level)


def _object_violations(
    schema: Mapping[str, Any], where: str, schemas: Mapping[str, Any], *, top_level: bool
) -> Iterator[Violation]:
    properties = schema.get("properties")
    additional = schema.get("additionalProperties")
    is_map = not properties and isinstance(additional, Mapping)
    if not top_level:
        yield Violation(
            where,
            "inline-object",
            "move this object into components/schemas with a title and refer to it with $ref",
        )
        return
    if is_map:
        yield from _schema_violations(
            additional, pointer_join(where, "additionalProperties"), schemas
        )
        return
    if additional is not False:
        yield Violation(
            where,
            "additional-properties",
            'set "additionalProperties": false (or make it a map: no properties, '
            "additionalProperties = the value schema)",
        )
    if not isinstance(properties, Mapping):
        yield Violation(where, "type", 'give the object "properties"')
        return
    required = schema.get("required", [])
    if not isinstance(required, list) or any(r not in properties for r in required):
        yield Violation(
            pointer_join(where, "required"), "type", "required may only name declared properties"
        )
    for name, sub in properties.items():
        sub_where = pointer_join(where, "properties", name)
        if not IDENT.match(name) or keyword.iskeyword(name) or name in JS_RESERVED:
            yield Violation(
                sub_where,
                "property-name",
                f"rename {name!r}: property names must be identifiers and not Python/JS keywords",
            )
        yield from _schema_violations(sub, sub_where, schemas)


def _union_violations(
    schema: Mapping[str, Any], combinator: str, where: str, schemas: Mapping[str, Any]
) -> Iterator[Violation]:
    variants = schema[combinator]
    at = pointer_join(where, combinator)
    if not isinstance(variants, list) or len(variants) < 2:
        yield Violation(at, "union", f"{combinator} needs a list of at least two schemas")
        return
    non_null = [v for v in variants if not _is_null(v)]
    for index, variant in enumerate(variants):
        yield from _schema_violations(variant, pointer_join(at, index), schemas)
    if len(non_null) == 1 and len(variants) == 2:
        return  # X | null
    targets = [_resolve(v, schemas) for v in non_null]
    tags = [_const_tags(t) for t in targets]
    shared = set.intersection(*(set(t) for t in tags)) if tags else set()
    distinct = [name for name in shared if len({t[name] for t in tags}) == len(tags)]
    if not distinct:
        yield Violation(
            at,
            "union",
            "a union of objects needs a property with a distinct const value in every variant "
            "(a tag); otherwise use one object type",
        )


def _const_tags(schema: Mapping[str, Any] | None) -> dict[str, str]:
    if schema is None:
        return {}
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return {}
    required = schema.get("required", [])
    return {
        name: sub["const"]
        for name, sub in properties.items()
        if isinstance(sub, Mapping) and isinstance(sub.get("const"), str) and name in required
    }


def _resolve(schema: Any, schemas: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
        target = schemas.get(schema["$ref"].removeprefix(SCHEMA_REF))
        return target if isinstance(target, Mapping) else None
    return schema if isinstance(schema, Mapping) else None


def _is_null(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null" and len(schema) <= 2


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The declared types (empty: any), or None when the ``type`` keyword is ambiguous."""
    declared = schema.get("type")
    if declared is None:
        return frozenset()
    if isinstance(declared, str):
        return frozenset({declared}) if declared in ALL_TYPES else None
    if isinstance(declared, list) and len(declared) == 2 and "null" in declared:
        other = [t for t in declared if t != "null"]
        if len(other) == 1 and other[0] in ALL_TYPES:
            return frozenset(declared)
    return None


def pointer_join(base: str, *parts: str | int) -> str:
    return base + pointer(*parts)


def _method_violations(
    methods: Sequence[Any],
    schemas: Mapping[str, Any],
    errors: Mapping[str, Any],
    components: Mapping[str, Any],
) -> Iterator[Violation]:
    seen: set[str] = set()
    for index, method in enumerate(methods):
        where = pointer("methods", index)
        if not isinstance(method, Mapping):
            continue
        name = method.get("name")
        if not isinstance(name, str) or not SNAKE.match(name) or keyword.iskeyword(name):
            yield Violation(
                pointer_join(where, "name"), "method-name", "name methods in snake_case"
            )
        elif name in seen:
            yield Violation(
                pointer_join(where, "name"), "method-name", f"{name!r} is declared twice"
            )
        else:
            seen.add(name)
        yield from _method_extension_violations(method, where)
        yield from _param_violations(method, where, schemas)
        result = method.get("result")
        if not isinstance(result, Mapping) or not isinstance(result.get("schema"), Mapping):
            yield Violation(
                where, "result", 'declare a result; a void method uses {"type": "null"}'
            )
        else:
            yield from _schema_violations(
                result["schema"], pointer_join(where, "result", "schema"), schemas
            )
        for e_index, ref in enumerate(method.get("errors", [])):
            target = ref.get("$ref") if isinstance(ref, Mapping) else None
            if not (
                isinstance(target, str)
                and target.startswith(ERROR_REF)
                and target[len(ERROR_REF) :] in errors
            ):
                yield Violation(
                    pointer_join(where, "errors", e_index),
                    "error-ref",
                    f'refer to a declared error: {{"$ref": "{ERROR_REF}<Name>"}}',
                )
        yield from _example_violations(method, where, components)


def _method_extension_violations(method: Mapping[str, Any], where: str) -> Iterator[Violation]:
    if method.get("paramStructure") != "by-name":
        yield Violation(
            pointer_join(where, "paramStructure"), "by-name", 'set "paramStructure": "by-name"'
        )
    served_by = method.get("x-served-by")
    if served_by not in ("host", "pipeline"):
        yield Violation(
            pointer_join(where, "x-served-by"),
            "x-served-by",
            'say who serves the method: "host" (After Effects) or "pipeline" (Python)',
        )
    timeout = method.get("x-timeout-ms")
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout <= 0:
        yield Violation(
            pointer_join(where, "x-timeout-ms"),
            "x-timeout-ms",
            "give the default deadline of one call as a positive integer of milliseconds",
        )
    if not isinstance(method.get("x-idempotent"), bool):
        yield Violation(
            pointer_join(where, "x-idempotent"),
            "x-idempotent",
            "say whether running the method twice is safe (true/false); it governs resends",
        )
    yield from _effect_violations(method, where)
    if served_by == "host":
        function = method.get("x-host-function")
        runs_in = method.get("x-runs-in")
        if runs_in is not None and runs_in != "panel":
            yield Violation(
                pointer_join(where, "x-runs-in"), "x-host-function", 'x-runs-in can only be "panel"'
            )
        if (function is None) == (runs_in is None):
            yield Violation(
                where,
                "x-host-function",
                'give exactly one of "x-host-function" (the ExtendScript function) '
                'or "x-runs-in": "panel"',
            )
        elif function is not None and (
            not isinstance(function, str) or not IDENT.match(function) or function in JS_RESERVED
        ):
            yield Violation(
                pointer_join(where, "x-host-function"),
                "x-host-function",
                "name an ExtendScript function: a JavaScript identifier",
            )


def _effect_violations(method: Mapping[str, Any], where: str) -> Iterator[Violation]:
    """``x-read-only`` / ``x-destructive``: what a call does to the project (MCP's hints)."""
    read_only = method.get("x-read-only", False)
    destructive = method.get("x-destructive")
    if not isinstance(read_only, bool):
        yield Violation(
            pointer_join(where, "x-read-only"),
            "x-read-only",
            "say whether the method only reads (true/false); leave it out for false",
        )
    elif read_only and method.get("x-idempotent") is False:
        yield Violation(
            pointer_join(where, "x-read-only"),
            "x-read-only",
            "a read-only method can run twice safely: set x-idempotent to true",
        )
    if destructive is None:
        return
    if not isinstance(destructive, bool):
        yield Violation(
            pointer_join(where, "x-destructive"),
            "x-destructive",
            "say whether the method may change or remove what exists (true/false); false "
            "means it only adds",
        )
    elif read_only is True:
        yield Violation(
            pointer_join(where, "x-destructive"),
            "x-destructive",
            "a read-only method changes nothing: leave x-destructive out",
        )


def _param_violations(
    method: Mapping[str, Any], where: str, schemas: Mapping[str, Any]
) -> Iterator[Violation]:
    params = method.get("params", [])
    names: set[str] = set()
    for p_index, param in enumerate(params if isinstance(params, list) else []):
        p_where = pointer_join(where, "params", p_index)
        if not isinstance(param, Mapping) or "$ref" in param:
            yield Violation(p_where, "param-name", "write parameters inline, not as $ref")
            continue
        name = param.get("name")
        if (
            not isinstance(name, str)
            or not SNAKE.match(name)
            or keyword.iskeyword(name)
            or name in RESERVED_PARAMS
            or name in JS_RESERVED
        ):
            yield Violation(
                pointer_join(p_where, "name"),
                "param-name",
                f"rename {name!r}: a snake_case identifier, not a keyword nor one of "
                f"{sorted(RESERVED_PARAMS)}",
            )
        elif name in names:
            yield Violation(pointer_join(p_where, "name"), "param-name", f"{name!r} is repeated")
        else:
            names.add(name)
        schema = param.get("schema")
        if not isinstance(schema, Mapping):
            yield Violation(p_where, "type", "give the parameter a schema")
            continue
        yield from _schema_violations(schema, pointer_join(p_where, "schema"), schemas)
        if "default" in schema:
            default = schema["default"]
            if param.get("required") is True:
                yield Violation(
                    pointer_join(p_where, "schema", "default"),
                    "param-default",
                    "a required parameter cannot have a default; make it optional",
                )
            if isinstance(default, list | dict):
                yield Violation(
                    pointer_join(p_where, "schema", "default"),
                    "param-default",
                    "defaults must be scalars (string, number, boolean, null)",
                )
            elif not _fits({**schema}, default, schemas):
                yield Violation(
                    pointer_join(p_where, "schema", "default"),
                    "param-default",
                    "the default does not fit the parameter's own schema",
                )


def _fits(schema: Mapping[str, Any], value: Any, schemas: Mapping[str, Any]) -> bool:
    wrapper = {**schema, "components": {"schemas": dict(schemas)}}
    return bool(jsonschema.Draft7Validator(wrapper).is_valid(value))


def _example_violations(
    method: Mapping[str, Any], where: str, components: Mapping[str, Any]
) -> Iterator[Violation]:
    examples = method.get("examples")
    if not isinstance(examples, list) or not examples:
        yield Violation(
            where, "example", "add at least one example pairing (params and result) to the method"
        )
        return
    params = [p for p in method.get("params", []) if isinstance(p, Mapping)]
    params_schema = {
        "type": "object",
        "properties": {p.get("name"): p.get("schema", {}) for p in params},
        "required": [p.get("name") for p in params if p.get("required") is True],
        "additionalProperties": False,
        "components": dict(components),
    }
    result = method.get("result")
    result_schema = result.get("schema") if isinstance(result, Mapping) else None
    for e_index, example in enumerate(examples):
        e_where = pointer_join(where, "examples", e_index)
        if not isinstance(example, Mapping):
            continue
        given = {
            p.get("name"): p.get("value")
            for p in example.get("params", [])
            if isinstance(p, Mapping)
        }
        for problem in _validation_problems(params_schema, given):
            yield Violation(
                pointer_join(e_where, "params"),
                "example",
                f"the example's params do not fit the method at {problem}",
            )
        example_result = example.get("result")
        if isinstance(result_schema, Mapping):
            if not isinstance(example_result, Mapping) or "value" not in example_result:
                yield Violation(
                    pointer_join(e_where, "result"),
                    "example",
                    "give the example a result with a value (null for a void method)",
                )
                continue
            wrapper = {"allOf": [result_schema], "components": dict(components)}
            for problem in _validation_problems(wrapper, example_result["value"]):
                yield Violation(
                    pointer_join(e_where, "result", "value"),
                    "example",
                    f"the example's result does not fit the method's result at {problem}",
                )


def _validation_problems(schema: Mapping[str, Any], value: Any) -> Iterator[str]:
    try:
        validator = jsonschema.Draft7Validator(schema)
        errors = list(validator.iter_errors(value))
    except (jsonschema.exceptions.SchemaError, Unresolvable) as exc:
        yield f"(schema error: {_short(str(exc))})"
        return
    for error in errors:
        yield f"{pointer(*error.absolute_path) or '/'}: {_short(error.message)}"
