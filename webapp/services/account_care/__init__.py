"""Looking after accounts and groups: who may switch an account off and on, take a participant
out of a group, rename or archive a group, and move a trainster between groups.

- `managers`: which organisations a beheerder manages, and their staff
- `activation`: who may look after whom; switching an account off and on again
- `groups`: renaming and archiving a group, taking a participant out of it
- `trainers`: the groups a trainster works with

A beheerder's powers end at the organisations she manages; a medewerker's at her organisation
(its trainsters) and her groups (their participants). Nothing here deletes her data: a
switched-off account keeps everything, until she or the medewerker deletes it.
"""

from webapp.services.account_care.activation import (
    account_for_care,
    may_look_after,
    set_active,
)
from webapp.services.account_care.groups import (
    create_group,
    group_for_care,
    remove_from_group,
    rename_group,
    set_archived,
)
from webapp.services.account_care.managers import (
    add_manager,
    create_organisation,
    managed_organisations,
    manages,
    staff_of_organisation,
)
from webapp.services.account_care.trainers import (
    set_trainer_groups,
    trainer_for_care,
    trainers_of_organisation,
)

__all__ = [
    "account_for_care",
    "add_manager",
    "create_group",
    "create_organisation",
    "group_for_care",
    "managed_organisations",
    "manages",
    "may_look_after",
    "remove_from_group",
    "rename_group",
    "set_active",
    "set_archived",
    "set_trainer_groups",
    "staff_of_organisation",
    "trainer_for_care",
    "trainers_of_organisation",
]
