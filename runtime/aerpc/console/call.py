"""``aerpc call METHOD key=value …`` and ``aerpc hosts``, against a running pipeline's server.

Exit codes: 0 done; 1 the call failed (stderr: the typed error's name, code and message) or
the server could not be reached; 2 the command line does not fit the method; 130 interrupted
(Ctrl-C): the call is cancelled, and one line says whether it still runs in After Effects.

While the call waits behind another host call (After Effects runs one at a time), the spinner
on a terminal says so (``waiting behind render (42 s, for pipeline)``), or one line does on a
stderr that is not a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import sys
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from aerpc.runtime import CallOptions, HostChannel, LocalError, RemoteError, RemoteHost
from aerpc.runtime.contract import Contract
from aerpc.runtime.errors import NotConnected, Unauthorized
from aerpc.tooling.options import (
    TOKEN_SOURCES,
    UsageError,
    add_connection,
    connection,
    log_level,
    version,
)
from aerpc.tooling.output import error_line, json_text, table_text
from aerpc.tooling.package import HostPackage, add_package, host_package
from aerpc.tooling.values import ParamError, parse_params

from .busy import interrupted_line, waiting_behind
from .progress import Spinner, WaitNotice, WithProgress

__all__ = ["call_main", "hosts_main"]


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    add_connection(parser)
    add_package(parser)
    parser.add_argument("--table", action="store_true", help="print a table instead of JSON")
    parser.add_argument("--log-level", type=log_level, default="WARNING", help="on stderr")
    return parser


def loaded_package(args: argparse.Namespace, prog: str) -> HostPackage | None:
    """The ``--package`` the command speaks for, or None after printing why it can't load."""
    try:
        return host_package(args.package)
    except ImportError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None


def _connect(args: argparse.Namespace, prog: str, **options: Any) -> RemoteHost | None:
    """A started tool connection, or None after printing why there is none."""
    try:
        url, token = connection(args)
    except UsageError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    remote = RemoteHost(url, token, **options)
    try:
        remote.start()
    except Unauthorized as exc:
        print(
            f"{prog}: the server at {url} refused the token ({exc}); {TOKEN_SOURCES}",
            file=sys.stderr,
        )
        return None
    except NotConnected as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    except (RemoteError, LocalError, OSError, TimeoutError) as exc:
        print(f"{prog}: cannot connect to {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    return remote


def call_main(argv: Sequence[str]) -> int:
    parser = _parser("aerpc call", "Call a host method of the pipeline's After Effects.")
    parser.add_argument("method", help="a host method of the schema, e.g. get_items")
    parser.add_argument("params", nargs="*", metavar="key=value", help="its parameters")
    parser.add_argument("--timeout", type=float, help="the call's deadline in seconds")
    parser.add_argument("--no-progress", action="store_true", help="no spinner on a terminal")
    args = parser.parse_args(list(argv))
    logging.basicConfig(level=args.log_level, stream=sys.stderr)
    package = loaded_package(args, "aerpc call")
    if package is None:
        return 2
    contract = package.contract
    spec = contract.methods.get(args.method)
    if spec is None or spec.served_by != "host":
        hosted = sorted(n for n, s in contract.methods.items() if s.served_by == "host")
        near = difflib.get_close_matches(args.method, hosted, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        print(
            f"aerpc call: {args.method!r} is not a host method; {hint}they are: "
            f"{', '.join(hosted)}",
            file=sys.stderr,
        )
        return 2
    try:
        params = parse_params(contract, args.method, args.params)
    except ParamError as exc:
        print(f"aerpc call: {exc}", file=sys.stderr)
        return 2
    try:
        remote = _connect(args, "aerpc call", contract=contract)
    except KeyboardInterrupt:
        print(
            f"aerpc call: interrupted while connecting; {args.method} was not sent", file=sys.stderr
        )
        return 130
    if remote is None:
        return 1
    channel = progress_channel(remote, contract, "aerpc call", quiet=args.no_progress)
    options = CallOptions(timeout=args.timeout) if args.timeout else None
    try:
        result = channel.call_blocking(args.method, params, options)
    except (RemoteError, LocalError) as exc:
        print(error_line(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return interrupted(remote, args.method, "aerpc call")
    finally:
        stop_quietly(remote)
    print(table_text(result) if args.table else json_text(result))
    return 0


def progress_channel(
    remote: RemoteHost, contract: Contract, prog: str, *, quiet: bool = False
) -> HostChannel:
    """``remote`` with the progress of each call on stderr: a spinner on a terminal, else one
    line when a call waits behind another (none with ``quiet``)."""
    if quiet:
        return remote
    hook = Spinner(sys.stderr) if sys.stderr.isatty() else WaitNotice(sys.stderr, prog)
    return WithProgress(remote, hook, contract, status=lambda: waiting_behind(remote))


def interrupted(remote: RemoteHost, method: str, prog: str) -> int:
    """Ctrl-C during a call (cancelled by then): the one line on stderr; exit code 130."""
    try:
        print(interrupted_line(remote, method, prog), file=sys.stderr, flush=True)
    except KeyboardInterrupt:  # a second Ctrl-C: no traceback either
        print(f"{prog}: interrupted {method}; see `aerpc hosts`", file=sys.stderr)
    return 130


def stop_quietly(remote: RemoteHost) -> None:
    """Close the tool connection; a Ctrl-C meanwhile leaves it to the process's end."""
    with contextlib.suppress(KeyboardInterrupt):
        remote.stop()


def with_package_version(host: Mapping[str, Any]) -> dict[str, Any]:
    """A host's record with ``aerpc_version`` (this package's) beside its panel's
    ``extension_version``: the two should match."""
    record: dict[str, Any] = {}
    for key, value in host.items():
        record[key] = value
        if key == "extension_version":
            record["aerpc_version"] = version()
    record.setdefault("aerpc_version", version())
    return record


def hosts_main(argv: Sequence[str]) -> int:
    parser = _parser("aerpc hosts", "List the After Effects hosts connected to the server.")
    parser.add_argument(
        "--watch", action="store_true", help="then print a JSON line when a host comes or goes"
    )
    args = parser.parse_args(list(argv))
    logging.basicConfig(level=args.log_level, stream=sys.stderr)

    def event(kind: str, host: Mapping[str, Any]) -> None:
        print(json.dumps({"event": kind, "host": host}, ensure_ascii=False), flush=True)

    package = loaded_package(args, "aerpc hosts")
    if package is None:
        return 2
    remote = _connect(args, "aerpc hosts", contract=package.contract, on_host_event=event)
    if remote is None:
        return 1
    try:
        hosts = [with_package_version(h) for h in remote.hosts_blocking(watch=args.watch)]
        if args.table and not hosts:
            print(f"no host connected to {remote.url}", flush=True)
        else:
            print(table_text(hosts) if args.table else json_text(hosts), flush=True)
        for host in hosts:
            if host.get("extension_version") not in (None, host["aerpc_version"]):
                print(
                    f"aerpc hosts: the panel {host.get('instance')} is version "
                    f"{host['extension_version']} and this package {host['aerpc_version']}: "
                    "install the panel of this version (`aerpc cep install`)",
                    file=sys.stderr,
                )
        if args.watch:
            threading.Event().wait()  # until Ctrl-C
    except KeyboardInterrupt:
        pass
    except (RemoteError, LocalError) as exc:
        print(error_line(exc), file=sys.stderr)
        return 1
    finally:
        remote.stop()
    return 0
