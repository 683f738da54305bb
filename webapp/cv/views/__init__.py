"""Her cv at /cv: the overview with her progress and the sollicitatie-checklist, a page per
part with its short form (`pages`), the changes she makes, also offline (`changes`), and the
cv as a PDF and as a preview (`document`). All on the blueprint `cv`."""

from webapp.cv.views import changes, document, pages  # noqa: F401
