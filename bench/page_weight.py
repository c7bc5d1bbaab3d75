"""Page weight benchmark: what a citizen's cheap phone on a slow link pays per page.

Seeds the test databases of the given ini (`ckan grll seed`, idempotent), starts the
portal as `make run` does (gunicorn), and opens each citizen page in Debian's
Chromium at 360x740 with the network throttled to 400 kbps down and up and 400 ms
latency (issue 15's profile), on a cold cache. Prints for each page the bytes
transferred, the first contentful paint and the load time, with their ratios to
the targets (<= 150 KB, first content < 2.5 s), then what a second page costs once
the static files are in the cache (its HTML only).

    python bench/page_weight.py --ini config/test2.ini

tests/browser/test_page_weight.py asserts the same targets with `measure` below.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

CHROMIUM = "/usr/bin/chromium"
#: As tests/conftest.py starts it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

#: The citizen pages of issue 15 (home, the four applications and their sub-pages,
#: report forms, the tracking page); {tracking} is filled with a real report code.
CITIZEN_PAGES = (
    "/",
    "/agua?ubigeo=130101",
    "/agua/prestadores",
    "/seguridad",
    "/seguridad/comparar?distrito=130102",
    "/seguridad/mapa",
    "/seguridad/autoridades",
    "/agro",
    "/agro/reportar",
    "/agro/alertas",
    "/empleo",
    "/empleo/ofertas",
    "/empleo/sindicatos",
    "/empleo/formalizacion",
    "/reportes/agua",
    "/reportes/agua/nuevo",
    "/reportes/agua/nuevo/fuga",
    "/reportes/seguridad/nuevo",
    "/seguimiento",
    "/gobierno-abierto",
    "/gobierno-abierto/compromiso/1",
    "/apertura",
)
TARGET_BYTES = 150 * 1024
TARGET_FCP_MS = 2500.0
#: The slow profile of issue 15, in Chrome DevTools Protocol units (bytes/s, ms).
SLOW_LINK = {"offline": False, "latency": 400,
             "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
PHONE = {"width": 360, "height": 740}
BEFORE = ("before (issue 15): home, /agua, /seguridad, /empleo, report forms 480-535 KB, "
          "first paint about 4 s; /agro 15 KB, about 1 s")
#: Opened after the home page: it shares the portal's styles and adds its own.
SECOND_PAGE = "/empleo"
#: Resource types that are static files: on a second page they come from the cache.
STATIC_TYPES = frozenset({"Stylesheet", "Script", "Image", "Font"})


@dataclass
class Visit:
    """What one page cost: bytes over the network, times, and the requests that
    went to the network (url, resource type) rather than to the cache."""

    path: str
    status: int
    bytes: int
    fcp_ms: float
    load_ms: float
    from_network: list[tuple[str, str]] = field(default_factory=list)

    @property
    def static_from_network(self) -> list[str]:
        return [url for url, kind in self.from_network if kind in STATIC_TYPES]

    @property
    def meets_targets(self) -> bool:
        """Answered, within the byte budget, and first content in time."""
        return (self.status == 200 and self.bytes <= TARGET_BYTES
                and 0 <= self.fcp_ms < TARGET_FCP_MS)

    def fetched_again(self, earlier: Visit) -> list[str]:
        """Static files of this visit that went to the network though `earlier`
        had already fetched them (a cache that works leaves none)."""
        return [url for url in self.static_from_network if url in earlier.static_from_network]


def new_phone(browser: Any) -> tuple[Any, Any, Any]:
    """A fresh context (cold cache) with a phone's screen and the slow link."""
    context = browser.new_context(viewport=PHONE, locale="es-PE", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    return context, page, cdp


def measure(page: Any, cdp: Any, base: str, path: str) -> Visit:
    """Open `path` in `page` (throttled through `cdp`) and tell what it cost."""
    kinds: dict[str, tuple[str, str]] = {}
    sizes: dict[str, int] = {}
    cached: set[str] = set()

    def on_request(event: dict) -> None:
        kinds[event["requestId"]] = (event["request"]["url"], event.get("type", ""))

    def on_finished(event: dict) -> None:
        sizes[event["requestId"]] = int(event.get("encodedDataLength", 0))

    def on_cached(event: dict) -> None:
        cached.add(event["requestId"])

    def on_response(event: dict) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            cached.add(event["requestId"])

    handlers = {"Network.requestWillBeSent": on_request, "Network.loadingFinished": on_finished,
                "Network.requestServedFromCache": on_cached,
                "Network.responseReceived": on_response}
    for name, handler in handlers.items():
        cdp.on(name, handler)
    try:
        response = page.goto(base + path, wait_until="load", timeout=90_000)
        # Requests started by the load event (a page's own small script) finish first.
        page.wait_for_load_state("networkidle", timeout=30_000)
        timing = page.evaluate("""() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const nav = performance.getEntriesByType('navigation')[0];
            return {fcp: paint ? paint.startTime : -1, load: nav ? nav.loadEventEnd : -1};
        }""")
    finally:
        for name, handler in handlers.items():
            cdp.remove_listener(name, handler)
    network = [request for request in sizes if request not in cached]
    return Visit(path=path, status=response.status if response else 0,
                 bytes=sum(sizes[request] for request in network),
                 fcp_ms=float(timing["fcp"]), load_ms=float(timing["load"]),
                 from_network=[kinds.get(request, ("?", "?")) for request in network])


def tracking_path(base: str) -> str:
    """The tracking page of a public water report: the newest one, or a new one."""
    def call(action: str, payload: dict) -> Any:
        request = urllib.request.Request(f"{base}/api/3/action/{action}",
                                         data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)["result"]

    found = call("grll_feedback_list", {"domain": "agua", "limit": 1})["results"]
    if not found:
        category = next(service["codigo"] for service in call(
            "grll_feedback_services", {"domain": "agua"})
            if not any(question["obligatoria"] for question in service["preguntas"]))
        found = [call("grll_feedback_create", {
            "domain": "agua", "category": category, "ubigeo": "130102",
            # Each run its own text: the portal refuses a report identical to an earlier one.
            "description": f"Fuga de agua en la calle principal (medición {time.time_ns()})."})]
    return f"/seguimiento/{found[0]['codigo']}"


def run(browser: Any, base: str, paths: list[str]) -> tuple[list[Visit], Visit, Visit]:
    """Each page on a cold cache, then the home page and a second page in one tab."""
    visits = []
    for path in paths:
        context, page, cdp = new_phone(browser)
        try:
            visits.append(measure(page, cdp, base, path))
        finally:
            context.close()
    context, page, cdp = new_phone(browser)
    try:
        first = measure(page, cdp, base, "/")
        second = measure(page, cdp, base, SECOND_PAGE)
    finally:
        context.close()
    return visits, first, second


def report(visits: list[Visit], first: Visit, second: Visit) -> bool:
    ok = True
    print(f"page weight: Chromium {PHONE['width']}x{PHONE['height']}, 400 kbps, 400 ms, cold cache")
    for visit in visits:
        meets = visit.meets_targets
        ok &= meets
        print(f"  {visit.path:<40} {visit.bytes / 1024:7.1f} KB (ratio {visit.bytes / TARGET_BYTES:4.2f})"
              f"  first paint {visit.fcp_ms:6.0f} ms (ratio {visit.fcp_ms / TARGET_FCP_MS:4.2f})"
              f"  load {visit.load_ms:6.0f} ms{'' if meets else '  MISSES'}")
    again = second.fetched_again(first)
    ok &= not again
    print(f"page weight: {second.path} after {first.path}: {second.bytes / 1024:.1f} KB, "
          f"{len(second.from_network)} request(s) to the network, {len(again)} of the "
          f"static files of {first.path} fetched again (target 0)")
    print(f"page weight: targets <= {TARGET_BYTES // 1024} KB and first paint < "
          f"{TARGET_FCP_MS:.0f} ms per page (ratio <= 1 meets)")
    print(f"page weight: {BEFORE}")
    return ok


def main() -> int:
    from playwright.sync_api import sync_playwright

    import serving

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ini", required=True, type=Path, help="a test ini, e.g. config/test.ini")
    args = parser.parse_args()
    ini = args.ini.resolve()
    serving.seed(ini, "page weight")
    port = serving.free_port("page weight", "GRLL_WEIGHT_PORT", 210)
    with serving.served(ini, port, "page-weight", workers=2) as base:
        paths = [*CITIZEN_PAGES, tracking_path(base)]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # Once unthrottled, so that no page pays for a worker's first render.
                context = browser.new_context()
                for path in paths:
                    context.new_page().goto(base + path)
                context.close()
                visits, first, second = run(browser, base, paths)
            finally:
                browser.close()
    return 0 if report(visits, first, second) else 1


if __name__ == "__main__":
    raise SystemExit(main())
