from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from vistka.reader import views as reader_views
from vistka.stories import views as story_views
from vistka.stories.views import STORY_PATH

urlpatterns = [
    path("admin/2fa/", include("vistka.twofactor.urls")),
    path("admin/", include("vistka.newsroom.admin_urls")),  # page chooser guards, before Wagtail's
    path("admin/password_reset/", include("vistka.accounts.reset_urls")),  # throttled, before Wagtail's
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("newsroom/", include("vistka.newsroom.urls")),
    path("api/v1/", include("vistka.api.urls")),
    path("", include("vistka.distribution.urls")),
    path("", include("vistka.delivery.urls")),
    path("", include("vistka.browserpolicy.urls")),
]

if settings.DEBUG or settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    from django.views.static import serve as serve_static

    # Never documents/ (served by Wagtail's view, which applies collection restrictions); no path
    # segment may be empty or start with "." so that no ../ or // gets around the check.
    urlpatterns += [
        re_path(
            r"^media/(?!(?i:documents)(?:/|$))(?P<path>[^./][^/]*(?:/[^./][^/]*)*)$",
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    re_path(STORY_PATH, story_views.story, name="story"),
    path("search/", reader_views.search_page, name="search_page"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A session that cannot be saved because the database went away is a 400 to Django: the outage page.
handler400 = "vistka.outage.views.bad_request"
