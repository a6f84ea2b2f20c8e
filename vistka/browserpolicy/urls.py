from django.urls import path

from vistka.browserpolicy import views

urlpatterns = [path("_csp-report/", views.receive, name="csp_report")]
