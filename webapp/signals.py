"""Domain events: what one feature announces and another reacts to, declared in one place.

The agenda does not know the inbox: it sends `meeting_changed`, and `connect_receivers` (called
once by the app factory) says who listens. Reading this module tells every such coupling.
"""

from blinker import Namespace

_events = Namespace()

# A meeting was moved or cancelled. Sender: the Meeting; keywords: `kind` ("moved" or
# "cancelled") and `people` (the participants who were invited).
meeting_changed = _events.signal("meeting-changed")

# The trainster (or the medewerker) shared something new: a material, a recap, homework.
# Sender: the Group; keyword: `meeting` (the Meeting, or None for the group as a whole).
materials_published = _events.signal("materials-published")


def connect_receivers() -> None:
    """Who reacts to which event. Connecting the same receiver again changes nothing, so
    every app the factory makes (tests make many) may call this."""
    from webapp.services import reminders

    meeting_changed.connect(reminders.meeting_changed)
    materials_published.connect(reminders.materials_published)
