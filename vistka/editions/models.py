from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Page

STORY_ROUTE = (
    r"^(?P<root>news|articles|columns|live)/(?P<year>\d{4})/(?P<month>\d{1,2})"
    r"/(?P<day>\d{1,2})/(?P<number>\d{1,12})/$"
)


class EditionHomePage(RoutablePageMixin, Page):
    """The root of one edition. Serves the dated story URLs of its edition."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.StoryArchivePage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("edition home page")

    def get_context(self, request, *args, **kwargs):
        from vistka.stories.models import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["latest_stories"] = ArticlePage.objects.visible(self.locale_id).for_listing()[:30]
        return context

    @re_path(STORY_ROUTE, name="story")
    def story(self, request, root, year, month, day, number):
        from vistka.stories.models import ArticlePage

        article = (
            ArticlePage.objects.visible(self.locale_id)
            .filter(story_number=int(number))
            .select_related("lead_image", "section")
            .first()
        )
        if article is None or article.url_root != root:
            raise Http404
        first = article.local_first_published
        if (first.year, first.month, first.day) != (int(year), int(month), int(day)):
            raise Http404
        canonical = article.canonical_path()
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return article.serve(request)
