"""Writes the generated part of the VCL: one backend per app process and the purge ACL."""

import argparse
import os

PROBE = '.probe = { .url = "/_health/"; .interval = 1s; .timeout = 2s; .window = 3; .threshold = 2; }'


def render(processes, base_port, host="127.0.0.1", purgers=("127.0.0.1", "::1")):
    lines = []
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8101)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    purgers = [p for p in os.environ.get("VARNISH_PURGERS", "127.0.0.1,::1").split(",") if p]
    with open(args.out, "w") as handle:
        handle.write(render(args.processes, args.base_port, args.host, purgers))


if __name__ == "__main__":
    main()
