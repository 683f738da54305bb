"""Text with plain formatting, as staff and trainsters write it on a phone: paragraphs, line
breaks, lists, bold and italic, links. Written as Markdown, rendered to HTML, and always
cleaned by nh3 (the Ammonia sanitiser): a script, an event handler, a `javascript:` link or an
inline style never reaches a page, whatever was typed."""

import html as html_entities
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable(
    ["image", "html_block", "html_inline", "heading", "lheading", "code", "fence", "hr", "table"],
    ignoreInvalid=True,
)
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@lru_cache(maxsize=2048)  # the same few texts on every page view; bounded
def render(text: str) -> Markup:
    """Markdown → clean HTML (safe to put in a page as it is)."""
    return Markup(clean_html(_MARKDOWN.render(text or "")).strip())


def plain(text: str) -> str:
    """The words of a Markdown text without its marks, on one line (a step, a reminder)."""
    words = nh3.clean(_MARKDOWN.render(text or ""), tags=set())
    return " ".join(html_entities.unescape(words).split())
