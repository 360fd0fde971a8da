"""Time a WSGI application inside its server process: its own thread CPU time per request.

bench/http_apps.py copies this file next to a benchmarked app as `bench_apptime.py` and writes
`app-timed.wsgi`, which loads the app's own `app.wsgi` and serves
`TimedApplication(application, directory)` instead of `application`.

What is timed, per request, with `time.thread_time()` (the CPU time, user and kernel, of the
thread that serves the request; time spent waiting for the GIL, PostgreSQL or Redis is not in
it): calling the application, iterating its whole body and calling its `close()`. The body is
joined into one bytes object inside the timed region and returned as `[body]`, so mod_wsgi
then writes a one-item list instead of iterating the app's own iterable. That is the same work
bench/profile_request.py times in-process (call, join, close), so the two figures compare.

Each daemon process accumulates the request count and the seconds, and a background thread
rewrites `<directory>/apptime-<pid>.json` (`{"pid", "requests", "app_cpu_s"}`) at most every
FLUSH_SECONDS when they changed, so a reader that waits a little longer than that after the
load sees the final figures. The file is replaced atomically (written aside, then renamed).
Nothing outside the standard library is imported: this runs in the daemons of every app.
"""

from __future__ import annotations

import json
import os
import threading
import time

FLUSH_SECONDS = 0.25


class TimedApplication:
    """A WSGI application that counts its requests and the thread CPU time spent in them."""

    def __init__(self, application, directory: str) -> None:
        self.application = application
        self.directory = directory
        self.lock = threading.Lock()
        self.requests = 0
        self.seconds = 0.0
        self.writer_pid: int | None = None

    def __repr__(self) -> str:
        return f"<TimedApplication {self.application!r} -> {self.directory!r}>"

    def __call__(self, environ, start_response):
        started = time.thread_time()
        try:
            result = self.application(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        finally:
            spent = time.thread_time() - started
            with self.lock:
                self.requests += 1
                self.seconds += spent
                if self.writer_pid != os.getpid():
                    # First request in this process (threads do not survive a fork).
                    self.writer_pid = os.getpid()
                    threading.Thread(target=self._write_loop, daemon=True).start()
        return [body]

    def _write_loop(self) -> None:
        pid = os.getpid()
        path = os.path.join(self.directory, f"apptime-{pid}.json")
        written = None
        while True:
            with self.lock:
                snapshot = (self.requests, self.seconds)
            if snapshot != written:
                text = json.dumps({"pid": pid, "requests": snapshot[0], "app_cpu_s": snapshot[1]})
                aside = f"{path}.tmp"
                with open(aside, "w") as file:
                    file.write(text)
                os.replace(aside, path)
                written = snapshot
            time.sleep(FLUSH_SECONDS)


def load(script: str):
    """Run a WSGI script file as mod_wsgi does and return its `application`."""
    namespace = {"__file__": script, "__name__": "_bench_timed_script"}
    with open(script) as file:
        code = compile(file.read(), script, "exec")
    exec(code, namespace)
    return namespace["application"]
