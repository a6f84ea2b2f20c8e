from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from vistka.editions.languages import EDITIONS
from vistka.newsroom.editions import archives_user_can_add_to
from vistka.newsroom.panels import newsroom_panels_for
from vistka.stories.models import ArticlePage


class NewNewsItemMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(archives_user_can_add_to(request.user))


@hooks.register("register_admin_menu_item")
def new_news_item_menu():
    return NewNewsItemMenuItem(
        _("New news item"), reverse("newsroom:new_news_item"), icon_name="plus", order=1
    )


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    panels[:0] = newsroom_panels_for(request.user)


class TranslateButton(Button):
    """Posts to the translate view (it creates a page, so it must not be a plain link)."""

    template_name = "newsroom/translate_button.html"


@hooks.register("register_page_header_buttons")
def translate_buttons(page, user, view_name=None, next_url=None):
    if not isinstance(page.specific_deferred, ArticlePage):
        return
    for edition in EDITIONS:
        if edition.code == page.locale.language_code:
            continue
        yield TranslateButton(
            _("Translate into %(edition)s") % {"edition": edition.name},
            reverse("newsroom:translate_story", args=(page.pk, edition.code)),
            icon_name="globe",
            priority=80,
        )
