"""The outage page's words (uk, ru, en in the catalogues), chosen under the page's language."""

from django.utils.translation import gettext_lazy as _

TITLE = _("Briefly unavailable")
READER_LEAD = _("The site is briefly unavailable. Please reload the page in a few seconds.")
READER_HOME = _("Front page")
STAFF_LEAD = _("The newsroom is briefly unavailable: it cannot reach its database.")
STAFF_RETRY = _("Reload this page in a few seconds; it usually takes less than a minute.")
NOT_SAVED = _("Nothing was saved.")
KEPT = _(
    "What you sent is kept on this page. Do not close it: when the newsroom is back, press "
    "“Save again” to send the same form once more."
)
SAVE_AGAIN = _("Save again")
COPY_HINT = _("A copy of your text, to copy by hand if you prefer:")
FILES_LOST = _("Attached files are not kept; choose them again:")
NOT_KEPT = _(
    "Go back to the form (the browser's Back button) and save again in a few seconds; "
    "copy your text somewhere safe first."
)
API_MESSAGE = "The database is briefly unavailable; please retry in a few seconds."
