"""The newsroom's record screens (tags, sections, sources, authors, edition settings), sealed per
edition: listings and choosers hold the user's editions only, every screen of one record checks
the record's edition, and new records are created only in an edition the user may add to.

The per-edition answers come from vistka.newsroom.record_permissions (the models' registered
Wagtail permission policy); bulk actions and Wagtail's own buttons ask that policy too.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls.resolvers import URLPattern
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.snippets.views import chooser, snippets

from vistka.concurrency.record_edit import ConcurrentRecordEditView  # concurrency: stale saves refused
from vistka.newsroom.record_permissions import record_policy, user_editions

READ = ("view", "change", "delete")

# What a screen of one record needs on that record; anything not listed needs "change".
OBJECT_SCREEN_ACTIONS = {
    "edit": ("change",),
    "delete": ("delete",),
    "copy": ("view", "change"),
    "usage": READ,
    "history": READ,
    "history_results": READ,
    "inspect": READ,
}


def sealed_object_view(view, model, actions):
    """Wraps a screen of one record: another edition's record answers 403 (an unknown id is left
    to the view's own 404)."""

    @wraps(view)
    def wrapped(request, *args, pk, **kwargs):
        instance = model._default_manager.filter(pk=unquote(str(pk))).first()
        policy = record_policy(model)
        if instance is not None and not policy.user_has_any_permission_for_instance(
            request.user, actions, instance
        ):
            raise PermissionDenied
        return view(request, *args, pk=pk, **kwargs)

    return wrapped


def seal_urlpatterns(urlpatterns, model):
    sealed = []
    for pattern in urlpatterns:
        if isinstance(pattern, URLPattern) and "pk" in pattern.pattern.regex.groupindex:
            actions = OBJECT_SCREEN_ACTIONS.get(pattern.name, ("change",))
            pattern = URLPattern(
                pattern.pattern,
                sealed_object_view(pattern.callback, model, actions),
                pattern.default_args,
                pattern.name,
            )
        sealed.append(pattern)
    return sealed


class EditionIndexView(snippets.IndexView):
    """The listing's edition (its add button's ?locale=) is the user's own when none is asked
    for: Wagtail takes the site's default edition, where a Russian reporter may not add."""

    def get_locale(self):
        locale = super().get_locale()
        if locale is None or self.request.GET.get("locale"):
            return locale
        codes = user_editions(self.request.user)
        if locale.language_code in codes:
            return locale
        return Locale.objects.filter(language_code__in=codes).order_by("pk").first() or locale


class EditionLocaleMixin:
    """Create and copy screens: the new record's edition must be one where the user may add
    records; without ?locale= the user's first such edition is used instead of the default."""

    @cached_property
    def addable_locales(self):
        policy = record_policy(self.model)
        codes = policy.editions_for(self.request.user, ["add"])
        return list(Locale.objects.filter(language_code__in=codes).order_by("pk"))

    def get_locale(self):
        if not self.i18n_enabled:
            return super().get_locale()
        allowed = self.addable_locales
        requested = self.request.GET.get("locale")
        if requested:
            locale = super().get_locale()
            if locale not in allowed:
                raise PermissionDenied
            return locale
        default = Locale.get_default()
        if default in allowed:
            return default
        if not allowed:
            raise PermissionDenied
        return allowed[0]

    def get_translations(self):
        allowed = {locale.pk for locale in self.addable_locales}
        return [item for item in super().get_translations() if item["locale"].pk in allowed]

    def dispatch(self, request, *args, **kwargs):
        self.get_locale()  # refuses an edition the user may not add to before anything is shown or saved
        return super().dispatch(request, *args, **kwargs)


class RecordCreateView(EditionLocaleMixin, snippets.CreateView):
    pass


class RecordCopyView(EditionLocaleMixin, snippets.CopyView):
    """Its form posts to the add view. Wagtail 8 gives a POST to the copy address the original
    record as the form's instance, so it would overwrite the original without the edit view's
    permission and version checks (found by a security review): only GET is answered."""

    http_method_names = ["get", "head", "options"]


class EditionChooserMixin:
    """Choosers offer only the records the user may see, i.e. of the user's editions (the story
    editor's ?locale= narrows that further to the story's edition)."""

    def get_object_list(self):
        return record_policy(self.model_class).instances_user_has_any_permission_for(self.request.user, READ)

    def get_filter_form(self):
        """The edition filter names the user's editions only, under the newsroom's word for it."""
        form = super().get_filter_form()
        field = form.fields.get("locale")
        if field is not None:
            codes = user_editions(self.request.user)
            field.label = capfirst(_("edition"))
            field.choices = [(code, name) for code, name in field.choices if not code or code in codes]
        return form


class RecordChooseView(EditionChooserMixin, chooser.ChooseView):
    pass


class RecordChooseResultsView(EditionChooserMixin, chooser.ChooseResultsView):
    pass


class RecordChosenView(EditionChooserMixin, chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)


class RecordChosenMultipleView(EditionChooserMixin, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


class RecordChooserViewSet(chooser.SnippetChooserViewSet):
    # Snippet choosers are built before vistka.core makes Wagtail's chooser labels lazy
    # (vistka/core/wagtail_labels.py), and each copies its modal's title then: lazy here too.
    page_title = _("Choose")

    choose_view_class = RecordChooseView
    choose_results_view_class = RecordChooseResultsView
    chosen_view_class = RecordChosenView
    chosen_multiple_view_class = RecordChosenMultipleView


class InPlaceCreationMixin:
    """The chooser's "create" tab, opened from a story: the record is made in the story's edition
    (the chooser's ?locale=), only where the user may add such records, with a free slug."""

    @cached_property
    def requested_locale(self):
        code = self.request.GET.get("locale", "")
        if code not in record_policy(self.model_class).editions_for(self.request.user, ["add"]):
            return None
        return Locale.objects.filter(language_code=code).first()

    def can_create(self):
        return self.requested_locale is not None

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        kwargs["instance"] = self.model_class(locale=self.requested_locale)
        return kwargs


class RecordChooseViewWithCreation(InPlaceCreationMixin, RecordChooseView):
    pass


class RecordChooserCreateView(InPlaceCreationMixin, chooser.SnippetCreateView):
    def save_form(self, form):
        from vistka.taxonomy import record_audit

        instance = super().save_form(form)
        record_audit.record_created(self.request, instance)
        return instance


class CreatingRecordChooserViewSet(RecordChooserViewSet):
    """A chooser that can also create the record in place (sources, from the story's body)."""

    choose_view_class = RecordChooseViewWithCreation
    create_view_class = RecordChooserCreateView
    preserve_url_parameters = ["multiple", "locale"]  # the create tab keeps the story's edition


class EditionSealedViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose every screen is limited to the user's editions."""

    index_view_class = EditionIndexView
    add_view_class = RecordCreateView
    copy_view_class = RecordCopyView
    edit_view_class = ConcurrentRecordEditView  # concurrency: a save based on an outdated version is refused
    chooser_viewset_class = RecordChooserViewSet

    def get_queryset(self, request):
        return record_policy(self.model).instances_user_has_any_permission_for(request.user, READ)

    def get_urlpatterns(self):
        return seal_urlpatterns(super().get_urlpatterns(), self.model)
