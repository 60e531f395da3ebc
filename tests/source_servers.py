"""Local servers the source and notification tests talk to: HTTP file server,
S3-compatible object store (moto's server mode), webhook receiver, SMTP sink."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FileServer:
    """Serves ``root`` over HTTP; ``/flaky/<name>`` answers 503 twice before serving."""

    def __init__(self, root: Path):
        failures: dict[str, int] = {}

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self):  # noqa: N802
                if self.path.startswith("/flaky/"):
                    failures[self.path] = failures.get(self.path, 0) + 1
                    if failures[self.path] <= 2:
                        self.send_error(503, "try again")
                        return
                    self.path = self.path[len("/flaky"):]
                super().do_GET()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.failures = failures
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


class WebhookReceiver:
    def __init__(self):
        received: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.received = received
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


class SmtpSink:
    def __init__(self):
        from aiosmtpd.controller import Controller

        messages: list = []

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                messages.append(envelope)
                return "250 OK"

        self.messages = messages
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self):
        self.controller.stop()


class S3Server:
    """moto's S3-compatible server on 127.0.0.1 with one bucket."""

    def __init__(self, bucket: str | None = None):
        import uuid

        from moto.server import ThreadedMotoServer

        bucket = bucket or f"manuscripts-{uuid.uuid4().hex[:8]}"  # moto keeps state per process, across servers
        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = bucket
        self.options = {"endpoint_url": self.endpoint, "key": "testing", "secret": "testing", "client_kwargs": {"region_name": "us-east-1"}}
        import boto3

        boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1").create_bucket(Bucket=bucket)

    def fs(self):
        import s3fs

        return s3fs.S3FileSystem(**self.options, skip_instance_cache=True)

    def close(self):
        self.server.stop()
