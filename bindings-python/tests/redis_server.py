"""A throwaway redis-server for the store tests: loopback only, an ephemeral port, a temp data
dir, append-only file fsynced on every write (so a kill -9 loses nothing acknowledged)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


class RedisServer:
    def __init__(self) -> None:
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.dir = Path(tempfile.mkdtemp(prefix="jwtcore-redis-"))
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    def start(self) -> None:
        args = [
            self.binary, "--bind", LOOPBACK, "--port", str(self.port), "--protected-mode", "yes",
            "--dir", str(self.dir), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--daemonize", "no", "--logfile", str(self.dir / "redis.log"),
        ]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.2) as c:
                    c.sendall(b"PING\r\n")
                    if c.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        log = (self.dir / "redis.log").read_text(errors="replace") if (self.dir / "redis.log").exists() else ""
        raise RuntimeError(f"redis-server did not start on {LOOPBACK}:{self.port}\n{log[-2000:]}")

    def kill(self) -> None:
        """kill -9: no shutdown save, connections drop mid-command."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisCluster:
    """A 3-master Redis Cluster on 127.0.0.1 (no replicas): three ``redis-server
    --cluster-enabled yes`` on ephemeral ports (client and bus ports both chosen free), joined
    with ``redis-cli --cluster create``, each stopped by its PID."""

    def __init__(self, masters: int = 3) -> None:
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.cli = shutil.which("redis-cli") or "/usr/bin/redis-cli"
        self.dir = Path(tempfile.mkdtemp(prefix="jwtcore-cluster-"))
        self.ports = [free_port() for _ in range(masters)]
        self.bus_ports = [free_port() for _ in range(masters)]
        self.procs: dict[int, subprocess.Popen[bytes]] = {}

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.ports[0]}"

    def start_node(self, port: int) -> None:
        bus = self.bus_ports[self.ports.index(port)]
        args = [
            self.binary, "--bind", LOOPBACK, "--port", str(port), "--cluster-enabled", "yes",
            "--cluster-port", str(bus), "--cluster-config-file", str(self.dir / f"nodes-{port}.conf"),
            "--cluster-node-timeout", "2000", "--dir", str(self.dir), "--save", "", "--appendonly", "no",
            "--protected-mode", "yes", "--daemonize", "no", "--logfile", str(self.dir / f"redis-{port}.log"),
        ]
        self.procs[port] = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((LOOPBACK, port), timeout=0.2) as c:
                    c.sendall(b"PING\r\n")
                    if c.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"cluster node did not start on {LOOPBACK}:{port}")

    def info(self, port: int) -> str:
        out = subprocess.run([self.cli, "-h", LOOPBACK, "-p", str(port), "cluster", "info"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout

    def wait_ok(self, ports: list[int] | None = None, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        for port in ports or self.ports:
            while "cluster_state:ok" not in self.info(port):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"cluster not ok on {port}: {self.info(port)}")
                time.sleep(0.1)

    def start(self) -> None:
        for port in self.ports:
            self.start_node(port)
        nodes = [f"{LOOPBACK}:{p}" for p in self.ports]
        subprocess.run([self.cli, "--cluster", "create", *nodes, "--cluster-replicas", "0", "--cluster-yes"],
                       check=True, capture_output=True, timeout=60)
        self.wait_ok()

    def kill(self, port: int) -> None:
        """kill -9 one master: its slots are down until it is back (no replicas)."""
        proc = self.procs.pop(port, None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(10)

    def restart(self, port: int) -> None:
        """Starts a killed master again from its nodes file (its data is gone: no persistence)."""
        self.start_node(port)
        self.wait_ok()

    def cleanup(self) -> None:
        for port in list(self.procs):
            proc = self.procs.pop(port)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)
