from django.urls import path

from vistka.newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("new-news-item/", views.new_news_item, name="new_news_item"),
    path("translate/<int:page_id>/<str:language_code>/", views.translate_story, name="translate_story"),
]
