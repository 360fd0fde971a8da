"""Atheris fuzzing of the request parsers: 0 crashes and a time bound per input.

Each parser in tests/reliability/fuzz_targets.py is fuzzed in its own process (atheris
owns the process). The fast suite runs every seed in-process and a 2-second smoke of
every harness at once; the slow suite fuzzes each for FUZZ_SECONDS (default 30) and records
executions, crashes and the slowest input in test-artifacts/security.json.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability import fuzzing, security_results
from tests.reliability.fuzz_targets import ALLOWED, SEEDS, TARGETS
from tests.support.services import unavailable

FUZZ_SECONDS = int(os.environ.get("FUZZ_SECONDS", "30"))


@pytest.fixture(scope="module", autouse=True)
def _atheris():
    problem = fuzzing.available()
    if problem:
        unavailable(problem)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_seeds_parse(target, settings):
    """Every seed input is parsed or refused with a documented exception."""
    for seed in SEEDS[target]:
        try:
            TARGETS[target](seed)
        except ALLOWED:
            pass


def _assert_clean(result: fuzzing.FuzzResult) -> None:
    assert result.crashes == 0, f"{result.target} crashed:\n{result.crash_report}"
    assert result.executions > 0, result
    assert result.slowest_input_s < 1.0, result


def test_fuzz_smoke():
    """Two seconds of coverage-guided fuzzing of every parser (the processes side by side,
    to keep the fast suite fast): no crash, no input slower than 1 s."""
    with ThreadPoolExecutor(max_workers=len(TARGETS)) as pool:
        results = list(pool.map(lambda target: fuzzing.run(target, 2), sorted(TARGETS)))
    for result in results:
        _assert_clean(result)


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_bounded(target):
    """FUZZ_SECONDS of fuzzing per parser: 0 crashes; executions and slowest input recorded."""
    result = fuzzing.run(target, FUZZ_SECONDS)
    figures = result.as_dict()
    security_results.record("fuzz", target, figures)
    _assert_clean(result)
