import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from vistka.editions.dates import long_date
from vistka.editions.languages import get_edition, language_code_for_locale_id
from vistka.stories.blocks import INLINE_FEATURES, ArticleBodyBlock, house_structure
from vistka.stories.forms import ArticlePageForm
from vistka.stories.kinds import KIND_LABELS, LABELLED_KINDS, URL_ROOTS, Kind
from vistka.stories.panels import FormsetIfInFormPanel
from vistka.stories.schedule_panel import SchedulePublishingPanel

UNNUMBERED_SLUG_PREFIX = "unnumbered-"  # a new story's slug while validated before it is stored


class StoryNumber(models.Model):
    """A sequence shared by all editions: one row per story, translations share it."""

    created_at = models.DateTimeField(auto_now_add=True)

    @classmethod
    def next(cls):
        return cls.objects.create().pk


class StoryArchivePage(Page):
    """Holds the stories of one edition. It has no public address of its own: stories are
    served at their dated URLs by the edition home page."""

    parent_page_types = ["editions.EditionHomePage"]
    subpage_types = ["stories.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story archive")

    def route(self, request, path_components):
        raise Http404


def restriction_above():
    """A view restriction on the page (a story, an edition home) or on any page above it, as a
    correlated subquery (Wagtail's `public()` costs a separate query each time it is used)."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )


def public_condition():
    """What readers may be sent to: live, published, no view restriction on the page or above it.
    A condition for filter() and, wrapped as a boolean, annotate()."""
    return Q(live=True, first_published_at__isnull=False) & ~Exists(restriction_above())


class ArticleQuerySet(PageQuerySet):
    def visible(self, locale_id=None):
        """Publicly visible stories: live, not behind a view restriction, in an edition.

        The one definition every reader-facing view, list, feed and API uses.
        """
        qs = self.filter(public_condition())
        if locale_id is not None:
            qs = qs.filter(locale_id=locale_id)
        return qs

    def for_listing(self):
        return self.order_by("-first_published_at", "-pk").only(*LISTING_FIELDS)


# What a story list needs: enough to link, date, label and emphasise each item.
LISTING_FIELDS = (
    "id",
    "title",
    "kind",
    "story_number",
    "url_root",
    "first_published_at",
    "locale_id",
    "is_important",
    "breaking_until",
    "lead",
    "url_path",
    "path",
    "depth",
    "lead_image_id",
)


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticlePage(Page):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEWS)
    story_number = models.PositiveBigIntegerField(_("story number"), editable=False, db_index=True)
    url_root = models.CharField(
        max_length=16,
        editable=False,
        blank=True,
        help_text="Frozen at first publication so the address never changes.",
    )
    lead = models.TextField(
        _("lead"), max_length=600, blank=True, help_text=_("One or two sentences under the headline.")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # deleting a photo stories lead with is refused, the stories named
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("credit"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, default=house_structure, verbose_name=_("body"))
    section = models.ForeignKey(
        "taxonomy.Section",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("section"),
    )
    is_important = models.BooleanField(_("important"), default=False)
    breaking_until = models.DateTimeField(_("breaking until"), null=True, blank=True)
    no_ads = models.BooleanField(_("no advertisements"), default=False)

    objects = ArticleManager()
    LISTING_FIELDS = LISTING_FIELDS

    parent_page_types = ["stories.StoryArchivePage"]
    subpage_types = []

    content_panels = [
        FieldPanel("title", heading=_("Headline")),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("section")]),
        FieldPanel("lead"),
        MultipleChooserPanel(
            "story_authors", chooser_field_name="author", heading=_("Authors"), label=_("author"), min_num=0
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        InlinePanel("story_tags", heading=_("Tags (the first is the main tag)"), label=_("tag")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("is_important"), FieldPanel("no_ads")]), FieldPanel("breaking_until")],
            heading=_("Flags"),
        ),
        InlinePanel("corrections", heading=_("Corrections and updates"), label=_("Entry")),
        FormsetIfInFormPanel("live_entries", heading=_("Live entries"), label=_("Entry")),
    ]
    base_form_class = ArticlePageForm
    promote_panels = [FieldPanel("seo_title"), FieldPanel("search_description")]
    # The schedule dialog to the minute, typed or picked, over nothing (Wagtail's: whole hours).
    settings_panels = [SchedulePublishingPanel(), *Page.settings_panels[1:]]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("search_lemmas"),
        index.FilterField("kind"),
        index.FilterField("story_number"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    # --- identity and address ------------------------------------------------

    def save(self, *args, **kwargs):
        if not self.story_number:
            self.story_number = StoryNumber.next()  # taken only here, when the story is stored
            if (self.slug or "").startswith(UNNUMBERED_SLUG_PREFIX):
                self.slug = ""
        if not self.slug:
            self.slug = str(self.story_number)
        if self.first_published_at and not self.url_root:
            self.url_root = URL_ROOTS[self.kind]
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # Validating a new story (a preview, a declined autosave, a form with errors) takes no
        # number: it stands in as 0 with a placeholder slug (else Wagtail makes one from the
        # headline) until save() takes the number.
        if not self.story_number:
            self.story_number = 0
            if not self.slug:
                self.slug = f"{UNNUMBERED_SLUG_PREFIX}{uuid.uuid4().hex}"
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.section_id and self.section.locale_id != self.locale_id:
            errors["section"] = _("Choose a section of this story's edition.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_code(self):
        return language_code_for_locale_id(self.locale_id)

    # --- the lead image as shown: the story's own words, else those kept with the image ---------

    @cached_property
    def lead_image_shown_alt(self):
        from vistka.imagery.models import shown_alt

        return shown_alt(self.lead_image_alt, self.lead_image)

    @cached_property
    def lead_image_shown_caption(self):
        from vistka.imagery.models import shown_caption

        return shown_caption(self.lead_image_caption, self.lead_image)

    @cached_property
    def lead_image_shown_credit(self):
        from vistka.imagery.models import shown_credit

        return shown_credit(self.lead_image_credit, self.lead_image, self.language_code)

    @property
    def local_first_published(self):
        return timezone.localtime(self.first_published_at or self.go_live_at or timezone.now())

    @cached_property
    def published_iso(self):
        """First publication in the current time zone, ISO 8601, as the filter ``date:'c'`` gives
        it (lists show dozens of stories; the filter costs ten times as much)."""
        return timezone.localtime(self.first_published_at).isoformat() if self.first_published_at else ""

    @cached_property
    def published_hm(self):
        """First publication's time of day in the current time zone, as ``time:"H:i"``."""
        return f"{timezone.localtime(self.first_published_at):%H:%M}" if self.first_published_at else ""

    def canonical_path(self):
        """/{prefix}{root}/{yyyy}/{mm}/{dd}/{number}/, dated by first publication in Kyiv time."""
        root = self.url_root or URL_ROOTS[self.kind]
        day = self.local_first_published
        prefix = get_edition(self.language_code).prefix
        return f"{prefix}{root}/{day:%Y}/{day:%m}/{day:%d}/{self.story_number}/"

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, _ = parts
        return site_id, root_url, self.canonical_path()

    # --- search ------------------------------------------------------------------

    def body_html(self):
        """The body without page furniture (no ad slots), for feeds and the API."""
        return "".join(str(block.render()) for block in self.body)

    def body_text(self):
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def search_lemmas(self):
        """Dictionary forms of every word, indexed so that any inflected form finds the story."""
        from vistka.reader.lemmas import lemmatise

        text = " ".join([self.title, self.lead, self.body_text()])
        return lemmatise(text, self.language_code)

    # --- presentation helpers -------------------------------------------------

    @property
    def kind_label(self):
        # As get_kind_display(), without making the choices hashable on every call (a list of
        # twenty stories spent 1.5 ms there).
        return str(KIND_LABELS.get(self.kind, self.kind)) if self.kind in LABELLED_KINDS else ""

    @property
    def is_breaking(self):
        return bool(self.breaking_until and self.breaking_until > timezone.now())

    def published_long(self):
        return long_date(self.first_published_at, self.language_code)

    def get_template(self, request, *args, **kwargs):
        return "stories/article_page.html"

    def record_keys(self, authors, tags):
        """Cache keys of the records this story's page prints (see vistka.delivery.keys)."""
        found = [f"rec-sec-{self.section_id}"] if self.section_id else []
        found += [f"rec-tag-{tag.pk}" for tag in tags] + [f"rec-au-{author.pk}" for author in authors]
        found += [
            f"rec-src-{block.value['source'].pk}"
            for block in self.body
            if block.block_type == "source" and block.value.get("source") is not None
        ]
        return found

    def get_context(self, request, *args, **kwargs):
        from vistka.delivery import keys as cache_keys
        from vistka.distribution.seo import article_head
        from vistka.stories.presenters import story_links, translations_and_related

        context = super().get_context(request, *args, **kwargs)
        authors, tags, corrections = story_links(self, preview=getattr(request, "is_preview", False))
        context["authors"] = authors
        context["tags"] = tags
        cache_keys.add(request, *self.record_keys(authors, tags))
        context["edition_links"], context["related"] = translations_and_related(
            self, tags[0] if tags else None
        )
        cache_keys.shown(context["related"])
        context["corrections"] = corrections
        entries = self.live_entries.all() if self.kind == Kind.LIVE else []
        context["live_entries"] = sorted(entries, key=lambda e: e.posted_at, reverse=True)
        context["head"] = article_head(
            self,
            authors=context["authors"],
            tags=tags,
            links=context["edition_links"],
            live_entries=context["live_entries"],
            corrections=context["corrections"],
        )
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="story_authors")
    author = models.ForeignKey(
        "people.Author", on_delete=models.PROTECT, related_name="story_links", verbose_name=_("author")
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "author"], name="author_once_per_story")]


class ArticleTag(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="story_tags")
    tag = models.ForeignKey(
        "taxonomy.Tag", on_delete=models.PROTECT, related_name="story_links", verbose_name=_("tag")
    )

    panels = [FieldPanel("tag")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "tag"], name="tag_once_per_story")]


class Correction(Orderable):
    """A dated note shown at the foot of the story: a correction or an update."""

    class Type(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, default=Type.CORRECTION)
    made_at = models.DateTimeField(_("time"), default=timezone.now)
    note = models.TextField(_("note"), max_length=1000)

    panels = [FieldRowPanel([FieldPanel("type"), FieldPanel("made_at")]), FieldPanel("note")]


class LiveEntry(Orderable):
    """One timestamped post of a live story. Shown newest first."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="live_entries")
    posted_at = models.DateTimeField(_("time"), default=timezone.now)
    headline = models.CharField(_("headline"), max_length=250, blank=True)
    text = RichTextField(_("text"), features=INLINE_FEATURES)

    panels = [FieldRowPanel([FieldPanel("posted_at"), FieldPanel("headline")]), FieldPanel("text")]
