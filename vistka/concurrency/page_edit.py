"""Wagtail's page edit view with the version check made on the server, atomically.

Wagtail 8 sends the revision a form was loaded from (`loaded_revision_id`, and
`overwrite_revision_id` for autosaves) and compares it only for autosaves, in the browser and
outside any transaction; a form save based on an outdated revision silently replaced the
colleague's. Here every POST (save, submit, publish, schedule, workflow actions, autosave) takes
a row lock on the page, re-reads the latest revision and uses Wagtail's own `is_out_of_date` test;
an outdated save is refused, its content kept as a RefusedSave, and the form is shown again as
sent, still based on the revision it was loaded from (so saving again does not overwrite either:
the way forward is the merge screen, which shows what each side changed)."""

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, Revision

from vistka.audit.log import record
from vistka.concurrency.locking import lock_row
from vistka.concurrency.merge import changed_field_labels
from vistka.concurrency.models import RefusedSave
from vistka.concurrency.sessions import ConflictDialogSessionsModule

NOT_KEPT_FIELDS = ("csrfmiddlewaretoken",)
NOT_KEPT_PREFIXES = ("action-",)
MERGE_NOW = "concurrency-merge"  # posted by the conflict dialog's "Compare and merge"


def editor_name(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def kept_form_data(post):
    """The refused form's fields worth keeping: not the CSRF token (a credential of the session)
    nor the button that was pressed (a merge never replays an action)."""
    return {
        key: post.getlist(key)
        for key in post
        if key not in NOT_KEPT_FIELDS and key != MERGE_NOW and not key.startswith(NOT_KEPT_PREFIXES)
    }


def refusal_message(latest, changed_fields):
    """Who saved what when, in the user's language."""
    when = date_format(timezone.localtime(latest.created_at), "DATETIME_FORMAT")
    text = _(
        "Your changes were not saved: %(person)s saved a newer version of this story at %(time)s, "
        "after you opened it. Nothing you wrote is lost: your version is kept, compare it with "
        "theirs field by field and merge."
    ) % {"person": editor_name(latest.user), "time": when}
    if changed_fields:
        text += " " + _("Fields they changed: %(fields)s.") % {"fields": ", ".join(changed_fields)}
    return text


class ConcurrentPageEditView(EditView):
    def get_editing_sessions(self):
        module = super().get_editing_sessions()
        return module and ConflictDialogSessionsModule(module, self.real_page_record)

    def post(self, request, *args, **kwargs):
        if self.page.alias_of_id:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            lock_row(Page, self.real_page_record.pk)
            self.refresh_latest_revision()
            if self.is_out_of_date:
                return self.refuse()
            return super().post(request, *args, **kwargs)

    def refresh_latest_revision(self):
        """The latest revision as it is under the lock (dispatch read it before)."""
        latest_id = Page.objects.filter(pk=self.real_page_record.pk).values_list(
            "latest_revision_id", flat=True
        )[0]
        self.latest_revision = Revision.objects.filter(pk=latest_id).first() if latest_id else None
        for name in ("is_out_of_date", "latest_revision_created_at"):
            self.__dict__.pop(name, None)

    def base_revision(self):
        base_id = self.request.POST.get("overwrite_revision_id") or self.request.POST.get(
            "loaded_revision_id"
        )
        if not base_id or not str(base_id).isdigit():
            return None
        return self.real_page_record.revisions.filter(pk=base_id).first()

    def refused_content(self, form):
        """The page as the refused form would have saved it (None when the form has errors)."""
        if self.action_name == "save":
            form.defer_required_fields()
        valid = form.is_valid()
        if self.action_name == "save":
            form.restore_required_fields()
        if not valid:
            return None
        return form.save(commit=False).serializable_data()

    def refuse(self):
        request = self.request
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        base = self.base_revision()
        refused, _created = RefusedSave.objects.update_or_create(
            page_id=self.real_page_record.pk,
            user=request.user,
            base_revision=base,
            resolved_at=None,
            defaults={
                "action": self.action_name,
                "against_revision": self.latest_revision,
                "form_data": kept_form_data(request.POST),
                "content": self.refused_content(self.form),
            },
        )
        record(
            "concurrency.save_refused",
            request=request,
            target=self.real_page_record,
            data={
                "action": self.action_name,
                "base_revision": base.pk if base else None,
                "latest_revision": self.latest_revision.pk,
                "latest_by": editor_name(self.latest_revision.user),
                "refused_save": refused.pk,
            },
        )
        message = refusal_message(self.latest_revision, self.changed_since(base))
        if self.expects_json_response:
            return self.json_error_response("invalid_revision", message)
        merge_url = reverse("concurrency:merge", args=(refused.pk,))
        if request.POST.get(MERGE_NOW):
            return redirect(merge_url)
        messages.error(request, message, buttons=[messages.button(merge_url, _("Compare and merge"))])
        self.keep_loaded_revision(base)
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())

    def changed_since(self, base):
        """The fields the newer versions changed since the user's (names as the form shows them)."""
        if base is None or base.pk == self.latest_revision.pk:
            return []
        before, after = base.as_object(), self.latest_revision.as_object()
        return changed_field_labels(self.real_page_record.specific, self.request, before, after)

    def keep_loaded_revision(self, base):
        """The form shown again stays based on the revision it was loaded from."""
        if base is None:
            return
        self.page.latest_revision_id = base.pk
        self.__dict__["latest_revision_created_at"] = base.created_at.isoformat()
