"""Small inline icons: no extra request, and they take the text colour. Decorative only.

Built once as markup: a page shows up to a dozen, and rendering each through a template macro
cost more than the rest of the page's shell."""

from markupsafe import Markup

_PATHS = {
    "logo": '<path d="M3 21h5v-6h5V9h5V3h3v18z"/>',
    "plan": '<path d="M4 20h4v-5h4v-5h4V5h4v2h-2v5h-4v5H10v5H4z"/>',
    "calendar": '<path d="M7 2h2v2h6V2h2v2h3v18H4V4h3zm-1 8v10h12V10zm0-4v2h12V6z"/>',
    "child": (
        '<path d="M12 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm-7 20c0-4.5 3-8 7-8s7 3.5 7 8h-2'
        'c0-3.5-2.2-6-5-6s-5 2.5-5 6z"/>'
    ),
    "cv": '<path d="M6 2h9l5 5v15H6zm2 2v16h10V8h-4V4zm2 8h6v2h-6zm0 4h6v2h-6z"/>',
    "more": (
        '<path d="M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z'
        'm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z"/>'
    ),
    "speaker": (
        '<path class="flip-rtl" d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 '
        '2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/>'
    ),
    "check": '<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/>',
    "arrow": '<path class="flip-rtl" d="M10 6 8.6 7.4 13.2 12l-4.6 4.6L10 18l6-6z"/>',
    "mic": '<path d="M9 3h6v11H9zM6 11h2v2a4 4 0 0 0 8 0v-2h2v2a6 6 0 0 1-5 5.9V21h-2v-2.1A6 6 0 0 1 6 13z"/>',
    "book": '<path d="M3 5h8v15H3zm10 0h8v15h-8zM5 8v2h4V8zm10 0v2h4V8zM5 12v2h4v-2zm10 0v2h4v-2z"/>',
    "group": (
        '<path d="M8 11a3 3 0 1 1 0-6 3 3 0 0 1 0 6zm8 0a3 3 0 1 1 0-6 3 3 0 0 1 0 6zM2 19'
        'c0-3 2.7-5 6-5s6 2 6 5zm12.5-4.9c2.8.2 7.5 1.5 7.5 4.9h-6c0-1.9-.5-3.5-1.5-4.9z"/>'
    ),
}


def _svg(name: str, path: str) -> Markup:
    return Markup(
        # No focusable="false": only old Internet Explorer put an SVG in the tab order.
        f'<svg class="icon icon-{name}" viewBox="0 0 24 24" aria-hidden="true">{path}</svg>'
    )


ICONS = {name: _svg(name, path) for name, path in _PATHS.items()}


def icon(name: str) -> Markup:
    """The icon's inline SVG; an unknown name gives an empty icon rather than a broken page."""
    return ICONS.get(name) or _svg(name, "")
