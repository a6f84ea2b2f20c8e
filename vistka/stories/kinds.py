from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    ARTICLE = "article", _("Article")
    COLUMN = "column", _("Column")
    INTERVIEW = "interview", _("Interview")
    EXPLAINER = "explainer", _("Explainer")
    LIVE = "live", _("Live")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")


# The first path segment of a story's address, by kind (PRODUCT §2).
URL_ROOTS = {
    Kind.NEWS: "news",
    Kind.ARTICLE: "articles",
    Kind.INTERVIEW: "articles",
    Kind.EXPLAINER: "articles",
    Kind.PHOTO: "articles",
    Kind.VIDEO: "articles",
    Kind.COLUMN: "columns",
    Kind.LIVE: "live",
}

# Kinds whose label is shown next to the headline in lists ("EXPLAINER").
LABELLED_KINDS = {
    Kind.ARTICLE,
    Kind.COLUMN,
    Kind.INTERVIEW,
    Kind.EXPLAINER,
    Kind.LIVE,
    Kind.PHOTO,
    Kind.VIDEO,
}

KIND_LABELS = dict(Kind.choices)  # value -> label (translated when made a string)
