"""What one page load put on the network, as Chromium reports it (DevTools events of the page,
Playwright's record of the service worker's own fetches), told apart by kind (html, css, js,
img, the worker's shell, or her pages kept for offline reading) and by whether it cost bytes.
Used by bench/weight.py."""

import urllib.parse
from collections import Counter

KINDS = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Image": "img",
    "Font": "font",
    "Manifest": "other",
    "Fetch": "other",
    "XHR": "other",
    "Other": "other",
}


def url_path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def kind_of(url: str, kind: str) -> str:
    ext = url_path(url).rpartition(".")[2]
    return {"css": "css", "js": "js", "png": "img", "svg": "img", "ico": "img"}.get(ext, kind)


def sw_kind(path: str, page_path: str, later: frozenset = frozenset()) -> str:
    """A service worker's fetch: the page itself (html), its shell (sw), or what it keeps for
    offline reading after login (warm): her other pages, and the scripts only some of them need
    (`later`, the worker's LATER_SHELL)."""
    if path == page_path:
        return "html"
    if path in later:
        return "warm"
    if path.startswith("/assets/") or path in ("/sw.js", "/offline"):
        return "sw"
    return "warm"


def served(unanswered: Counter, path: str) -> bool:
    if unanswered[path] > 0:
        unanswered[path] -= 1
        return True
    return False


class Recorder:
    """Collects the network events of one page (CDP) and of its service worker (Playwright
    reports the worker's own fetches, with sizes taken from the worker's DevTools events)."""

    def __init__(self, context, page, later: frozenset = frozenset()):
        self.later = later
        self.requests: dict[str, dict] = {}
        self.sw_requests: list = []
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.send("Network.enable")
        context.on("requestfinished", self._context_request)

    def _sent(self, p):
        self.requests.setdefault(p["requestId"], {}).update(
            url=p["request"]["url"], kind=KINDS.get(p.get("type", "Other"), "other"), origin="page"
        )

    def _response(self, p):
        r = p["response"]
        self.requests.setdefault(p["requestId"], {}).update(
            status=r["status"],
            from_sw=bool(r.get("fromServiceWorker")),
            from_cache=bool(r.get("fromDiskCache") or r.get("fromPrefetchCache")),
            encoding={k.lower(): v for k, v in (r.get("headers") or {}).items()}.get(
                "content-encoding", ""
            ),
            kind=KINDS.get(p.get("type", "Other"), "other"),
        )

    def _from_cache(self, p):
        self.requests.setdefault(p["requestId"], {})["from_cache"] = True

    def _finished(self, p):
        self.requests.setdefault(p["requestId"], {})["bytes"] = int(p["encodedDataLength"])

    def _context_request(self, request):
        if request.service_worker is not None:
            self.sw_requests.append(request)

    def take(self, server_log: list[tuple[str, int]], page_path: str, heads=()) -> list[dict]:
        """`server_log`: what the server answered meanwhile. A worker's fetch beyond what the
        server answered (after the page's own requests) came from the browser's HTTP cache:
        it cost nothing on the network. An answer no event reported (the worker's revalidation
        of the page she opens, which Chromium reports as the page's own request, served by the
        worker) is counted from the server's side (`heads`: status and header bytes)."""
        entries = [dict(e) for e in self.requests.values() if "url" in e]
        for e in entries:
            e["kind"] = kind_of(e["url"], e.get("kind", "other"))
        unanswered = Counter(path for path, _n in server_log)
        unanswered.subtract(
            url_path(e["url"]) for e in entries if not e.get("from_sw") and not e.get("from_cache")
        )
        shell_seen = set()
        for request in self.sw_requests:
            response = request.response()
            sizes = request.sizes()
            kind = sw_kind(url_path(request.url), page_path, self.later)
            if kind == "sw" and url_path(request.url) in shell_seen:
                kind = "warm"  # the offline page again, in her language, with her pages
            shell_seen.add(url_path(request.url))
            entries.append(
                {
                    "url": request.url,
                    "kind": kind,
                    "origin": "service worker",
                    "status": response.status if response else None,
                    "from_cache": not served(unanswered, url_path(request.url)),
                    "encoding": (response.headers.get("content-encoding", "") if response else ""),
                    "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                }
            )
        self.requests, self.sw_requests = {}, []
        for path, status, header_bytes in heads:
            if unanswered[path] > 0 and path == page_path:
                unanswered[path] -= 1
                body = next((n for p, n in server_log if p == path), 0)
                entries.append(
                    {
                        "url": path,
                        "kind": "html",
                        "origin": "service worker",
                        "status": status,
                        "from_cache": False,
                        "encoding": "",
                        "bytes": body + header_bytes,
                    }
                )
        return entries
