"""Storing the language versions of a text staff or a trainster wrote (the model side is
`webapp.models.versions.HasVersions`): one way for every such text."""

from flask_babel import lazy_gettext as _l

from webapp.models.versions import VERSION_LANGUAGES
from webapp.services import ServiceError


def clean_versions(name: str, versions: dict[str, str] | None, limit: int) -> dict[str, str]:
    """The versions worth keeping: known languages, trimmed, empty ones left out. A version
    longer than `limit` is refused (its form field is `<name>_<lang>`)."""
    clean = {}
    for lang in VERSION_LANGUAGES:
        text = ((versions or {}).get(lang) or "").strip()
        if not text:
            continue
        if len(text) > limit:
            raise ServiceError(
                _l("Dit is te lang. Maximaal %(n)s tekens.", n=limit), field=f"{name}_{lang}"
            )
        clean[lang] = text
    return clean


def set_versions(obj, name: str, versions: dict[str, str]) -> None:
    """Replace the versions of field `name` on `obj` (already cleaned). A new dict each time,
    so the JSON column is seen as changed. Does not commit."""
    translations = {field: dict(texts) for field, texts in (obj.translations or {}).items()}
    if versions:
        translations[name] = dict(versions)
    else:
        translations.pop(name, None)
    obj.translations = translations


def copy_versions(source, target, names: tuple[str, ...]) -> None:
    """Give `target` the versions `source` has of these fields (a series' next dates)."""
    for name in names:
        set_versions(target, name, (source.translations or {}).get(name) or {})
