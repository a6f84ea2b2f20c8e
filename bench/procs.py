"""Servers started by the bench: each in its own session, logged to a file, stopped by its PID."""

import http.client
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None, timeout=30):
    """(status, headers, body) of one loopback GET; the body is not decoded."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()  # headers: case-insensitive
    finally:
        connection.close()


class Processes:
    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.running = []  # (name, Popen, log path)

    def start(self, name, argv, env=None, cwd=None, pipes=False):
        """Start `argv`; with `pipes`, its stdin and stdout are pipes (text), stderr goes to the log."""
        log_path = os.path.join(self.log_dir, f"{name}.log")
        with open(log_path, "ab") as log:
            process = subprocess.Popen(  # noqa: S603 (fixed argv)
                argv,
                env=env,
                cwd=cwd,
                stdin=subprocess.PIPE if pipes else subprocess.DEVNULL,
                stdout=subprocess.PIPE if pipes else log,
                stderr=log if pipes else subprocess.STDOUT,
                text=pipes,
                start_new_session=True,
            )
        self.running.append((name, process, log_path))
        return process

    def log_tail(self, name, lines=30):
        for known, _, path in self.running:
            if known == name:
                with open(path, errors="replace") as handle:
                    return "".join(handle.readlines()[-lines:])
        return ""

    def wait_port(self, name, process, port, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log_tail(name)}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{name} did not listen on {port} within {timeout} s:\n{self.log_tail(name)}")

    def stop_all(self):
        """SIGTERM each by its PID, newest first; SIGKILL its process group if it lingers."""
        for _name, process, _ in reversed(self.running):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _name, process, _ in reversed(self.running):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(process.pid, signal.SIGKILL)  # workers left behind (group id = our child's PID)
            except (ProcessLookupError, PermissionError):
                pass
            if process.poll() is None:
                process.wait(timeout=5)
        self.running.clear()
