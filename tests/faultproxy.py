"""A TCP proxy on 127.0.0.1 in front of a database server, with faults switched on at run time.

Tests point one app's URL at the proxy (`FaultProxy.url`) and then make the network misbehave:

- `pass_through()`: forward both ways (the default);
- `refuse()`: new connections are refused (the listening socket is closed), as during an outage;
  `outage()` also cuts the connections already open;
- `cut()`: reset (RST) every open connection now;
- `cut_at_next_commit()`: reset every connection when a client next sends COMMIT after a write,
  without forwarding it, so the server rolls the transaction back: a cut in the middle of a batch;
- `lose_next_commit()`: forward the next COMMIT after a write to the server, wait for its answer
  (so the commit is durable), and reset the client's connection instead of passing the answer on:
  the server committed, the client never hears so;
- `blackhole()`: keep every socket open and forward nothing, in either direction; new
  connections are accepted and never answered. A silent network with a live TCP stack.

A "write" is an INSERT, UPDATE or DELETE seen since the connection's last COMMIT or ROLLBACK: in
the client's statement text, or (PostgreSQL's prepared statements carry no text) in the server's
CommandComplete tag. One thread runs the proxy with a selector and non-blocking sockets.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import URL

WRITES = (b"INSERT", b"UPDATE", b"DELETE", b"insert", b"update", b"delete")
ENDS = (b"COMMIT", b"ROLLBACK", b"commit", b"rollback")


@dataclass(eq=False)
class _Link:
    """One client connection and, unless blackholed from the start, its server connection."""

    client: socket.socket
    server: socket.socket | None
    out: dict[socket.socket, bytearray] = field(default_factory=dict)
    wrote: bool = False
    lose_reply: bool = False  # the next answer from the server is swallowed, then the link ends

    def peer(self, sock: socket.socket) -> socket.socket | None:
        return self.server if sock is self.client else self.client


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.mode = "pass"
        self.commits_lost = 0
        self.cuts = 0
        self.accepted = 0
        self._lose_commits = 0
        self._cut_at_commit = False
        self._links: dict[socket.socket, _Link] = {}
        self._selector = selectors.DefaultSelector()
        self._commands: list[tuple[Callable[[], None], threading.Event]] = []
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._listener: socket.socket | None = None
        self.port = 0
        self._listen()
        self._running = True
        self._thread = threading.Thread(target=self._loop, name="faultproxy", daemon=True)
        self._thread.start()

    @classmethod
    def for_url(cls, url: URL) -> FaultProxy:
        return cls(url.host or "127.0.0.1", url.port or _DEFAULT_PORTS[url.get_backend_name()])

    def url(self, url: URL) -> URL:
        """`url` reaching its server through this proxy."""
        return url.set(host="127.0.0.1", port=self.port)

    # -- switching faults (from any thread; each returns once it is in effect) ---------

    def pass_through(self) -> None:
        self._run(self._do_pass)

    def refuse(self) -> None:
        self._run(self._do_refuse)

    def outage(self) -> None:
        self._run(lambda: (self._do_refuse(), self._do_cut()))

    def cut(self) -> None:
        self._run(self._do_cut)

    def blackhole(self) -> None:
        self._run(lambda: setattr(self, "mode", "blackhole"))

    def cut_at_next_commit(self) -> None:
        with self._lock:
            self._cut_at_commit = True

    def lose_next_commit(self) -> None:
        with self._lock:
            self._lose_commits += 1

    @property
    def armed(self) -> bool:
        with self._lock:
            return self._cut_at_commit or self._lose_commits > 0

    def close(self) -> None:
        self._run(self._do_close)
        self._running = False
        self._thread.join(5)
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()

    def _run(self, command: Callable[[], None]) -> None:
        done = threading.Event()
        with self._lock:
            self._commands.append((command, done))
        self._wake_w.send(b"x")
        if not done.wait(10):
            raise RuntimeError("the fault proxy does not answer")

    # -- the loop ------------------------------------------------------------------------

    def _loop(self) -> None:
        while self._running:
            for key, mask in self._selector.select(timeout=0.5):
                sock = key.fileobj
                if sock is self._wake_r:
                    self._commands_now()
                elif sock is self._listener:
                    self._accept()
                elif sock in self._links:
                    link = self._links[sock]
                    if mask & selectors.EVENT_WRITE:
                        self._flush(link, sock)  # type: ignore[arg-type]
                    if mask & selectors.EVENT_READ and sock in self._links:
                        self._read(link, sock)  # type: ignore[arg-type]

    def _commands_now(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._wake_r.recv(4096)
        with self._lock:
            commands, self._commands = self._commands, []
        for command, done in commands:
            try:
                command()
            finally:
                done.set()

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.setblocking(False)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._selector.register(listener, selectors.EVENT_READ, None)

    def _accept(self) -> None:
        assert self._listener is not None
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        self.accepted += 1
        server = None
        if self.mode != "blackhole":
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _reset(client)
                return
            server.setblocking(False)
        client.setblocking(False)
        link = _Link(client, server)
        for sock in (client, server):
            if sock is not None:
                link.out[sock] = bytearray()
                self._links[sock] = link
                self._selector.register(sock, selectors.EVENT_READ, None)

    def _read(self, link: _Link, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._end(link, reset=False)
            return
        if self.mode == "blackhole":
            return
        if sock is link.client:
            self._from_client(link, data)
        else:
            self._from_server(link, data)

    def _from_client(self, link: _Link, data: bytes) -> None:
        if any(w in data for w in WRITES):
            link.wrote = True
        if link.wrote and b"COMMIT" in data:
            with self._lock:
                cut, self._cut_at_commit = self._cut_at_commit, False
                lose = self._lose_commits > 0 and not cut
                if lose:
                    self._lose_commits -= 1
            if cut:
                self.cuts += 1
                self._do_cut()
                return
            if lose:
                self.commits_lost += 1
                self._send(link, link.server, data)
                link.lose_reply = True
                return
        if any(e in data for e in ENDS):
            link.wrote = False
        self._send(link, link.server, data)

    def _from_server(self, link: _Link, data: bytes) -> None:
        if link.lose_reply:
            # The answer came, so the commit is durable; the client never hears it.
            self._forget(link.client, reset=True)
            self._forget(link.server, reset=False)
            return
        if any(w in data for w in WRITES[:3]):  # PostgreSQL's CommandComplete: "INSERT 0 5"
            link.wrote = True
        self._send(link, link.client, data)

    def _send(self, link: _Link, sock: socket.socket | None, data: bytes) -> None:
        if sock is None or sock not in self._links:
            return
        link.out[sock] += data
        self._flush(link, sock)

    def _flush(self, link: _Link, sock: socket.socket) -> None:
        buffer = link.out[sock]
        try:
            while buffer:
                sent = sock.send(buffer)
                del buffer[:sent]
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._end(link, reset=True)
            return
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if buffer else 0)
        self._selector.modify(sock, events, None)

    def _forget(self, sock: socket.socket | None, reset: bool) -> None:
        if sock is None or sock not in self._links:
            return
        del self._links[sock]
        self._selector.unregister(sock)
        if reset:
            _reset(sock)
        else:
            sock.close()

    def _end(self, link: _Link, reset: bool) -> None:
        self._forget(link.client, reset)
        self._forget(link.server, reset)

    # -- commands, run in the loop's thread ----------------------------------------------

    def _do_pass(self) -> None:
        self.mode = "pass"
        if self._listener is None:
            self._listen()

    def _do_refuse(self) -> None:
        self.mode = "refuse"
        if self._listener is not None:
            self._selector.unregister(self._listener)
            self._listener.close()
            self._listener = None

    def _do_cut(self) -> None:
        for link in {id(x): x for x in self._links.values()}.values():
            self._end(link, reset=True)

    def _do_close(self) -> None:
        self._do_cut()
        if self._listener is not None:
            self._selector.unregister(self._listener)
            self._listener.close()
            self._listener = None


_DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN: the peer's next read or write fails at once."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
