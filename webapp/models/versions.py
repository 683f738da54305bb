"""Language versions of what staff and trainsters write (issue 11): ONE mechanism for a
meeting's title and texts, a recap, homework, a material's texts, a staff message and a group's
own step list.

The Dutch text stays in its own column (the source, and the fallback). `translations` keeps
the optional versions per field and language: `{"title": {"ar": "…", "pl": "…"}}`. She reads
her language when there is a version, else the Dutch text, marked `lang="nl"`
(`{{ obj|staff_text('title') }}` in a template, `text_in` / `language_in` in Python).
"""

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

# The languages a version may be written in, besides Dutch (the order of the form fields).
VERSION_LANGUAGES = ("ar", "pl", "tr", "en")


class HasVersions:
    """Mixed into a model whose Dutch texts may have versions in other languages."""

    translations: Mapped[dict] = mapped_column(JSON, default=dict)

    def version(self, name: str, lang: str) -> str:
        """The version of field `name` in `lang`, or "" when there is none."""
        if lang == "nl":
            return getattr(self, name) or ""
        return ((self.translations or {}).get(name) or {}).get(lang) or ""

    def language_in(self, name: str, lang: str) -> str:
        """The language of what she reads of `name`: hers, or Dutch when not translated."""
        return lang if lang != "nl" and self.version(name, lang) else "nl"

    def text_in(self, name: str, lang: str) -> str:
        """What she reads of field `name`: her version, else the Dutch text."""
        return self.version(name, self.language_in(name, lang))

    def missing_languages(self, names: tuple[str, ...]) -> list[str]:
        """Languages lacking a version of at least one of these fields that has Dutch text."""
        filled = [n for n in names if getattr(self, n, "")]
        return [
            lang for lang in VERSION_LANGUAGES if any(not self.version(n, lang) for n in filled)
        ]
