"""The bare Flask app the throughput benchmark compares against: same gunicorn settings,
no database, no templates, no extensions."""

from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><html lang=nl><title>hallo</title><p>hallo</p></html>"


@app.get("/")
def hello():
    return PAGE
