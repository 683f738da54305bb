"""Her cv as a PDF: one A4 page, two at most, made by WeasyPrint from the same fragment her
preview shows (`cv/_shared.html`). WeasyPrint lays out HTML and CSS through Pango, which shapes
every script with HarfBuzz and orders right-to-left text (fribidi), and embeds the subsetted
fonts. See the README for why this library."""

import re
import unicodedata

from flask import current_app
from weasyprint import HTML

from webapp.services.cv.document import CvDocument

MAX_PAGES = 2


def render_pdf(document: CvDocument) -> bytes:
    """The PDF bytes. A long cv is set a little smaller so it keeps to two pages."""
    rendered = _layout(document, "")
    if len(rendered.pages) > MAX_PAGES:
        rendered = _layout(document, "compact")
    # Tagged, so a screen reader reads it in order; the same cv gives the same bytes.
    return rendered.write_pdf(pdf_tags=True, pdf_identifier=b"elke-stap-cv")


def pdf_html(document: CvDocument, density: str = "") -> str:
    """The page WeasyPrint lays out. Rendered straight from the templates, without the page
    context (no request is needed: the benchmark and the tests make PDFs too)."""
    return current_app.jinja_env.get_template("cv/pdf.html").render(cv=document, density=density)


def _layout(document: CvDocument, density: str):
    return HTML(string=pdf_html(document, density)).render()


def file_name(document: CvDocument) -> str:
    """cv-Ewa-Kowalska.pdf: her name in Latin letters where it has them, else just cv.pdf."""
    plain = unicodedata.normalize("NFKD", document.name.text)
    plain = re.sub(r"[^A-Za-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")
    return f"cv-{plain[:40]}.pdf" if plain else "cv.pdf"
