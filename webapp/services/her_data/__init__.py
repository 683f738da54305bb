"""Her data, hers to take and to end (AVG/GDPR).

- `sections`: every kind of row she owns, with the stable field names of the export
  (documented in docs/export.md)
- `export`: "Download alles": the JSON file, streamed row by row, and the rows for the
  readable page
- `deletion`: 'Verwijder mijn account', by her (with her password) or by a medewerker for a
  participant who left
"""

from webapp.services.her_data.deletion import (
    BACKUP_DAYS,
    WHAT_GOES,
    delete_own_account,
    participant_to_remove,
    remove_participant,
)
from webapp.services.her_data.export import FORMAT_VERSION, export_json, rows_of
from webapp.services.her_data.sections import SECTIONS, Section

__all__ = [
    "BACKUP_DAYS",
    "WHAT_GOES",
    "delete_own_account",
    "participant_to_remove",
    "remove_participant",
    "FORMAT_VERSION",
    "SECTIONS",
    "Section",
    "export_json",
    "rows_of",
]
