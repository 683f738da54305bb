"""The overview as a CSV file: the same figures, the same threshold, no names."""

import csv
import io

from flask_babel import lazy_gettext as _l

from webapp.i18n import format_date
from webapp.services.agenda import REASONS, to_local
from webapp.services.group_overview.care import CARE_STAGES
from webapp.services.group_overview.figures import MIN_PEOPLE
from webapp.services.plan.choices import AREAS

HIDDEN = _l("minder dan %(n)d", n=MIN_PEOPLE)


def _value(figure) -> str:
    return str(figure.value) if figure.shown else str(HIDDEN)


def _text(value: str) -> str:
    """A title staff typed, never read as a formula by a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def overview_csv(overview) -> str:
    """One row per figure: part, what, number (or "minder dan 5"), in her language; the same
    words as the page."""
    month = format_date(overview.periods.month, "LLLL")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    rows = [
        (_l("Onderdeel"), _l("Wat"), _l("Aantal")),
        (_l("Groep"), _l("Deelneemsters in de groep"), overview.people),
    ]
    ladder = _l("Participatieladder")
    rows += [
        (ladder, _l("Een of meer treden omhoog sinds de start"), overview.moved_up),
        (ladder, _l("Een of meer treden omhoog dit kwartaal"), overview.moved_up_this_quarter),
        (_l("Stappen"), _l("Deelneemsters met minstens één stap bezig"), overview.busy),
    ]
    done = _l("Stappen gedaan in %(month)s", month=month)
    rows.append((done, _l("Alle onderwerpen"), overview.steps_done_total))
    rows += [(done, AREAS[area][0], figure) for area, figure in overview.steps_done]
    for m in overview.meetings:
        part = _text(
            f"{m.meeting.title} {format_date(to_local(m.meeting.starts_at).date(), 'short')}"
        )
        rows += [
            (part, _l("Uitgenodigd"), m.invited),
            (part, _l("Heeft geantwoord"), m.answered),
            (part, _l("Komt"), m.coming),
            *([(part, _l("Was er"), m.came)] if m.past else []),
            (part, _l("Opvang op de plek nodig"), m.childcare),
            (part, _l("Kinderen in de opvang"), m.children),
        ]
        rows += [
            (part, _l("Komt niet: %(reason)s", reason=REASONS[reason]), figure)
            for reason, figure in m.reasons
        ]
    care = _l("Kinderopvang (kinderen)")
    rows += [(care, CARE_STAGES[stage], figure) for stage, figure in overview.childcare]
    reminders = _l("Herinneringen en berichten in %(month)s", month=month)
    rows += [
        (reminders, _l("Verstuurd"), overview.reminders_sent),
        (reminders, _l("Geopend"), overview.reminders_opened),
    ]
    writer.writerow(rows[0])
    writer.writerows((part, what, _value(figure)) for part, what, figure in rows[1:])
    return out.getvalue()
