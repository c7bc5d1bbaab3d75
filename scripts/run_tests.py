"""`make test`'s runner: the whole suite, in two halves at once.

The suite spends most of its time in one Python process waiting on PostgreSQL and
rendering pages, which keeps one core busy. Two halves, each on its own test slot
(its own databases, ini, Redis db, ports: scripts/portal.py), run at once, one per
core. The first half is every test directory not named in SECOND_HALF, so a new
directory is never left out. Its output is printed as it runs; the second half's
is written to var/<second slot>/pytest.log and printed when it ends. CKAN's own
search tests (the yardstick of docs/search.md) follow the first half. Exit status:
0 only if both halves and CKAN's search tests pass.

    python scripts/run_tests.py            # what `make test` runs
    GRLL_TEST_HALVES=1 python scripts/run_tests.py   # one after the other, one slot
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

#: The test directories of the second half: about half of the suite's time
#: (measured with pytest --durations), the browser tests kept in the first.
SECOND_HALF = ["tests/catalog", "tests/domains", "tests/feedback", "tests/harvesting"]

#: The second half's slot is the first one's + this (slot "" → 5, 1 → 6...).
SECOND_SLOT_OFFSET = 5


def slot_environment(slot: str) -> dict[str, str]:
    return {**os.environ, "GRLL_TEST_SLOT": slot}


def ini(slot: str) -> str:
    return str(ROOT / "config" / f"test{slot}.ini")


def pytest_command(slot: str, paths: list[str]) -> list[str]:
    return [str(VENV_BIN / "pytest"), f"--ckan-ini={ini(slot)}", *paths]


def core_search_command() -> list[str]:
    return [sys.executable, str(ROOT / "tests/search/ckan_core.py"), "-q"]


def run_in_order(commands: list[tuple[str, list[str]]], environment: dict[str, str],
                 output, results: list[tuple[str, int, float]]) -> None:
    for title, command in commands:
        started = time.monotonic()
        print(f"==> {title}", file=output, flush=True)
        code = subprocess.call(command, cwd=ROOT, env=environment, stdout=output,
                               stderr=subprocess.STDOUT)
        results.append((title, code, time.monotonic() - started))


def main() -> int:
    slot = os.environ.get("GRLL_TEST_SLOT", "")
    core = ("CKAN's own search tests against grll_search (the yardstick of docs/search.md)",
            core_search_command())
    if os.environ.get("GRLL_TEST_HALVES", "2") == "1":
        results: list[tuple[str, int, float]] = []
        run_in_order([("the whole suite", pytest_command(slot, ["tests"])), core],
                     slot_environment(slot), sys.stdout, results)
        return max(code for _, code, _ in results)

    second = str(int(slot or 0) + SECOND_SLOT_OFFSET)
    print(f"==> Preparing test slot {second} for the second half of the suite", flush=True)
    subprocess.run([sys.executable, str(ROOT / "scripts/portal.py"), "prepare",
                    "--env", "test"], cwd=ROOT, env=slot_environment(second), check=True)
    log = ROOT / "var" / f"test{second}" / "pytest.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"==> Second half ({', '.join(SECOND_HALF)}) on slot {second}, "
          f"its output in {log.relative_to(ROOT)}", flush=True)
    second_results: list[tuple[str, int, float]] = []
    with log.open("w") as second_output:
        other = threading.Thread(target=run_in_order, args=(
            [("the second half", pytest_command(second, SECOND_HALF))],
            slot_environment(second), second_output, second_results))
        other.start()
        first_results: list[tuple[str, int, float]] = []
        run_in_order([("the first half", pytest_command(slot, ["tests", *(
            f"--ignore={path}" for path in SECOND_HALF)])), core],
            slot_environment(slot), sys.stdout, first_results)
        other.join()
    print(f"\n==> Second half ({', '.join(SECOND_HALF)}), from {log.relative_to(ROOT)}:",
          flush=True)
    print(log.read_text(), flush=True)
    codes = []
    for title, code, seconds in first_results + second_results:
        print(f"==> {title}: {'passed' if code == 0 else f'FAILED ({code})'} "
              f"in {seconds / 60:.1f} min")
        codes.append(code)
    return max(codes)


if __name__ == "__main__":
    raise SystemExit(main())
