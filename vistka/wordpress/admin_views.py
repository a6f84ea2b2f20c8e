"""The newsroom's WordPress import page (Admins only): upload an export, watch the job, read its report."""

import shutil

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vistka.audit.log import record
from vistka.editions.languages import EDITIONS
from vistka.newsroom.roles import ADMINS
from vistka.wordpress import jobs, uploads_zip
from vistka.wordpress.job_model import ImportJob

RECENT_JOBS = 20
SNIFF_BYTES = 1024
REFRESH_SECONDS = 2


def is_import_admin(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINS).exists())


def _refused(request):
    """A 403 for everyone but Admins (PermissionDenied would become Wagtail's redirect)."""
    if is_import_admin(request.user):
        return None
    return HttpResponseForbidden(_("Only Admins may import from WordPress."))


def max_upload_bytes():
    """An upload can be no larger than the newsroom's request limit (vistka.core.limits)."""
    return settings.NEWSROOM_MAX_BODY_BYTES


def _looks_like_xml(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


class ImportForm(forms.Form):
    export = forms.FileField(
        label=gettext_lazy("WordPress export (.xml)"),
        help_text=gettext_lazy("WordPress: Tools → Export → All content."),
    )
    uploads = forms.FileField(
        label=gettext_lazy("Uploads folder (.zip)"),
        required=False,
        help_text=gettext_lazy(
            "The site's wp-content/uploads folder as a zip. Without it no image is imported."
        ),
    )
    edition = forms.ChoiceField(
        label=gettext_lazy("Edition of a single-language site"),
        required=False,
        choices=[("", gettext_lazy("The languages the export gives"))]
        + [(edition.code, edition.name) for edition in EDITIONS],
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: import and report, then roll everything back"), required=False
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        if not export.name.lower().endswith(".xml") or not _looks_like_xml(export):
            raise forms.ValidationError(
                _("This is not an XML file: upload the .xml file WordPress exported.")
            )
        if export.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is too big: at most %(size)s.") % {"size": filesizeformat(max_upload_bytes())}
            )
        return export

    def clean_uploads(self):
        uploads = self.cleaned_data.get("uploads")
        if uploads and not uploads.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Upload the uploads folder as a .zip file."))
        return uploads


def _store(job, form):
    """The uploaded files into the job's private folder; raises UnsafeArchive (folder removed)."""
    folder = uploads_zip.private_folder(jobs.job_folder(job))
    with open(folder / jobs.EXPORT_FILE, "wb") as out:
        for chunk in form.cleaned_data["export"].chunks():
            out.write(chunk)
    archive = form.cleaned_data.get("uploads")
    if archive:
        try:
            root = uploads_zip.unpack(archive, folder / jobs.UPLOADS_FOLDER)
        except uploads_zip.UnsafeArchive:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        (folder / jobs.UPLOADS_ROOT_FILE).write_text(str(root.relative_to(folder)), encoding="utf-8")


def import_page(request):
    if refused := _refused(request):
        return refused
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        archive = form.cleaned_data.get("uploads")
        try:
            with transaction.atomic():
                job = ImportJob.objects.create(
                    created_by=request.user,
                    export_name=form.cleaned_data["export"].name[:255],
                    uploads_name=archive.name[:255] if archive else "",
                    edition=form.cleaned_data["edition"],
                    dry_run=form.cleaned_data["dry_run"],
                )
                _store(job, form)
        except uploads_zip.UnsafeArchive as error:
            form.add_error("uploads", _("The zip was refused: %(reason)s.") % {"reason": error})
        else:
            record(
                "wordpress.import_started",
                request=request,
                target=job,
                data={"export": job.export_name, "uploads": job.uploads_name, "dry_run": job.dry_run},
            )
            transaction.on_commit(jobs.start_worker)
            return redirect("wordpress_import_job", job.pk)
    return render(
        request,
        "wordpress/import_page.html",
        {
            "form": form,
            "jobs": ImportJob.objects.select_related("created_by")[:RECENT_JOBS],
            "max_size": max_upload_bytes(),
            "page_title": _("Import from WordPress"),
            "header_title": _("Import from WordPress"),
        },
    )


def job_page(request, pk):
    if refused := _refused(request):
        return refused
    job = jobs.check_abandoned(get_object_or_404(ImportJob, pk=pk))
    progress = None if job.is_done else jobs.progress_of(job)
    counts = [(_(label), job.counts.get(outcome, 0)) for outcome, label in OUTCOME_LABELS]
    return render(
        request,
        "wordpress/import_job.html",
        {
            "job": job,
            "progress": progress,
            "counts": counts,
            "refresh_seconds": None if job.is_done else REFRESH_SECONDS,
            "page_title": _("WordPress import %(number)s") % {"number": job.pk},
            "header_title": _("WordPress import %(number)s") % {"number": job.pk},
        },
    )


# The report's outcomes (vistka.wordpress.report.OUTCOMES) in the admin's language.
OUTCOME_LABELS = [
    ("created", gettext_lazy("Created")),
    ("updated", gettext_lazy("Updated")),
    ("unchanged", gettext_lazy("Unchanged")),
    ("skipped", gettext_lazy("Skipped")),
    ("reported", gettext_lazy("Imported with a note")),
]
