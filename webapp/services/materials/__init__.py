"""Materials of the peer trainster: per meeting or for the group, texts with versions and files
(pictures, PDF, audio) checked by content; her side reads them in her language.

- `files`: what a file is, by its content; pictures shrunk and stripped of EXIF;
- `storage`: the upload folder outside `static/`;
- `publishing`: sharing, changing and removing (trainster, medewerker), open counts;
- `reading`: her meetings' and her group's materials, a file only for its group;
- `recap`: the recap and homework after a meeting; homework into her plan; her last meeting;
- `reflection`: her own look back after a meeting she came to (private, offline).

Everything is imported from here: `from webapp.services import materials`.
"""

from webapp.services.materials.files import MAX_FILE, Checked, check_file, human_size
from webapp.services.materials.publishing import (
    LIMITS,
    MAX_MATERIALS,
    MAX_PER_MEETING,
    MaterialText,
    Upload,
    add_file,
    add_material,
    check_may_publish,
    get_material_for_staff,
    material_group,
    materials_for,
    may_remove,
    open_counts,
    remove_material,
    space_left,
    update_material,
    upload_limit,
    used_space,
)
from webapp.services.materials.reading import (
    Shown,
    file_for,
    get_file,
    group_materials,
    meeting_materials,
    record_opened,
    shown,
)
from webapp.services.materials.recap import (
    LastMeetingCard,
    Recap,
    homework_step,
    last_meeting,
    last_meeting_card,
    set_recap,
    take_homework,
)
from webapp.services.materials.reflection import (
    next_step_to_plan,
    reflection_of,
    reflection_step,
    save_reflection,
    she_came,
)
from webapp.services.materials.storage import path_of

__all__ = [
    "LIMITS",
    "MAX_FILE",
    "MAX_MATERIALS",
    "MAX_PER_MEETING",
    "Checked",
    "Recap",
    "MaterialText",
    "Shown",
    "Upload",
    "add_file",
    "add_material",
    "check_file",
    "check_may_publish",
    "file_for",
    "get_file",
    "get_material_for_staff",
    "group_materials",
    "homework_step",
    "human_size",
    "last_meeting",
    "last_meeting_card",
    "LastMeetingCard",
    "material_group",
    "materials_for",
    "may_remove",
    "meeting_materials",
    "open_counts",
    "next_step_to_plan",
    "path_of",
    "record_opened",
    "reflection_of",
    "reflection_step",
    "remove_material",
    "save_reflection",
    "set_recap",
    "she_came",
    "shown",
    "space_left",
    "take_homework",
    "update_material",
    "upload_limit",
    "used_space",
]
