"""Every page repeats its shell: the tab bar, the texts for app.js. What changes only with the
language (and a few small values) is built once per app and kept, because rebuilding it on
each request cost more than the rest of a page."""

from collections.abc import Callable, Hashable

from flask import current_app

from webapp.i18n import page_language

# Keys hold small values only (a language, a tab, an unread count); if the cache ever grows past
# this, it is emptied rather than grown.
LIMIT = 2000


def once_per_language(key: Hashable, build: Callable[[], object]):
    """`build()`, run once per app, language and `key`, then kept."""
    cache = current_app.extensions.setdefault("shell_cache", {})
    full_key = (page_language(), key)  # the page's language, found once per request
    if full_key not in cache:
        if len(cache) >= LIMIT:
            cache.clear()
        cache[full_key] = build()
    return cache[full_key]
