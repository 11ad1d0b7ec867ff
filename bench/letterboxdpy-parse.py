"""Times letterboxdpy's own parsing of one films page (`pnpm bench` runs this when letterboxdpy is available).

Usage: python3 letterboxdpy-parse.py <letterboxdpy source dir> <html file> <expected films> <round ms> <rounds>
Prints one JSON line: {"pages": n, "seconds": s, "cpu_seconds": c, "films": f, "version": v} for the best round.

What is timed is what letterboxdpy does with a films page after the download: `Scraper._parse_html`
(BeautifulSoup with its `lxml` builder) and `extract_movies_from_user_watched` from `letterboxdpy.pages.user_films`.
Its network dependencies (curl_cffi, fastfingertips) are not needed for that and are stubbed if missing.
"""
import json
import sys
import time
import types


def stub_missing(name, attributes):
    try:
        __import__(name)
    except ImportError:
        module = types.ModuleType(name)

        def unavailable(*_args, **_kwargs):
            raise RuntimeError(f"{name} is stubbed by the lbx benchmark (network code is not benchmarked)")

        for attribute in attributes:
            setattr(module, attribute, unavailable)
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)


def main():
    source, html_path, expected, round_ms, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    sys.path.insert(0, source)
    stub_missing("curl_cffi", [])
    stub_missing("curl_cffi.requests", ["Session", "Response"])
    stub_missing("fastfingertips", [])
    for sub, names in {
        "terminal_utils": ["get_input"],
        "url_utils": ["extract_path_segment", "urls_match"],
        "string_utils": ["extract_number_from_text"],
        "datetime_utils": ["parse_datetime"],
    }.items():
        stub_missing(f"fastfingertips.{sub}", names)

    from letterboxdpy.core.scraper import Scraper
    from letterboxdpy.pages.user_films import extract_movies_from_user_watched

    try:
        from importlib.metadata import version as package_version

        version = package_version("letterboxdpy")
    except Exception:  # noqa: BLE001 - a source checkout has no installed metadata
        version = "source"

    with open(html_path, encoding="utf-8") as handle:
        html = handle.read()

    class Response:
        text = html
        url = "https://letterboxd.com/bench/films/"
        status_code = 200

    def parse_once():
        dom = Scraper._parse_html(Response())
        return len(extract_movies_from_user_watched(dom))

    for _ in range(3):
        parse_once()
    best = None
    for _ in range(rounds):
        pages = films = 0
        cpu = time.process_time()
        start = time.perf_counter()
        elapsed = 0.0
        while elapsed * 1000 < round_ms:
            films += parse_once()
            pages += 1
            elapsed = time.perf_counter() - start
        if films != expected * pages:
            raise SystemExit(f"letterboxdpy parsed {films / pages} films per page, expected {expected}")
        if best is None or elapsed / pages < best["seconds"] / best["pages"]:
            best = {"pages": pages, "seconds": elapsed, "cpu_seconds": time.process_time() - cpu, "films": films}
    best["version"] = version
    print(json.dumps(best))


main()
