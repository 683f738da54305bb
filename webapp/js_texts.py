"""Every text the page's JavaScript shows (app.js, outbox.js, guard.js, push.js…), in her language.

One list, so a translator and a reviewer see them together. JavaScript reads them as
`window.ElkeStap.strings.<key>`; they reach the page once per language (`shell_cache`).
"""

from flask_babel import gettext as _


def js_texts() -> dict[str, str]:
    return {
        # The app shell (app.js)
        "close": _("Sluiten"),
        "reload": _("Nu vernieuwen"),
        "newVersion": _("Er is een nieuwe versie van Elke Stap."),
        "cachedAt": _("Zonder internet. Bijgewerkt om %(time)s."),
        # The outbox (outbox.js): changes kept on her phone until they are sent
        "outboxSaved": _("Bewaard op je telefoon. We versturen het als je weer internet hebt."),
        "outboxOne": _("1 wijziging bewaard op je telefoon"),
        "outboxMany": _("%(n)s wijzigingen bewaard op je telefoon"),
        "outboxSendNow": _("Nu versturen"),
        "outboxSent": _("Verstuurd"),
        "outboxNotApplied": _("Niet bewaard"),
        "outboxLogin": _("Log opnieuw in. Daarna versturen we wat op je telefoon staat."),
        "outboxLoginLink": _("Inloggen"),
        # Her waiting changes shown in their forms after a reload (pending.js)
        "outboxPendingAt": _("Bewaard op je telefoon, nog niet verstuurd (%(time)s)."),
        "outboxRemovedAt": _("Verwijderd op je telefoon, nog niet verstuurd (%(time)s)."),
        "outboxRemovedSent": _("Verwijderd en verstuurd."),
        "outboxYourText": _("Wat je had ingevuld. Je kunt het kopiëren:"),
        "outboxUnsent": _(
            "Er staan nog wijzigingen op je telefoon die niet verstuurd zijn. Als je nu "
            "uitlogt, ben je die kwijt. Toch uitloggen?"
        ),
        # Logging out on a shared phone (guard.js), also without internet
        "loggedOutPending": _(
            "Je bent uitgelogd. Wat op deze telefoon stond, is gewist. Heb je weer internet? "
            "Dan sluiten we ook bij ons je sessie af."
        ),
        "loginOffline": _("Je hebt nu geen internet. Inloggen kan weer als je internet hebt."),
        "loggedOutPin": _(
            "Vijf keer een verkeerde pincode. Daarom ben je uitgelogd en is gewist wat op deze "
            "telefoon stond. Wat bij ons staat, is niet weg: log in met je wachtwoord."
        ),
        "loggedOutForgot": _(
            "Je pincode is gewist. Log in met je wachtwoord; daarna kies je een nieuwe pincode "
            "bij Meer. Wat nog op je telefoon wachtte, versturen we als je bent ingelogd."
        ),
        # The PIN lock (lock.js)
        "pinFormat": _("Kies een pincode van 4, 5 of 6 cijfers."),
        "pinEasy": _("Deze pincode is makkelijk te raden. Kies een andere."),
        "pinMismatch": _("De twee pincodes zijn niet hetzelfde. Typ ze nog een keer."),
        "pinSaved": _("Bewaard. Vanaf nu vraagt Elke Stap om je pincode."),
        "pinRemoved": _("Je pincode staat uit."),
        "pinWrongMany": _("Deze pincode klopt niet. Je kunt het nog %(n)s keer proberen."),
        "pinWrongOne": _(
            "Deze pincode klopt niet. Je kunt het nog 1 keer proberen. Gaat het weer mis? Dan "
            "log je uit en wissen we wat op deze telefoon staat."
        ),
        # Reading aloud (readaloud.js)
        "readAloud": _("Lees voor"),
        "readAloudStop": _("Stop met voorlezen"),
        # Session packs on her phone (pack.js)
        "packSave": _("Bewaar op je telefoon (%(size)s)"),
        "packSaving": _("Bezig met bewaren. Even geduld."),
        "packDone": _("Bewaard. Je kunt dit nu ook zonder internet openen."),
        "packSaved": _("Staat op je telefoon"),
        "packFailed": _("Bewaren lukte niet. Heb je internet? Probeer het straks nog eens."),
        "packLine": _("%(size)s, bewaard op %(date)s"),
        "packRemove": _("Verwijderen"),
        "packUsed": _("Elke Stap gebruikt nu %(size)s op je telefoon."),
        # Her cv (cv.js): room left in a text, and the PDF without internet
        "cvLeft": _("Nog %(n)s tekens"),
        "cvOver": _("%(n)s tekens te veel"),
        "cvOldCopy": _("Zonder internet. Dit is de laatste PDF die je maakte."),
        "cvNoCopy": _("Zonder internet kun je nu geen PDF maken. Probeer het straks nog eens."),
        # Web push (push.js)
        "pushOffer": _("Wil je een seintje op je telefoon als er iets voor je klaarstaat?"),
        "pushOfferYes": _("Ja, meldingen aan"),
        "pushIos": _(
            "Meldingen op een iPhone: zet Elke Stap eerst op je beginscherm. Tik op Deel en dan op 'Zet op beginscherm'."
        ),
        "pushOn": _("Meldingen staan aan op deze telefoon."),
        "pushDenied": _(
            "Je telefoon staat meldingen van Elke Stap niet toe. Je berichten staan altijd in Berichten."
        ),
    }
