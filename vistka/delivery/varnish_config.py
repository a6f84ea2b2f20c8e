"""The generated part of the VCL (one backend per app process, the assembler's socket, the purge
ACL) and the varnishd command line, shared by `bin/stack`, the bench and the tests."""

import argparse
import os
import shlex
import shutil
from pathlib import Path

PROBE = '.probe = { .url = "/_health/"; .interval = 1s; .timeout = 2s; .window = 3; .threshold = 2; }'


INNER_SOCKET = "inner.sock"  # the assembler's listener, in varnishd's run directory
VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "vistka.vcl"
PARAMETERS = ("feature=+esi_ignore_https", "thread_pool_min=200")
# What varnishd writes to its shared-memory log (VARNISH_LOG). Every record costs the edge: on
# the 2-core reference machine "requests" served hits at 0.83x nginx and "errors" at 0.96x
# (medians of 6 alternating rounds, same bytes).
#   errors (default): errors, notices and the VCL's own std.log lines only;
#   requests: also each request's line, status, timings and byte counts (varnishncsa works),
#             but no headers;
#   all: Varnish's own default (every header of every request and fetch).
_TRANSACTION_TAGS = (
    "Begin,End,Link,SessOpen,SessClose,ReqStart,ReqMethod,ReqURL,ReqProtocol,RespProtocol,RespStatus,"
    "RespReason,Storage,Length,Filters,VCL_use,Hash,TTL,Gzip,ExpKill,ExpBan,BackendOpen,BackendClose,"
    "BackendReuse,Backend,Fetch_Body,BereqMethod,BereqURL,BereqProtocol,BerespProtocol,BerespStatus,"
    "BerespReason,Timestamp,ReqAcct,Hit,VCL_call,VCL_return"
)
_HEADER_TAGS = (
    "ReqHeader,RespHeader,BereqHeader,BerespHeader,ObjHeader,ReqUnset,RespUnset,BereqUnset,BerespUnset"
)
LOG_MASKS = {
    "errors": ",".join(f"-{tag}" for tag in f"{_HEADER_TAGS},{_TRANSACTION_TAGS}".split(",")),
    "requests": ",".join(f"-{tag}" for tag in f"{_HEADER_TAGS},VCL_call,VCL_return,Hit".split(",")),
    "all": None,
}


def log_parameters(level=None):
    level = level or os.environ.get("VARNISH_LOG") or "errors"
    if level not in LOG_MASKS:
        raise ValueError(f"VARNISH_LOG must be one of {', '.join(LOG_MASKS)}, not {level!r}")
    mask = LOG_MASKS[level]
    return () if mask is None else (f"vsl_mask={mask}",)


def render(processes, base_port, host="127.0.0.1", purgers=("127.0.0.1", "::1"), run_dir=None):
    lines = []
    inner = Path(run_dir or ".").resolve() / INNER_SOCKET
    lines.append(
        f'backend assembler {{ .path = "{inner}"; .connect_timeout = 1s; .first_byte_timeout = 35s; }}'
    )
    for i in range(processes):
        lines.append(
            f'backend app{i} {{ .host = "{host}"; .port = "{base_port + i}"; '
            f".connect_timeout = 1s; .first_byte_timeout = 30s; {PROBE} }}"
        )
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines += [f"    app.add_backend(app{i});" for i in range(processes)]
    lines.append("}")
    lines.append("acl purgers {\n" + "".join(f'    "{address}";\n' for address in purgers) + "}")
    return "\n".join(lines) + "\n"


def prepare(run_dir, processes, base_port, host="127.0.0.1", purgers=("127.0.0.1", "::1")):
    """Write vistka.vcl and backends.vcl into `run_dir`, readable by varnishd's own users."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(run_dir, 0o755)  # noqa: S103 (varnishd's compiler and child run as other users)
    (run_dir / "backends.vcl").write_text(render(processes, base_port, host, purgers, run_dir))
    shutil.copy(VCL, run_dir / "vistka.vcl")
    for name in ("backends.vcl", "vistka.vcl"):
        os.chmod(run_dir / name, 0o644)


def varnishd_argv(run_dir, listen, memory="256m", varnishd=None):
    """`varnishd -F` on the files `prepare` wrote: the public listener and the assembler's socket."""
    run_dir = Path(run_dir).resolve()
    argv = [
        varnishd or shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-n",
        str(run_dir / "varnish"),
    ]
    argv += ["-a", f"public={listen}", "-a", f"inner={run_dir / INNER_SOCKET},mode=666"]
    argv += [
        "-f",
        str(run_dir / "vistka.vcl"),
        "-p",
        f"vcl_path={run_dir}:/usr/share/varnish/vcl:/etc/varnish",
    ]
    argv += ["-s", f"malloc,{memory}"]
    for parameter in PARAMETERS + log_parameters():
        argv += ["-p", parameter]
    return argv


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8101)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--run-dir", required=True, help="where the VCL files and varnishd's state go")
    parser.add_argument("--listen", default="127.0.0.1:8000")
    parser.add_argument("--memory", default="256m")
    args = parser.parse_args()
    purgers = [p for p in os.environ.get("VARNISH_PURGERS", "127.0.0.1,::1").split(",") if p]
    prepare(args.run_dir, args.processes, args.base_port, args.host, purgers)
    print(shlex.join(varnishd_argv(args.run_dir, args.listen, args.memory)))  # noqa: T201


if __name__ == "__main__":
    main()
