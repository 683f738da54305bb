"""The headings of the readable export, per section of `services.her_data.SECTIONS`."""

from flask_babel import lazy_gettext as _l

SECTION_TITLES = {
    "account": _l("Je account"),
    "groups": _l("Je groepen"),
    "plan": _l("Je plan"),
    "plan_steps": _l("Al je stappen"),
    "cv_profile": _l("Je cv"),
    "cv_items": _l("De regels van je cv"),
    "cv_checklist": _l("Je sollicitatie-checklist"),
    "children": _l("Je kinderen"),
    "childcare": _l("Kinderopvang"),
    "calamity_plan": _l("Mijn noodplan"),
    "meeting_answers": _l("Je antwoorden op bijeenkomsten"),
    "attendance": _l("Bij welke bijeenkomsten je was"),
    "meeting_reflections": _l("Wat je na bijeenkomsten schreef"),
    "homework_steps": _l("Huiswerk dat je als stap nam"),
    "materials_opened": _l("Materiaal dat je opende"),
    "inbox": _l("Je berichten en herinneringen"),
    "notification_settings": _l("Meldingen"),
    "push_subscriptions": _l("Telefoons die meldingen krijgen"),
    "sharing": _l("Wat je deelt, en met wie"),
    "looks_at_shared_parts": _l("Wie keek naar wat je deelt"),
    "logins": _l("Waar je bent ingelogd"),
    "calendar_links": _l("Links naar je telefoon-agenda"),
    "reset_codes": _l("Herstelcodes voor je wachtwoord"),
    "changes_sent_from_her_phone": _l("Wijzigingen die je telefoon later stuurde"),
    "organisations_managed": _l("Organisaties die je beheert"),
}
