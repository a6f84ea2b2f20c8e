from django.urls import path

from vistka.delivery import fragments

urlpatterns = [path("_fragments/latest/<str:edition>/", fragments.latest, name="fragment_latest")]
