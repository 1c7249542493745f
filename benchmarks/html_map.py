"""Timings of `backmap export -f html`: writing the page, and opening it in headless Chromium.

Writing runs the real command in a fresh process (start-up, load, check and export count) and
reports processor seconds (user + system) and wall seconds. Opening loads the page from a
file:// URL in one headless Chromium (Debian's chromium and chromium-driver, through Selenium):
`open s` is from the start of navigation to the end of the load event, by which time the page
has read its data, laid out the tree and built its elements; `shown s` is the first frame drawn
after that (an upper bound: it also counts the driver's round trip).
`expand all s` and `search s` time those actions on the open page, layout included; the search
is "weekly", which matches 294 of the 10,000 nodes and opens the branches of all of them.

    python benchmarks/html_map.py                      # the example map, 1,000 and 10,000 nodes
    python benchmarks/html_map.py --sizes 10000 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_workspace
from pathological import run

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
TARGET = 3.0
"""Seconds to write a 10,000-node page, and to open it."""

TIMING = """
const done = arguments[0];
const nav = performance.getEntriesByType('navigation')[0];
requestAnimationFrame(() => requestAnimationFrame(() => done(
    [nav.loadEventEnd, performance.now(), document.querySelectorAll('.node').length])));
"""
ACTION = """
const start = performance.now();
%s
document.body.getBoundingClientRect();  // the layout the action caused
return performance.now() - start;
"""
EXPAND = "document.getElementById('expand').click();"
SEARCH = """
const box = document.getElementById('search');
box.value = 'weekly';
box.dispatchEvent(new Event('input'));
box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
"""


def synthetic(n: int) -> Path:
    path = OUT / f"html-{n}.yaml"
    if not path.is_file():
        write_workspace(generate(n, seed=0), path)
    return path


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        sys.exit("needs chromium and chromedriver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def opened(driver: Any, page: Path, runs: int) -> list[list[float]]:
    """Per run: open s, shown s, nodes drawn, expand all s, search s."""
    rows = []
    for _ in range(runs):
        driver.get("about:blank")
        driver.get(page.as_uri())
        load, frame, drawn = driver.execute_async_script(TIMING)
        expand = driver.execute_script(ACTION % EXPAND)
        driver.get(page.as_uri())
        search = driver.execute_script(ACTION % SEARCH)
        rows.append([load / 1000, frame / 1000, drawn, expand / 1000, search / 1000])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000", help="synthetic map sizes")
    args = parser.parse_args(argv)
    cases = [("maps/ideal-group.yaml", ROOT / "maps" / "ideal-group.yaml")]
    cases += [(f"{int(s):,} nodes", synthetic(int(s))) for s in args.sizes.split(",")]
    driver = browser()
    print(
        "| map | MB | write cpu s | write wall s | open s | shown s | nodes drawn "
        "| expand all s | search s | <= 3 s? |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, source in cases:
                page = Path(tmp) / "map.html"
                argv_ = ["export", "--map", str(source), "-o", str(page)]
                run(argv_, 120.0)  # warm-up: file cache, .pyc
                writes = [run(argv_, 120.0) for _ in range(args.runs)]
                cpu = statistics.median(w.seconds for w in writes)
                wall = statistics.median(w.wall for w in writes)
                timings = opened(driver, page, args.runs)
                load, frame, drawn, expand, search = (
                    statistics.median(column) for column in zip(*timings, strict=True)
                )
                ok = "yes" if max(wall, load, frame) <= TARGET else "NO"
                print(
                    f"| {name} | {page.stat().st_size / 1e6:.1f} | {cpu:.2f} | {wall:.2f} "
                    f"| {load:.2f} | {frame:.2f} | {drawn:.0f} | {expand:.2f} | {search:.2f} "
                    f"| {ok} |",
                    flush=True,
                )
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
