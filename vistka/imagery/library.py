"""The image library's listing with filters by upload date, uploader and credit.

Wagtail's images index takes its filters from a class attribute; the newsroom's index is the same
view with a wider filter set, answering at the library's own addresses (registered before
Wagtail's, so /admin/images/ and its results URL resolve here and every reverse() of
wagtailimages:index still leads to it).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import CheckboxSelectMultiple, TextInput
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter
from wagtail.images import get_image_model
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as WagtailImagesIndexView
from wagtail.permissions import policy_registry

from vistka.imagery.models import ImageDetails


def visible_images(request):
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(request.user, ["change", "delete"])


def uploaders(request):
    """Only people who uploaded an image this user can see."""
    ids = visible_images(request).order_by().values("uploaded_by_user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("first_name", "last_name", "username")


class CreditFilter(django_filters.CharFilter):
    """Credit in either spelling; a subquery on ids, which the search backend can filter by."""

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        matching = ImageDetails.objects.filter(
            Q(credit__icontains=value) | Q(credit_latin__icontains=value)
        ).values("image_id")
        return qs.filter(id__in=matching)


class NewsroomImagesFilterSet(ImagesFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Uploaded"), widget=DateRangePickerWidget)
    uploaded_by_user = MultipleUserFilter(
        label=_("Uploaded by"), queryset=uploaders, widget=CheckboxSelectMultiple
    )
    credit = CreditFilter(label=_("Credit"), widget=TextInput(attrs={"autocomplete": "off"}))

    class Meta(ImagesFilterSet.Meta):
        fields = []


class IndexView(WagtailImagesIndexView):
    filterset_class = NewsroomImagesFilterSet


def urlpatterns():
    return [
        path("images/", IndexView.as_view(), name="newsroom_images_index"),
        path("images/results/", IndexView.as_view(results_only=True), name="newsroom_images_results"),
    ]
