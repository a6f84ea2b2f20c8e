from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin

from vistka.core.cache import cached_record
from vistka.distribution import views as distribution_views
from vistka.editions.languages import language_code_for_locale_id
from vistka.reader import views as reader_views


class EditionHomePage(RoutablePageMixin, Page):
    """The root of one edition. Serves the dated story URLs of its edition."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.StoryArchivePage"]
    max_count_per_parent = None

    content_panels = [
        FieldPanel("title"),
        MultipleChooserPanel(
            "top_stories",
            chooser_field_name="story",
            heading=_("Top stories"),
            help_text=_("The stories at the top of this edition's home page, in order."),
        ),
    ]

    class Meta:
        verbose_name = _("edition home page")

    def get_view_restrictions(self):
        """Same answer as Wagtail's, in one query: ancestor paths follow from our own path
        (edition homes are never aliases)."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    @property
    def language_code(self):
        return language_code_for_locale_id(self.locale_id)

    def get_template(self, request, *args, **kwargs):
        return "reader/home.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(reader_views.home_context(self, request))
        return context

    @path("all/", name="all_news")
    def all_news(self, request):
        return reader_views.all_news(request, self)

    @re_path(r"^(?P<root>news|articles|columns|live)/$", name="kind")
    def kind_list(self, request, root):
        return reader_views.kind_list(request, self, root)

    @path("sections/<slug:slug>/", name="section")
    def section(self, request, slug):
        return reader_views.section_page(request, self, slug)

    @path("tags/<slug:slug>/", name="tag")
    def tag(self, request, slug):
        return reader_views.tag_page(request, self, slug)

    @path("authors/<slug:slug>/", name="author")
    def author(self, request, slug):
        return reader_views.author_page(request, self, slug)

    @re_path(r"^archive/(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})/$", name="archive_day")
    def archive_day(self, request, year, month, day):
        return reader_views.archive_day(request, self, int(year), int(month), int(day))

    @re_path(r"^(?:(?P<scope>news|articles|columns|live)/)?(?P<fmt>rss|atom|json)/$", name="feed")
    def feed(self, request, fmt, scope=None):
        return distribution_views.feed(request, self, fmt, scope)

    @re_path(
        r"^(?P<scope>sections|tags|authors)/(?P<slug>[-\w]+)/(?P<fmt>rss|atom|json)/$", name="record_feed"
    )
    def record_feed(self, request, scope, slug, fmt):
        return distribution_views.feed(request, self, fmt, scope, slug)

    @path("search/", name="search")
    def search(self, request):
        return reader_views.search(request, self)


class TopStory(Orderable):
    """An editor's pick for the top of an edition's home page."""

    home = ParentalKey(EditionHomePage, on_delete=models.CASCADE, related_name="top_stories")
    story = models.ForeignKey(
        "stories.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    panels = [FieldPanel("story")]


class EditionSettings(TranslatableMixin, models.Model):
    """What editors set per edition: the "Support us" call and advertising."""

    support_heading = models.CharField(_("support heading"), max_length=120, blank=True)
    support_text = models.CharField(_("support text"), max_length=300, blank=True)
    support_url = models.URLField(_("support link"), blank=True)
    support_button = models.CharField(_("button text"), max_length=60, blank=True)
    ads_enabled = models.BooleanField(_("show advertisement slots"), default=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("support_heading"),
                FieldPanel("support_text"),
                FieldPanel("support_url"),
                FieldPanel("support_button"),
            ],
            heading=_("Support us"),
        ),
        FieldPanel("ads_enabled"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("edition settings")
        verbose_name_plural = _("edition settings")

    def __str__(self):
        return str(_("Settings of the %(edition)s edition") % {"edition": self.locale.get_display_name()})

    def clean(self):
        super().clean()
        if EditionSettings.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk).exists():
            raise ValidationError(_("This edition already has its settings; edit those instead."))

    @classmethod
    def for_locale_id(cls, locale_id):
        return cached_record(
            f"edition-settings:{locale_id}",
            lambda: cls.objects.filter(locale_id=locale_id).first() or cls(locale_id=locale_id),
        )
