"""The production definitions in deploy/: the systemd units verify and, run as written (paths moved
to this checkout, a free loopback port), generate a VCL that a real varnishd loads and serves; the
Varnish container's entrypoint does the same with the site.vcl the compose file has the app image
write; the compose file is consistent (every service restarts and is health-checked, every
dependency and volume it names exists, Varnish waits for its site.vcl).

`docker compose` is not installed here (only the docker CLI), so the compose file is checked
against itself rather than by compose.
"""

import grp
import http.client
import ipaddress
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from vistka.core.tests.servers import REPO, free_port

DEPLOY = REPO / "deploy"
SYSTEMD = DEPLOY / "systemd"
CONTAINER = DEPLOY / "container"


def unit_command(unit, key):
    """The (first) command line of `key` (ExecStart, …) in a unit file, continuation lines joined."""
    text = (SYSTEMD / unit).read_text().replace("\\\n", " ")
    found = re.search(rf"^{key}=(.+)$", text, re.M)
    assert found, f"{unit} has no {key}"
    return found.group(1)


@pytest.fixture
def varnish_dir():
    """A directory varnishd's unprivileged users can read (not the private pytest tmp dir)."""
    path = Path(tempfile.mkdtemp(prefix="vistka-deploy-"))
    os.chmod(path, 0o755)  # noqa: S103
    yield path
    shutil.rmtree(path, ignore_errors=True)


def serve_and_check(argv, port, log_path, env=None, while_serving=None):
    """Start varnishd (or what execs it), wait until it answers HTTP on `port`, call
    `while_serving()` if given, stop it by PID; returns the status it answered."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603
            argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, Path(log_path).read_text(errors="replace")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/_health/", headers={"Host": "localhost"})
                status = connection.getresponse().status
            except OSError:
                time.sleep(0.2)
                continue
            finally:
                connection.close()
            if while_serving is not None:
                while_serving()
            return status
        raise AssertionError(f"varnishd did not answer: {Path(log_path).read_text(errors='replace')}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


CONNECT_PROBE = "import socket, sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])"


def assert_inner_socket_private(path, port, varnish_name):
    """The assembler's socket is varnishd's own (0660, group varnish): another local user cannot
    connect (before: 0666, so anyone could skip the host check and set X-Forwarded-For), and the
    public layer still reaches the assembler through it."""
    info = os.stat(path)
    assert stat.S_IMODE(info.st_mode) == 0o660, oct(info.st_mode)
    assert grp.getgrgid(info.st_gid).gr_name == "varnish"
    outsider = subprocess.run(  # noqa: S603
        ["/usr/bin/python3", "-c", CONNECT_PROBE, str(path)],
        user="nobody",
        group="nogroup",
        extra_groups=[],
        capture_output=True,
        text=True,
    )
    assert outsider.returncode != 0 and "PermissionError" in outsider.stderr, outsider.stderr
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/reaches-the-assembler/", headers={"Host": "localhost"})
    connection.getresponse().read()
    connection.close()
    counters = subprocess.run(  # noqa: S603
        ["/usr/bin/varnishstat", "-n", varnish_name, "-1", "-f", "VBE.*.assembler.*"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sent = dict(re.findall(r"^VBE\.\S+\.assembler\.(\w+)\s+(\d+)", counters, re.M))
    assert int(sent.get("req", 0)) >= 1 and int(sent.get("fail", 0)) == 0, counters


def test_systemd_units_verify():
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is needed for this check"
    units = sorted(str(p) for p in SYSTEMD.iterdir())
    done = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)  # noqa: S603
    # Only the install paths (/srv/vistka) may be missing on this machine.
    problems = [
        line for line in (done.stdout + done.stderr).splitlines() if line and "is not executable" not in line
    ]
    assert problems == []
    app = (SYSTEMD / "vistka-app@.service").read_text()
    for needed in ("Restart=on-failure", "ExecReload=", "--port %i", "wait-healthy"):
        assert needed in app
    varnish = (SYSTEMD / "vistka-varnish.service").read_text()
    assert "Requires=vistka-varnish-config.service" in varnish
    assert "ExecReload=/bin/systemctl restart vistka-varnish-config.service" in varnish


def test_systemd_varnish_units_generate_a_vcl_varnishd_serves(varnish_dir):
    """vistka-varnish-config's command writes backends.vcl, site.vcl and vistka.vcl; the Varnish
    unit's varnishd loads them (before site.vcl was generated, vistka.vcl's include failed)."""
    state = "/var/lib/vistka/varnish"
    config = unit_command("vistka-varnish-config.service", "ExecStart")
    config = config.replace("/srv/vistka/.venv/bin/python", sys.executable).replace(state, str(varnish_dir))
    subprocess.run(shlex.split(config), cwd=REPO, check=True, capture_output=True, timeout=120)  # noqa: S603
    for name in ("backends.vcl", "site.vcl", "vistka.vcl"):
        assert (varnish_dir / name).is_file(), name
    port = free_port()
    varnishd = unit_command("vistka-varnish.service", "ExecStart").replace(state, str(varnish_dir))
    varnishd = varnishd.replace("0.0.0.0:80", f"127.0.0.1:{port}").replace("malloc,1g", "malloc,32m")
    argv = shlex.split(varnishd)
    assert "mode=666" not in varnishd

    def private():
        assert_inner_socket_private(varnish_dir / "inner.sock", port, varnish_dir / "varnish")

    assert serve_and_check(argv, port, varnish_dir / "varnishd.log", while_serving=private) == 503  # no app


def test_container_entrypoint_serves_with_the_generated_site_vcl(varnish_dir):
    """The Varnish image's entrypoint with the site.vcl the compose file's varnish-site service
    writes (`varnish_config --site-vcl`, as that service runs it)."""
    compose = yaml.safe_load((CONTAINER / "compose.yaml").read_text())
    command = compose["services"]["varnish-site"]["command"][-1]
    command = command.replace("python ", f"{shlex.quote(sys.executable)} ")
    command = command.replace("var/varnish-site/", f"{varnish_dir}/")
    subprocess.run(["sh", "-c", command], cwd=REPO, check=True, timeout=120)  # noqa: S603, S607
    assert "sub vistka_query" in (varnish_dir / "site.vcl").read_text()
    port = free_port()
    env = {
        **os.environ,
        "VARNISH_RUN_DIR": str(varnish_dir / "run"),
        "VARNISH_VCL": str(DEPLOY / "varnish" / "vistka.vcl"),
        "VARNISH_SITE_VCL": str(varnish_dir / "site.vcl"),
        "VARNISH_LISTEN": f"127.0.0.1:{port}",
        "VARNISH_MEMORY": "32m",
        "APP_BACKENDS": f"127.0.0.1:{free_port()}",
    }
    entrypoint = [sys.executable, str(CONTAINER / "varnish-entrypoint.py")]
    run = varnish_dir / "run"

    def private():
        assert_inner_socket_private(run / "inner.sock", port, run / "varnish")

    assert serve_and_check(entrypoint, port, varnish_dir / "varnishd.log", env, while_serving=private) == 503


def test_compose_file_is_consistent():
    compose = yaml.safe_load((CONTAINER / "compose.yaml").read_text())
    services = compose["services"]
    expected = {
        "postgres",
        "redis",
        "varnish",
        "varnish-site",
        "app-1",
        "app-2",
        "scheduler-1",
        "scheduler-2",
    }
    assert expected <= set(services)
    one_shot = {name for name, service in services.items() if service.get("restart") == "no"}
    assert one_shot == {"migrate", "varnish-site"}
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        for needed, wanted in (service.get("depends_on") or {}).items():
            assert needed in services, (name, needed)
            assert wanted["condition"] in conditions, (name, needed)
            if wanted["condition"] == "service_healthy":
                assert "healthcheck" in services[needed], (name, needed)
            if wanted["condition"] == "service_completed_successfully":
                assert needed in one_shot, (name, needed)
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            assert source.startswith(("/", ".")) or source in compose["volumes"], (name, volume)
        if name in one_shot:
            continue
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"], name
    assert services["varnish"]["depends_on"]["varnish-site"]["condition"] == "service_completed_successfully"
    assert "varnish-site:/etc/vistka/site:ro" in services["varnish"]["volumes"]
    for path in ("Containerfile", "varnish.Containerfile"):
        assert "HEALTHCHECK" in (CONTAINER / path).read_text()


def compose_default(value):
    """The value compose gives `${VAR:-default}` (or a plain value) when VAR is unset."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def test_compose_trusts_only_fixed_addresses_of_its_own_containers():
    """Before: TRUSTED_PROXIES and VARNISH_PURGERS named 172.16.0.0/12 and 10.0.0.0/8, the ranges
    every client of a published port comes from under rootless podman or docker-proxy: anyone could
    PURGE the cache or pass a forged X-Forwarded-For."""
    compose = yaml.safe_load((CONTAINER / "compose.yaml").read_text())
    services = compose["services"]
    (pool,) = compose["networks"]["default"]["ipam"]["config"]
    subnet, dynamic = ipaddress.ip_network(pool["subnet"]), ipaddress.ip_network(pool["ip_range"])
    fixed = {
        name: ipaddress.ip_address(service["networks"]["default"]["ipv4_address"])
        for name, service in services.items()
        if "ipv4_address" in (service.get("networks") or {}).get("default", {})
    }
    assert len(set(fixed.values())) == len(fixed)
    for name, address in fixed.items():
        assert address in subnet and address not in dynamic, name

    purgers = services["varnish"]["environment"]["VARNISH_PURGERS"].split(",")
    assert {ipaddress.ip_address(p) for p in purgers} == {
        fixed["app-1"],
        fixed["app-2"],
        fixed["scheduler-1"],
        fixed["scheduler-2"],
        ipaddress.ip_address("127.0.0.1"),
    }
    for name in ("app-1", "app-2", "scheduler-1", "scheduler-2", "varnish-site", "migrate"):
        environment = services[name]["environment"]
        proxies = [
            ipaddress.ip_address(compose_default(p)) for p in environment["TRUSTED_PROXIES"].split(",")
        ]
        assert proxies[0] == fixed["varnish"], name
        tls_proxy = proxies[1:]  # the documented TLS proxy's address, a fixed one of this network
        assert len(tls_proxy) == 1 and tls_proxy[0] in subnet and tls_proxy[0] not in dynamic
        assert tls_proxy[0] not in fixed.values()
        # /_metrics needs a token here: no default, compose refuses to start without it.
        assert re.fullmatch(r"\$\{METRICS_TOKEN:\?[^}]+\}", environment["METRICS_TOKEN"]), name
    (published,) = services["varnish"]["ports"]
    assert compose_default(published).startswith("127.0.0.1:")  # not reachable around the TLS proxy
