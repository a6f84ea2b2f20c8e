"""Write backends.vcl for the app containers (APP_BACKENDS=app-1:8000,app-2:8000) and run varnishd.

The same shape as vistka.delivery.varnish_config (one backend per app, probed on /_health/, round
robin), without the app's Python packages in this image. site.vcl (hosts, trusted proxies, query
parameters per route) needs the app's settings: the compose file's `varnish-site` service writes it
with `python -m vistka.delivery.varnish_config --site-vcl` from the app image into a shared volume
(VARNISH_SITE_VCL), and this copies it beside vistka.vcl, which includes it.
"""

import os
import shutil
import sys

RUN = os.environ.get("VARNISH_RUN_DIR", "/var/lib/vistka")
VCL = os.environ.get("VARNISH_VCL", "/etc/vistka/vistka.vcl")
SITE_VCL = os.environ.get("VARNISH_SITE_VCL", "/etc/vistka/site/site.vcl")
PROBE = '.probe = { .url = "/_health/"; .interval = 1s; .timeout = 2s; .window = 3; .threshold = 2; }'


def backends_vcl(backends, purgers):
    lines = [
        f'backend assembler {{ .path = "{RUN}/inner.sock"; '
        ".connect_timeout = 1s; .first_byte_timeout = 35s; }"
    ]
    for i, backend in enumerate(backends):
        host, port = backend.rsplit(":", 1)
        lines.append(
            f'backend app{i} {{ .host = "{host}"; .port = "{port}"; .connect_timeout = 1s; '
            f".first_byte_timeout = 30s; {PROBE} }}"
        )
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines += [f"    app.add_backend(app{i});" for i in range(len(backends))]
    lines.append("}")
    lines.append("acl purgers {\n" + "".join(f'    "{p}";\n' for p in purgers) + "}")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(RUN, exist_ok=True)
    os.chmod(RUN, 0o755)  # noqa: S103 (varnishd's compiler and child run as other users)
    if not os.path.isfile(SITE_VCL):
        sys.exit(f"varnish-entrypoint: {SITE_VCL} is missing (write it with varnish_config --site-vcl)")
    backends = [b for b in os.environ.get("APP_BACKENDS", "app:8000").split(",") if b]
    purgers = [p for p in os.environ.get("VARNISH_PURGERS", "127.0.0.1,::1").split(",") if p]
    with open(f"{RUN}/backends.vcl", "w") as handle:
        handle.write(backends_vcl(backends, purgers))
    shutil.copy(VCL, f"{RUN}/vistka.vcl")
    shutil.copy(SITE_VCL, f"{RUN}/site.vcl")
    for name in ("backends.vcl", "vistka.vcl", "site.vcl"):
        os.chmod(f"{RUN}/{name}", 0o644)
    argv = ["varnishd", "-F", "-n", f"{RUN}/varnish"]
    argv += ["-a", f"public={os.environ.get('VARNISH_LISTEN', '0.0.0.0:80')}"]
    # The assembler's socket: only varnishd's own users (group varnish) may connect; anyone else
    # could step around the public layer's host check and set X-Forwarded-For or X-Request-Id.
    argv += ["-a", f"inner={RUN}/inner.sock,user=varnish,group=varnish,mode=660"]
    argv += ["-f", f"{RUN}/vistka.vcl"]
    argv += ["-p", f"vcl_path={RUN}:/usr/share/varnish/vcl:/etc/varnish"]
    argv += ["-s", f"malloc,{os.environ.get('VARNISH_MEMORY', '256m')}"]
    argv += ["-p", "feature=+esi_ignore_https", "-p", "thread_pool_min=200"]
    os.execvp(argv[0], argv)  # noqa: S606 (fixed argv)


if __name__ == "__main__":
    main()
