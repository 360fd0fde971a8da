"""The Redis the cached-page case uses: reachable or not, and its keys of one run.

Standard library only (bench/run.py runs under any Python 3.11): a few RESP commands over a
socket to 127.0.0.1:6379, enough to check the server, count a run's keys and delete them.
"""

from __future__ import annotations

import socket

HOST, PORT = "127.0.0.1", 6379
URL = f"redis://{HOST}:{PORT}/0"


def _read(stream) -> object:
    line = stream.readline().rstrip(b"\r\n")
    kind, rest = line[:1], line[1:]
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise RuntimeError(f"Redis at {URL}: {rest.decode()}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        return None if size < 0 else stream.read(size + 2)[:-2]
    if kind == b"*":
        return [_read(stream) for _ in range(int(rest))]
    raise RuntimeError(f"Redis at {URL}: unexpected reply {line[:80]!r}")


def _command(connection: socket.socket, stream, *args: str | bytes) -> object:
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg.encode() if isinstance(arg, str) else arg
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    connection.sendall(b"".join(parts))
    return _read(stream)


def problem() -> str | None:
    """Why Redis cannot serve the cached-page case, or None when it answers PING."""
    try:
        with socket.create_connection((HOST, PORT), timeout=2) as connection:
            _command(connection, connection.makefile("rb"), "PING")
    except (OSError, RuntimeError) as error:
        return f"Redis is not reachable at {URL}: {error}"
    return None


def keys(prefix: str) -> list[bytes]:
    """Every key containing `prefix` (SCAN, never KEYS)."""
    found: list[bytes] = []
    with socket.create_connection((HOST, PORT), timeout=5) as connection:
        stream = connection.makefile("rb")
        cursor = "0"
        while True:
            cursor, batch = _command(
                connection, stream, "SCAN", cursor, "MATCH", f"*{prefix}*", "COUNT", "1000"
            )
            found += batch
            cursor = cursor.decode()
            if cursor == "0":
                return found


def clear(prefix: str) -> int:
    """Delete every key containing `prefix`; the number deleted."""
    found = keys(prefix)
    if not found:
        return 0
    with socket.create_connection((HOST, PORT), timeout=5) as connection:
        return _command(connection, connection.makefile("rb"), "DEL", *found)
