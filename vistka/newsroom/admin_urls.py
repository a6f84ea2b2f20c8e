"""Admin addresses the newsroom answers before Wagtail does (mounted at /admin/ ahead of
Wagtail's own URLs in vistka/urls.py): the page chooser's views that take a page id."""

from django.urls import path

from vistka.newsroom import views

urlpatterns = [
    path("choose-page/<int:parent_page_id>/", views.choose_page),
    path("choose-page/chosen-multiple/", views.chosen_multiple),
]
