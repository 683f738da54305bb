"""Her cv, built on her phone: its parts and lists (`parts`, `items`), the rules of each field
(`choices`), her sollicitatie-checklist (`checklist`), the document the PDF and the staff view
show (`document`) and the PDF itself (`pdf`)."""

from webapp.services.cv.checklist import INTERVIEW_CHECKLIST, set_item, ticked_items
from webapp.services.cv.choices import LIST_PARTS, MAX_ITEMS, PARTS, SLUGS
from webapp.services.cv.document import build_document, shared_view
from webapp.services.cv.items import (
    add_item,
    all_items,
    get_item,
    items_of,
    move_item,
    remove_item,
    update_item,
)
from webapp.services.cv.parts import (
    filled_parts,
    item_counts,
    profile_of,
    progress,
    save_availability,
    save_contact,
    save_profile,
    save_wish,
    set_language,
)

__all__ = [
    "INTERVIEW_CHECKLIST",
    "LIST_PARTS",
    "MAX_ITEMS",
    "PARTS",
    "SLUGS",
    "add_item",
    "all_items",
    "build_document",
    "filled_parts",
    "get_item",
    "item_counts",
    "items_of",
    "move_item",
    "profile_of",
    "progress",
    "remove_item",
    "save_availability",
    "save_contact",
    "save_profile",
    "save_wish",
    "set_item",
    "set_language",
    "shared_view",
    "ticked_items",
    "update_item",
]
