"""A local DynamoDB endpoint that answers correctly but sends its reply one byte at a time.

botocore's ``read_timeout`` bounds each socket read, not the call: a reply that trickles in keeps every
read short and the call open for as long as the server likes. Point boto3 at it with
``AWS_ENDPOINT_URL_DYNAMODB`` (see the ``trickling_dynamodb`` fixture in ``conftest.py``).
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time


class TricklingDynamoDB(socketserver.ThreadingTCPServer):
    """Answers every request with ``bodies[operation]`` (default ``{}``), ``delay`` seconds per byte.

    ``requests`` lists the operations asked for (``GetItem``, ``PutItem``...), in order.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay: float, bodies: dict[str, object] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay = delay
        self.bodies = dict(bodies or {})
        self.requests: list[str] = []
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, name="trickling-dynamodb", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> TricklingDynamoDB:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # trickling handlers stop and close their connection
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def reply_for(self, operation: str) -> bytes:
        body = self.bodies.get(operation, {})
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        head = (
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: application/x-amz-json-1.0\r\n"
            f"Content-Length: {len(payload)}\r\n"
            "x-amzn-RequestId: TRICKLE\r\n"
            "Connection: close\r\n\r\n"
        )
        return head.encode() + payload


class _Handler(socketserver.BaseRequestHandler):
    server: TricklingDynamoDB

    def handle(self) -> None:
        connection: socket.socket = self.request
        operation = _read_operation(connection)
        self.server.requests.append(operation)
        for index, byte in enumerate(self.server.reply_for(operation)):
            if index and self.server.stopping.wait(self.server.delay):
                return
            try:
                connection.sendall(bytes([byte]))
            except OSError:  # the client gave up
                return


def _read_operation(connection: socket.socket) -> str:
    """Read one HTTP request; return its DynamoDB operation (``X-Amz-Target: DynamoDB_20120810.GetItem``)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return ""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    deadline = time.monotonic() + 5
    while len(body) < length and time.monotonic() < deadline:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return headers.get("x-amz-target", "").rpartition(".")[2]
