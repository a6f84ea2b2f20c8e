"""nginx (the static reference), the app under granian, and Varnish in front of the app."""

import shutil
import sys
import time
from pathlib import Path

from bench.procs import get

REPO = Path(__file__).resolve().parent.parent
NGINX_CONF = """daemon off;
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    gzip_static on;
    types {{ text/html html; }}
    default_type text/html;
    client_body_temp_path {tmp}/nginx-temp/body;
    proxy_temp_path {tmp}/nginx-temp/proxy;
    fastcgi_temp_path {tmp}/nginx-temp/fastcgi;
    uwsgi_temp_path {tmp}/nginx-temp/uwsgi;
    scgi_temp_path {tmp}/nginx-temp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


def start_nginx(procs, tmp, port, identity, gzipped):
    """nginx serving `identity` at / and `gzipped` to clients that accept gzip (gzip_static)."""
    root = Path(tmp) / "nginx-root"
    root.mkdir()
    (Path(tmp) / "nginx-temp").mkdir()
    (root / "index.html").write_bytes(identity)
    (root / "index.html.gz").write_bytes(gzipped)
    conf = Path(tmp) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root))
    process = procs.start("nginx", [shutil.which("nginx") or "nginx", "-c", str(conf), "-p", str(tmp)])
    procs.wait_port("nginx", process, port)
    return process


def start_app(procs, name, port, env, workers=2):
    granian = str(Path(sys.executable).parent / "granian")
    argv = [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(workers), "--blocking-threads", "1", "--no-ws", "--log-level", "warning"]
    process = procs.start(name, [*argv, "vistka.wsgi:application"], env=env, cwd=REPO)
    procs.wait_port(name, process, port)
    return process


def start_varnish(procs, tmp, port, backend_port, env):
    from vistka.delivery.varnish_config import prepare, varnishd_argv

    run_dir = Path(tmp) / "varnish-run"
    prepare(run_dir, 1, backend_port)
    process = procs.start("varnish", varnishd_argv(run_dir, f"127.0.0.1:{port}"), env=env)
    procs.wait_port("varnish", process, port)
    return process


def warm(port, path, want_hit=True, timeout=30):
    """GET until a 200 comes back (from cache when `want_hit`); returns the identity body."""
    deadline = time.monotonic() + timeout
    status = headers = None
    while time.monotonic() < deadline:
        status, headers, body = get(port, path)
        if status == 200 and (not want_hit or headers.get("X-Cache") == "HIT"):
            return body
        time.sleep(0.2)
    raise RuntimeError(f"127.0.0.1:{port}{path} did not warm up: {status} {headers}")


def fetch_bytes(port, path):
    """The exact identity and gzip bodies the app sends for `path`."""
    identity = warm(port, path)
    status, headers, gzipped = get(port, path, {"Accept-Encoding": "gzip"})
    if status != 200 or headers.get("Content-Encoding") != "gzip":
        raise RuntimeError(f"no gzip variant of {path}: {status} {headers}")
    return identity, gzipped


def quiet(environ):
    """The environment without variables that would point the bench at real services."""
    drop = {"DATABASE_URL", "REDIS_URL", "VARNISH_PURGE_URLS", "S3_BUCKET", "STATIC_ROOT", "VAR_DIR"}
    return {k: v for k, v in environ.items() if k not in drop and not k.startswith("DJANGO_")}
