"""What she shares, part by part, and with whom: the one place every staff view of her data
asks.

- `people`: who she can share with (the projectmedewerkers of her groups' organisations, and
  the trainsters of her groups, by name); nobody else, ever (a beheerder reads no participant
  data; the werkcoach of the gemeente has no account here)
- `grants`: her choices per part, and `readable_part`, which a staff view calls: the owner if
  this person may read this part now (and the look is logged), else None (the view gives 404)
- `looks`: every look, per part, for her to see
- `parts`: the parts, their names, and what a reader of each part gets (the same for her
  preview and for the staff view)

Off by default: no row in `shares`, no look.
"""

from webapp.services.sharing.grants import (
    participants_sharing_with,
    readable_part,
    set_viewers,
    shares_of,
    stop_sharing,
)
from webapp.services.sharing.looks import recent_looks
from webapp.services.sharing.parts import PART_LABELS, PARTS, part_context
from webapp.services.sharing.people import people_to_share_with

__all__ = [
    "PARTS",
    "PART_LABELS",
    "part_context",
    "participants_sharing_with",
    "people_to_share_with",
    "readable_part",
    "recent_looks",
    "set_viewers",
    "shares_of",
    "stop_sharing",
]
