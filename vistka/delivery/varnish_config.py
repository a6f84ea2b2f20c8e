"""The generated part of the VCL and the varnishd command line, shared by `bin/stack`, the bench
and the tests: backends.vcl (one backend per app process, the assembler's socket, the purge ACL)
and site.vcl (the hosts served, the trusted proxies, the default stale-if-error, and the query
parameters each route reads, from the same settings and query_params.json as the app, so the two
never disagree)."""

import argparse
import grp
import ipaddress
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
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


def site_facts():
    """The settings site.vcl is made from: {"routes": [[name, regex, params]], "hosts": [...],
    "proxies": [...]}. Read from Django's settings; in a process whose settings cannot load (a
    drill or bench without SECRET_KEY), from a child process that loads them with a throwaway key
    (nothing is signed there), so this process's own settings are never touched."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
    try:
        hosts, proxies = list(settings.ALLOWED_HOSTS), list(settings.TRUSTED_PROXIES)
        staff_pass = {
            "per_client": parse_rate(settings.VARNISH_STAFF_PASS_PER_CLIENT),
            "total": parse_rate(settings.VARNISH_STAFF_PASS_TOTAL),
        }
        assets = [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/")]
        stale_if_error = int(settings.STALE_IF_ERROR)
    except ImproperlyConfigured:
        if os.environ.get("VISTKA_SITE_FACTS_CHILD"):
            raise
        env = {
            **os.environ,
            "SECRET_KEY": "throwaway-for-reading-settings-only",
            "VISTKA_SITE_FACTS_CHILD": "1",
        }
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "vistka.delivery.varnish_config", "--facts"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        return json.loads(done.stdout)
    from vistka.delivery.query_params import routes

    return {
        "routes": [[n, p, sorted(params)] for n, p, params in routes()],
        "hosts": hosts,
        "proxies": proxies,
        "staff_pass": staff_pass,
        "assets": assets,
        "stale_if_error": stale_if_error,
    }


def parse_rate(text):
    """ "30/10s" -> [30, 10]: at most 30 requests in 10 seconds (a token bucket in vsthrottle)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*s?\s*", str(text))
    if not match or int(match[1]) < 1 or int(match[2]) < 1:
        raise ValueError(f"a rate is '<requests>/<seconds>s' with both at least 1, not {text!r}")
    return [int(match[1]), int(match[2])]


def _vcl_string(text):
    """A VCL long string; VCL has no escapes, so text that could end it is refused."""
    if '"}' in text or "\n" in text:
        raise ValueError(f"cannot be put in VCL: {text!r}")
    return '{"' + text + '"}'


def _keep_params(params):
    """A regsuball that drops every parameter but `params` (and those with an empty value)."""
    names = "|".join(re.escape(name) for name in sorted(params))
    return f'regsuball(req.url, {_vcl_string(f"([?&])(?!(?:{names})=[^&#])[^&#]*")}, "\\1")'


def render_query(routes):
    """`sub vistka_query`: the query string reduced to the route's parameters, sorted."""
    lines = [
        "sub vistka_query {",
        '    set req.url = regsub(req.url, "#.*$", "");',
        '    if (req.url !~ "\\?") {',
        "        return;",
        "    }",
    ]
    lines.append('    set req.http.X-Vistka-Path = regsub(req.url, "\\?.*$", "");')
    keyword = "if"
    for name, pattern, params in routes:
        lines.append(f"    {keyword} (req.http.X-Vistka-Path ~ {_vcl_string(pattern)}) {{  # {name}")
        if params:
            lines.append(f"        set req.url = {_keep_params(params)};")
        else:
            lines.append("        set req.url = req.http.X-Vistka-Path;")
        keyword = "} else if"
    lines.append("    } else {")
    lines.append("        set req.url = req.http.X-Vistka-Path;")
    lines.append("    }")
    lines.append("    unset req.http.X-Vistka-Path;")
    lines.append('    set req.url = regsuball(req.url, "&{2,}", "&");')
    lines.append('    set req.url = regsub(req.url, "\\?&+", "?");')
    lines.append('    set req.url = regsub(req.url, "[?&]+$", "");')
    lines.append("    set req.url = std.querysort(req.url);")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _host_pattern(hosts):
    """ALLOWED_HOSTS as one anchored regex ("*": any; ".example.org": it and its subdomains)."""
    if "*" in hosts or not hosts:
        return None
    alternatives = []
    for host in hosts:
        host = host.lower().rstrip(".")
        if host.startswith("."):
            alternatives.append(f"(?:[a-z0-9-]+\\.)*{re.escape(host[1:])}")
        else:
            alternatives.append(re.escape(host))
    return "^(?:" + "|".join(alternatives) + ")$"


def render_host(hosts):
    """`sub vistka_host`: lower case, no port, no trailing dot; a host the site does not serve is
    answered 400 before any lookup, so a flood of made-up hosts creates no cache objects."""
    canonical = next(
        (h.lower().rstrip(".") for h in hosts if h and not h.startswith(".") and h != "*"), "localhost"
    )
    lines = ["sub vistka_host {"]
    lines.append("    if (!req.http.host) {")
    lines.append(f"        set req.http.host = {_vcl_string(canonical)};")
    lines.append("    }")
    without_port = '"^(\\[[^\\]]*\\]|[^:]*)(:[0-9]*)?$", "\\1"'
    lines.append(f"    set req.http.host = std.tolower(regsub(req.http.host, {without_port}));")
    lines.append('    set req.http.host = regsub(req.http.host, "\\.+$", "");')
    pattern = _host_pattern(hosts)
    if pattern:
        lines.append(f"    if (req.http.host !~ {_vcl_string(pattern)}) {{")
        lines.append('        return (synth(400, "Unknown host"));')
        lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _acl_entry(address):
    network = ipaddress.ip_network(address.strip(), strict=False)
    if network.prefixlen == network.max_prefixlen:
        return f'    "{network.network_address}";'
    return f'    "{network.network_address}"/{network.prefixlen};'


def render_request_id(proxies):
    """`acl vistka_proxies` and `sub vistka_request_id`: a well-formed X-Request-Id is kept only
    from a trusted proxy (TRUSTED_PROXIES) or the public layer; otherwise Varnish makes one."""
    lines = ["acl vistka_proxies {", *(_acl_entry(p) for p in proxies if p.strip()), "}"]
    lines.append("sub vistka_request_id {")
    lines.append(
        '    if (req.http.X-Request-Id !~ "^[A-Za-z0-9._:-]{8,128}$"'
        ' || (local.socket != "inner" && client.ip !~ vistka_proxies)) {'
    )
    lines.append(
        '        set req.http.X-Request-Id = "v" + std.integer(time=now) + "-" + req.xid + "-"'
        " + std.integer(real=std.random(0, 2147483647));"
    )
    lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


MAX_PROXY_HOPS = 8  # trusted proxies walked past in X-Forwarded-For; a longer chain is unreal


def render_client(hops=MAX_PROXY_HOPS):
    """`sub vistka_client`: req.http.X-Vistka-Client, the client's address as the app finds it
    (vistka.accounts.client_ip): X-Forwarded-For walked from the right while the hop is one of our
    proxies (acl vistka_proxies); a hop that is no address ends the walk. Varnish has appended
    client.ip to X-Forwarded-For already; VCL has no loops, so the walk is `hops` calls."""
    hop = 'std.ip(req.http.X-Vistka-Hop, "0.0.0.0", false)'
    last = '"\\s*,?[^,]*$", ""'
    port = '"^\\[([^\\]]+)\\](:[0-9]+)?$|^([0-9.]+):[0-9]+$", "\\1\\3"'
    lines = [
        "sub vistka_client_hop {",
        '    if (req.http.X-Vistka-Hops !~ "[^,\\s]"'
        ' || std.ip(req.http.X-Vistka-Client, "0.0.0.0", false) !~ vistka_proxies) {',
        "        unset req.http.X-Vistka-Hops;",
        "        return;",
        "    }",
        '    set req.http.X-Vistka-Hop = regsub(req.http.X-Vistka-Hops, "^.*,", "");',
        '    set req.http.X-Vistka-Hop = regsub(req.http.X-Vistka-Hop, "^\\s+|\\s+$", "");',
        f"    set req.http.X-Vistka-Hop = regsub(req.http.X-Vistka-Hop, {port});",
        f"    set req.http.X-Vistka-Hops = regsub(req.http.X-Vistka-Hops, {last});",
        f'    if ("" + {hop} == "0.0.0.0") {{',
        "        unset req.http.X-Vistka-Hops;  # not an address: nothing left of it is believed",
        "    } else {",
        f"        set req.http.X-Vistka-Client = {hop};",
        "    }",
        "}",
        "sub vistka_client {",
        "    set req.http.X-Vistka-Client = client.ip;",
        f"    set req.http.X-Vistka-Hops = regsub(req.http.X-Forwarded-For, {last});",
        *["    call vistka_client_hop;"] * hops,
        "    unset req.http.X-Vistka-Hops;",
        "    unset req.http.X-Vistka-Hop;",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _asset_pattern(assets):
    return "^(?:" + "|".join(re.escape(prefix) for prefix in assets) + ")" if assets else None


def render_staff_pass(staff_pass, assets):
    """`sub vistka_staff_pass`: a request with the staff marker passes to the app (which checks the
    signature Varnish cannot) only while its client is under the per-client rate and all marked
    requests under the total; beyond either it falls through and is served as a reader's (its
    cookies removed). Static files and media are the same for staff: never passed for the marker."""
    (client_limit, client_period), (total_limit, total_period) = staff_pass["per_client"], staff_pass["total"]
    client_bucket = f'"staff-pass:" + req.http.X-Vistka-Client, {client_limit}, {client_period}s'
    total_bucket = f'"staff-pass-total", {total_limit}, {total_period}s'
    lines = ["sub vistka_staff_pass {"]
    pattern = _asset_pattern(assets)
    if pattern:
        lines.append(f"    if (req.url ~ {_vcl_string(pattern)}) {{")
        lines.append("        return;")
        lines.append("    }")
    lines.append("    call vistka_client;")
    lines.append(f"    if (vsthrottle.is_denied({client_bucket})) {{")
    lines.append('        std.log("staff marker over the per-client rate: " + req.http.X-Vistka-Client);')
    lines.append("    } else if (vsthrottle.is_denied(" + total_bucket + ")) {")
    lines.append(f"        vsthrottle.return_token({client_bucket});")
    lines.append('        std.log("staff marker over the total rate");')
    lines.append("    } else {")
    lines.append("        unset req.http.X-Vistka-Client;")
    lines.append("        return (pass);")
    lines.append("    }")
    lines.append("    unset req.http.X-Vistka-Client;")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_stale_if_error(seconds):
    """`sub vistka_default_stale_if_error`: how long Varnish serves a page stale while the app fails
    when its Cache-Control names no `stale-if-error` (the site's STALE_IF_ERROR)."""
    seconds = int(seconds)
    if seconds < 0:
        raise ValueError(f"STALE_IF_ERROR must be at least 0, not {seconds}")
    return f"sub vistka_default_stale_if_error {{\n    set beresp.grace = {seconds}s;\n}}\n"


def render_site(facts=None):
    """site.vcl: hosts, trusted proxies, the staff marker's pass rates, the default stale-if-error
    and query parameters per route."""
    facts = facts or site_facts()
    header = "# Generated by vistka/delivery/varnish_config.py from the settings and query_params.json.\n"
    return "\n".join(
        [
            header,
            render_host(facts["hosts"]),
            render_request_id(facts["proxies"]),
            render_client(),
            render_staff_pass(facts["staff_pass"], facts["assets"]),
            render_stale_if_error(facts["stale_if_error"]),
            render_query(facts["routes"]),
        ]
    )


def prepare(run_dir, processes, base_port, host="127.0.0.1", purgers=("127.0.0.1", "::1")):
    """Write vistka.vcl, backends.vcl and site.vcl into `run_dir`, readable by varnishd's users."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(run_dir, 0o755)  # noqa: S103 (varnishd's compiler and child run as other users)
    (run_dir / "backends.vcl").write_text(render(processes, base_port, host, purgers, run_dir))
    (run_dir / "site.vcl").write_text(render_site())
    shutil.copy(VCL, run_dir / "vistka.vcl")
    for name in ("backends.vcl", "site.vcl", "vistka.vcl"):
        os.chmod(run_dir / name, 0o644)


def inner_socket_access():
    """Who may connect to the assembler's socket: varnishd's own child only. As root, varnishd
    drops its child to a user of the `varnish` group (Debian: vcache), so the socket is the
    group's (660); run by anyone else, the child is that same user (600)."""
    try:
        grp.getgrnam("varnish")
    except KeyError:
        return "mode=600"
    return "user=varnish,group=varnish,mode=660" if os.geteuid() == 0 else "mode=600"


def varnishd_argv(run_dir, listen, memory="256m", varnishd=None):
    """`varnishd -F` on the files `prepare` wrote: the public listener and the assembler's socket."""
    run_dir = Path(run_dir).resolve()
    argv = [
        varnishd or shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-n",
        str(run_dir / "varnish"),
    ]
    argv += ["-a", f"public={listen}", "-a", f"inner={run_dir / INNER_SOCKET},{inner_socket_access()}"]
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
    parser.add_argument("--run-dir", help="where the VCL files and varnishd's state go")
    parser.add_argument("--facts", action="store_true", help="print the settings site.vcl is made from")
    parser.add_argument("--site-vcl", action="store_true", help="print site.vcl (for images without the app)")
    parser.add_argument("--listen", default="127.0.0.1:8000")
    parser.add_argument("--memory", default="256m")
    args = parser.parse_args()
    if args.facts:
        print(json.dumps(site_facts()))  # noqa: T201
        return
    if args.site_vcl:
        print(render_site(), end="")  # noqa: T201
        return
    if not args.run_dir:
        parser.error("--run-dir is required")
    purgers = [p for p in os.environ.get("VARNISH_PURGERS", "127.0.0.1,::1").split(",") if p]
    prepare(args.run_dir, args.processes, args.base_port, args.host, purgers)
    print(shlex.join(varnishd_argv(args.run_dir, args.listen, args.memory)))  # noqa: T201


if __name__ == "__main__":
    main()
