from django.urls import path, re_path

from vistka.distribution import sitemaps

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemaps/pages.xml", sitemaps.pages_sitemap, name="sitemap_pages"),
    path("sitemaps/news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    re_path(
        r"^sitemaps/stories-(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<part>[1-9]\d{0,3}))?\.xml$",
        sitemaps.month_sitemap,
        name="sitemap_month",
    ),
]
