"""Run one atheris harness in its own process, bounded in time, and read back its figures.

    python -m tests.reliability.fuzzing TARGET STATS_JSON [libFuzzer flags and corpus dirs]

runs the coverage-guided fuzzer over ``fuzz_targets.TARGETS[TARGET]`` (the framework's
modules instrumented). ``run(target, seconds)`` starts that process from a test, with a
seed corpus, ``-max_total_time`` and a per-input ``-timeout``, and returns a ``FuzzResult``:
executions, crashes and the slowest input. atheris calls ``exit()`` from C when the time is
up, so the harness writes its own figures (slowest input, runs) to STATS_JSON as it goes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STATUS = re.compile(r"^#(\d+)\s", re.MULTILINE)


@dataclass
class FuzzResult:
    """The figures of one bounded fuzzing run."""

    target: str
    seconds: float
    executions: int
    crashes: int
    slowest_input_s: float
    slowest_input_len: int
    returncode: int
    crash_report: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def available() -> str | None:
    """Why atheris cannot run here, or None."""
    try:
        import atheris  # noqa: F401
    except ImportError:
        return "atheris is not installed: pip install atheris (the test extra)"
    return None


def run(target: str, seconds: float, *, max_len: int = 4096) -> FuzzResult:
    """Fuzz ``target`` for ``seconds`` in a subprocess; crashes are counted, not raised."""
    from tests.reliability.fuzz_targets import SEEDS, TIME_BOUND_S

    with tempfile.TemporaryDirectory(prefix=f"framework-fuzz-{target}-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        for number, seed in enumerate(SEEDS[target]):
            (corpus / f"seed-{number}").write_bytes(seed)
        stats = work / "stats.json"
        command = [
            sys.executable,
            "-m",
            "tests.reliability.fuzzing",
            target,
            str(stats),
            f"-max_total_time={max(int(seconds), 1)}",
            f"-timeout={max(int(TIME_BOUND_S * 10), 2)}",
            f"-max_len={max_len}",
            "-rss_limit_mb=1536",
            f"-artifact_prefix={work}/",
            "-print_final_stats=1",
            str(corpus),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        env.pop("FRAMEWORK_SETTINGS_MODULE", None)
        started = time.monotonic()
        proc = subprocess.run(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=seconds + 120,
        )
        elapsed = time.monotonic() - started
        figures = json.loads(stats.read_text()) if stats.exists() else {}
        output = proc.stdout + proc.stderr
        done = _DONE.search(output)
        if done:
            executions = int(done.group(1))
        else:
            statuses = _STATUS.findall(output)
            executions = max([int(n) for n in statuses] + [figures.get("runs", 0)])
        crashed = proc.returncode != 0 or "Uncaught Python exception" in output
        return FuzzResult(
            target=target,
            seconds=round(elapsed, 1),
            executions=executions,
            crashes=1 if crashed else 0,
            slowest_input_s=round(figures.get("slowest_s", 0.0), 4),
            slowest_input_len=figures.get("slowest_len", 0),
            returncode=proc.returncode,
            crash_report=_crash_excerpt(output) if crashed else "",
        )


def _crash_excerpt(output: str) -> str:
    start = output.find("=== Uncaught Python exception")
    if start < 0:
        start = output.find("==ERROR") if "==ERROR" in output else max(len(output) - 3000, 0)
    excerpt = output[start : start + 3000]
    # atheris's start-up chatter ("INFO: Instrumenting ...") follows the traceback.
    return excerpt.split("\nINFO:", 1)[0]


def _configure() -> None:
    from framework.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="fuzzing-only-secret-key-not-for-production-0123456789",
        ROOT_URLCONF="tests.reliability.fuzz_targets",
        INSTALLED_APPS=[],
        FILE_UPLOAD_TEMP_DIR=tempfile.gettempdir(),
    )
    import framework

    framework.setup()


def main(argv: list[str]) -> None:
    import atheris

    target_name, stats_path = argv[1], Path(argv[2])
    # Only the framework's modules are instrumented (coverage feedback where it matters;
    # instrumenting the standard library too would cost most of a short run).
    with atheris.instrument_imports(include=["framework"]):
        _configure()
        from tests.reliability import fuzz_targets
    target = fuzz_targets.TARGETS[target_name]
    allowed = fuzz_targets.ALLOWED
    bound = fuzz_targets.TIME_BOUND_S
    state = {"runs": 0, "slowest_s": 0.0, "slowest_len": 0}

    def save() -> None:
        stats_path.write_text(json.dumps(state))

    def one_input(data: bytes) -> None:
        started = time.perf_counter()
        try:
            target(data)
        except allowed:
            pass
        finally:
            took = time.perf_counter() - started
            state["runs"] += 1
            if took > state["slowest_s"]:
                state["slowest_s"], state["slowest_len"] = took, len(data)
                save()
            elif state["runs"] % 5000 == 0:
                save()
        if took > bound:
            raise AssertionError(
                f"{target_name}: one input of {len(data)} bytes took {took:.3f} s "
                f"(bound {bound} s): {data[:200]!r}"
            )

    save()
    atheris.Setup([argv[0], *argv[3:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
