import json


def test_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data())
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert manifest["theme_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200
        assert image.mimetype == "image/png"
        assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(image.data[16:20], "big")
        assert f"{width}x{width}" == icon["sizes"]


def test_service_worker_is_served_at_the_root_without_caching(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert "es-shell-" in body and "/offline" in body


def test_service_worker_precaches_the_shell_it_names(client):
    body = client.get("/sw.js").get_data(as_text=True)
    shell = json.loads(body.split("const SHELL = ", 1)[1].split(";", 1)[0])
    assert "/offline" in shell
    for url in shell:
        assert client.get(url).status_code == 200, url


def test_assets_have_hashed_names_and_long_cache_lifetimes(client):
    html = client.get("/login").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert css.startswith("/assets/app.") and css.endswith(".css")
    response = client.get(css)
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get("/assets/app.0000000000.css").status_code == 404


def test_htmx_is_served_by_the_app_itself(client):
    html = client.get("/login").get_data(as_text=True)
    src = html.split('<script src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/assets/vendor/htmx.min.")
    body = client.get(src).get_data(as_text=True)
    assert 'version:"2.' in body.replace(" ", "")


def test_pages_are_protected_by_a_strict_content_security_policy(client):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_every_page_varies_on_htmx(client):
    assert "HX-Request" in client.get("/login").headers["Vary"]


def test_assets_carry_nothing_about_her(client, auth, demo):
    auth.login("sara")
    html = client.get("/").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    response = client.get(css)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "private" not in response.headers["Cache-Control"]
