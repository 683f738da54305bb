"""The real app plus one logged-in page that does nothing: what the stack itself costs per
request (session cookie, loading her, role check, security headers, compression), before
any page does its own work. bench/throughput.py loads it next to the real pages, so the
report shows how close a page can get to the bare Flask app at all.

Only the benchmark serves this; the app never registers the route."""

from bench.throughput import FLOOR_PATH
from webapp import create_app
from webapp.models import Role
from webapp.security import roles

app = create_app()


@roles(*Role)
def floor():
    return "ok"


app.add_url_rule(FLOOR_PATH, "bench_floor", floor)
