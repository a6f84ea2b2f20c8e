from django.urls import path

from vistka.delivery import fragments, views

urlpatterns = [
    path("_fragments/latest/<str:edition>/", fragments.latest, name="fragment_latest"),
    path("_health/", views.health, name="health"),
]
