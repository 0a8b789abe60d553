"""The CEP target: the panel's JavaScript, its typings and the ES3 ExtendScript dispatcher.

Everything computed (tables, string literals, comment text, type expressions) is decided here
and handed to the templates, which only lay it out:

* ``generated/cep/aerpc-panel.js``   the panel (CEP's Chromium; also a CommonJS module for node)
* ``generated/cep/aerpc-panel.d.ts`` its typings, one interface or alias per schema type
* ``generated/cep/aerpc-host.jsx``   ES3 only: the JSON codec, the method table, the trampoline

The emitted files are pure ASCII: ExtendScript tooling mishandles other text, and a U+2028 or
U+2029 in a ``//`` comment of an ES3 source would end the line early.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from .model import Api, ErrorDef, Method, Param, TypeDef
from .render import Output

__all__ = [
    "PROTOCOL_ERRORS",
    "ProtocolError",
    "ascii_comment",
    "cep_outputs",
    "js_literal",
    "js_string",
]

PANEL_JS = "generated/cep/aerpc-panel.js"
PANEL_DTS = "generated/cep/aerpc-panel.d.ts"
HOST_JSX = "generated/cep/aerpc-host.jsx"


class ProtocolError(TypedDict):
    name: str
    code: int
    message: str
    doc: str


# The protocol errors of DESIGN.md section 4.5, named as in aerpc.runtime.errors.
PROTOCOL_ERRORS: tuple[ProtocolError, ...] = (
    {"name": "ParseError", "code": -32700, "message": "Parse error", "doc": "Not valid JSON."},
    {
        "name": "InvalidRequest",
        "code": -32600,
        "message": "Invalid Request",
        "doc": "JSON, but not a JSON-RPC 2.0 request.",
    },
    {
        "name": "MethodNotFound",
        "code": -32601,
        "message": "Method not found",
        "doc": "The method does not exist on the serving side (or its schema lacks it).",
    },
    {
        "name": "InvalidParams",
        "code": -32602,
        "message": "Invalid params",
        "doc": "The params failed the schema; data.errors lists {path, message}.",
    },
    {
        "name": "InternalError",
        "code": -32603,
        "message": "Internal error",
        "doc": "A handler failed unexpectedly on the serving side.",
    },
    {
        "name": "Unauthorized",
        "code": -32001,
        "message": "Unauthorized",
        "doc": "The hello was missing or the token was wrong.",
    },
    {
        "name": "SchemaMismatch",
        "code": -32002,
        "message": "Schema mismatch",
        "doc": "The peers were generated from different schemas; data has both hashes.",
    },
    {
        "name": "HostAlreadyConnected",
        "code": -32003,
        "message": "Host already connected",
        "doc": "Another panel instance is already connected as the host.",
    },
    {
        "name": "MessageTooLarge",
        "code": -32004,
        "message": "Message too large",
        "doc": "A message was larger than the configured limit; data has size and limit.",
    },
    {
        "name": "ExtendScriptError",
        "code": -32010,
        "message": "ExtendScript error",
        "doc": "The ExtendScript function threw; data has name, message, line and fileName.",
    },
    {
        "name": "HostTimeout",
        "code": -32011,
        "message": "Host timeout",
        "doc": "The panel gave up waiting on evalScript.",
    },
)

# Names the panel module defines itself; a schema error may not take one of them.
_RESERVED_NAMES = frozenset(
    {
        "AerpcPanel",
        "AerpcError",
        "RemoteError",
        "LocalError",
        "RpcTimeout",
        "NotConnected",
        "ConnectionLost",
        "SCHEMA",
        "HOST_METHODS",
        "PIPELINE_METHODS",
        "errorClassFor",
        "errorFromWire",
        "jsStringLiteral",
        "utf8Length",
        "parseEnvelope",
    }
    | {e["name"] for e in PROTOCOL_ERRORS}
)

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\u0085]+")


def js_string(text: str) -> str:
    """``text`` as a double-quoted literal valid in ES3, JSON and TypeScript, in pure ASCII."""
    return json.dumps(text, ensure_ascii=True)


def js_literal(value: Any, *, indent: int = 0) -> str:
    """A JSON value as ASCII JavaScript source; nested lines indented by ``indent`` spaces."""
    text = json.dumps(value, ensure_ascii=True, indent=4)
    return text.replace("\n", "\n" + " " * indent)


def ascii_comment(text: str) -> str:
    """One line of prose safe inside ``//`` and ``/** */`` comments of any of the files.

    Line breaks (including U+2028/U+2029) become spaces, ``*/`` cannot close a comment, and
    characters outside printable ASCII are written as ``\\uXXXX``.
    """
    flat = " ".join(_LINE_BREAKS.sub(" ", text).split())
    flat = flat.replace("*/", "*\\/")
    return "".join(
        c if 32 <= ord(c) < 127 else "".join(f"\\u{u:04x}" for u in _utf16(c)) for c in flat
    )


def _utf16(char: str) -> Iterable[int]:
    data = char.encode("utf-16-be", "surrogatepass")
    return (int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2))


def _doc_lines(*parts: str, width: int = 92) -> list[str]:
    """Paragraphs of prose as wrapped comment lines (ASCII, no ``*/``), empty parts left out."""
    lines: list[str] = []
    for part in parts:
        for paragraph in re.split(r"\n\s*\n", part.strip()):
            line = ascii_comment(paragraph)
            if line:
                lines.extend(textwrap.wrap(line, width=width, break_on_hyphens=False))
    return lines


def _ts_key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else js_string(name)


def _header(api: Api) -> list[str]:
    return [
        f"Generated from {api.source} by `aerpc generate`; do not edit.",
        f"Schema: {ascii_comment(api.schema_name)} {ascii_comment(api.version)}, "
        f"{ascii_comment(api.schema_hash)}",
    ]


def _check_names(api: Api) -> None:
    seen: set[str] = set()
    for error in api.errors:
        if not _IDENTIFIER.match(error.key):
            raise ValueError(f"components/errors/{error.key}: not a JavaScript identifier")
        if error.key in _RESERVED_NAMES:
            raise ValueError(
                f"components/errors/{error.key}: the name is taken by the panel module itself"
            )
        if error.key in seen:
            raise ValueError(f"components/errors/{error.key}: declared twice")
        seen.add(error.key)
    for method in api.host_methods:
        if not method.runs_in_panel and not method.host_function:
            raise ValueError(
                f"methods/{method.name}: a host method needs x-host-function or x-runs-in: panel"
            )
        if method.host_function and not _IDENTIFIER.match(method.host_function):
            raise ValueError(
                f"methods/{method.name}: x-host-function {method.host_function!r} is not an "
                "ExtendScript identifier"
            )


# ------------------------------------------------------------------------- host .jsx


def _host_context(api: Api) -> dict[str, object]:
    methods = [
        {
            "name": js_string(m.name),
            "fn": js_string(m.host_function or ""),
            "params": ", ".join(js_string(p.name) for p in m.params),
        }
        for m in api.host_methods
        if not m.runs_in_panel
    ]
    errors = [
        {
            "key": js_string(e.key),
            "name": e.key,
            "code": e.code,
            "message": js_string(e.message),
            "comment": ascii_comment(e.message),
        }
        for e in api.errors
    ]
    return {"methods": methods, "errors": errors}


# ------------------------------------------------------------------------- panel .js


def _panel_context(api: Api) -> dict[str, object]:
    host = {
        m.name: {
            "timeoutMs": m.timeout_ms,
            "idempotent": m.idempotent,
            "runsInPanel": m.runs_in_panel,
        }
        for m in api.host_methods
    }
    pipeline = {
        m.name: {"timeoutMs": m.timeout_ms, "idempotent": m.idempotent}
        for m in api.pipeline_methods
    }
    return {
        "host_methods": js_literal(host, indent=4),
        "pipeline_methods": js_literal(pipeline, indent=4),
    }


def _protocol_errors() -> list[dict[str, object]]:
    return [
        {
            "name": e["name"],
            "code": e["code"],
            "message": js_string(e["message"]),
            "doc": ascii_comment(f"{e['code']}: {e['doc']}"),
        }
        for e in PROTOCOL_ERRORS
    ]


def _app_errors(errors: Sequence[ErrorDef]) -> list[dict[str, object]]:
    return [
        {
            "name": e.key,
            "code": e.code,
            "message": js_string(e.message),
            "doc": ascii_comment(
                f"{e.code}: {e.message}." + (f" {e.description}" if e.description else "")
            ),
        }
        for e in errors
    ]


# ------------------------------------------------------------------------- .d.ts


def _ts_params(params: Sequence[Param]) -> str:
    if not params:
        return "Record<string, never>"
    fields = "; ".join(f"{_ts_key(p.name)}{'' if p.required else '?'}: {p.ts_type}" for p in params)
    return "{ " + fields + " }"


def _params_optional(params: Sequence[Param]) -> bool:
    return all(not p.required for p in params)


def _param_docs(method: Method) -> list[str]:
    docs = []
    for p in method.params:
        text = ascii_comment(p.description) if p.description else ""
        flag = "" if p.required else " (optional)"
        if p.has_default:
            flag += f" (default {ascii_comment(json.dumps(p.default))})"
        docs.append(f"@param params.{p.name}{flag} {text}".rstrip())
    return docs


def _ts_method(method: Method) -> dict[str, object]:
    optional = "?" if _params_optional(method.params) else ""
    errors = ", ".join(e.key for e in method.errors)
    doc = _doc_lines(method.summary, method.description)
    doc += _param_docs(method)
    idempotent = "idempotent" if method.idempotent else "not idempotent"
    doc.append(f"Default deadline {method.timeout_seconds}; {idempotent}.")
    if errors:
        doc.append(f"Errors: {errors}.")
    if method.deprecated:
        doc.append("@deprecated")
    return {
        "name": method.name,
        "key": _ts_key(method.name),
        "doc": doc,
        "params_type": _ts_params(method.params),
        "params_optional": optional,
        "result": method.result.ts_type,
    }


def _ts_type(t: TypeDef) -> dict[str, object]:
    fields = [
        {
            "key": _ts_key(f.name),
            "optional": "" if f.required else "?",
            "type": f.ts_type,
            "doc": ascii_comment(f.description),
        }
        for f in t.fields
    ]
    if t.kind == "object":
        expression = ""
    elif t.kind == "any":
        expression = "unknown"
    else:
        expression = t.value_ts_type
    return {
        "name": t.name,
        "kind": t.kind,
        "doc": _doc_lines(t.description),
        "fields": fields,
        "expression": expression,
    }


def _dts_context(api: Api) -> dict[str, object]:
    panel_methods = [m.name for m in api.host_methods if m.runs_in_panel]
    return {
        "types": [_ts_type(t) for t in api.types],
        "defines_json_value": any(t.name == "JsonValue" for t in api.types),
        "pipeline": [_ts_method(m) for m in api.pipeline_methods],
        "host": [_ts_method(m) for m in api.host_methods],
        "panel_method_names": " | ".join(js_string(n) for n in panel_methods) or "never",
    }


# ------------------------------------------------------------------------- outputs


def cep_outputs(api: Api) -> list[Output]:
    """The three CEP files for ``api``."""
    _check_names(api)
    common: dict[str, object] = {
        "header": _header(api),
        "schema": {
            "name": js_string(api.schema_name),
            "version": js_string(api.version),
            "hash": js_string(api.schema_hash),
        },
        "protocol_errors": _protocol_errors(),
        "app_errors": _app_errors(api.errors),
    }
    return [
        Output(PANEL_JS, "aerpc-panel.js.j2", {**common, **_panel_context(api)}),
        Output(PANEL_DTS, "aerpc-panel.d.ts.j2", {**common, **_dts_context(api)}),
        Output(HOST_JSX, "aerpc-host.jsx.j2", {**common, **_host_context(api)}),
    ]
