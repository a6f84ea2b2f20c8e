"""The newsroom's WordPress import page: Admins upload, the job runs outside the request, the
page shows progress and the report. The job is run here by the same call the worker makes."""

import io
import threading
import zipfile
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from wagtail.images import get_image_model

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (  # noqa: F401 (fixtures)
    client_for,
    editor_client,
    editor_uk,
    make_staff,
    prefer_admin_language,
    reporter_client,
    reporter_uk,
    translator_client,
    translator_en,
)
from vistka.stories.models import ArticlePage
from vistka.wordpress import jobs
from vistka.wordpress.job_model import ImportJob
from vistka.wordpress.models import ImportedObject
from vistka.wordpress.tests.import_sites import jpeg, small_site

PAGE = "/admin/wordpress-import/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_folders(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.WORDPRESS_IMPORT_RUNNER = "worker"  # no worker process: the test runs the job


@pytest.fixture
def admin_client():
    """An Admin who reads the newsroom in English (the site's default is Ukrainian)."""
    return client_for(prefer_admin_language(make_staff("import-admin", roles.ADMINS), "en"))


@pytest.fixture
def export_bytes(tmp_path):
    site, _ = small_site()
    return site.write(tmp_path / "site.xml").read_bytes()


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, export, *, uploads=None, **fields):
    data = {"export": SimpleUploadedFile("vesti.xml", export, content_type="text/xml"), **fields}
    if uploads is not None:
        data["uploads"] = SimpleUploadedFile("uploads.zip", uploads, content_type="application/zip")
    return client.post(PAGE, data)


@contextmanager
def lock_held_elsewhere():
    """The import lock held by another thread, so another database session (as by a worker)."""
    taken, release = threading.Event(), threading.Event()

    def hold():
        try:
            with jobs.import_lock() as held:
                assert held
                taken.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(timeout=30)
    try:
        yield
    finally:
        release.set()
        holder.join()


def job_page(client, job):
    return client.get(reverse("wordpress_import_job", args=[job.pk]))


def test_an_admin_uploads_an_export_and_the_job_imports_it(admin_client, export_bytes):
    assert PAGE in admin_client.get("/admin/").content.decode()  # the menu item
    uploads = zipped({"wp-content/uploads/2024/03/mist.jpg": jpeg()})
    response = upload(admin_client, export_bytes, uploads=uploads, edition="uk")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "wordpress_import_job", args=[job.pk]
    )
    assert (jobs.job_folder(job) / "export.xml").exists()
    assert not str(jobs.job_folder(job)).startswith(str(settings.MEDIA_ROOT))

    waiting = job_page(admin_client, job).content.decode()
    assert 'http-equiv="refresh"' in waiting and "Waiting for the import to start" in waiting

    assert jobs.run_next_job() == job
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FINISHED, job.error
    assert ArticlePage.objects.filter(title__startswith="Новина").count() == 3
    assert get_image_model().objects.filter(title="Старий міст").exists()  # from the zip
    text = job_page(admin_client, job).content.decode()
    assert 'http-equiv="refresh"' not in text
    assert job.counts["created"] > 0 and "posts: 3" in text
    assert not jobs.job_folder(job).exists()  # the uploaded files are not kept
    assert AuditEvent.objects.filter(action="wordpress.import_started", object_id=str(job.pk)).exists()
    assert AuditEvent.objects.filter(action="wordpress.import_finished", object_id=str(job.pk)).exists()


def test_the_page_speaks_the_admins_language(export_bytes):
    admin = prefer_admin_language(make_staff("import-admin-ru", roles.ADMINS), "ru")
    client = client_for(admin)
    upload(client, export_bytes, edition="uk")
    job = ImportJob.objects.get()
    jobs.run_next_job()
    text = job_page(client, job).content.decode()
    assert "Создано" in text  # "Created"
    assert "Импорт из WordPress" in client.get(PAGE).content.decode()


def test_progress_is_shown_while_the_job_runs(admin_client, export_bytes):
    upload(admin_client, export_bytes, edition="uk")
    job = ImportJob.objects.get()
    job.status = ImportJob.Status.RUNNING
    job.save()
    progress = jobs.Progress(job)
    step = progress("importing", 40)
    for _ in range(25):
        step()
    with lock_held_elsewhere():  # the worker holds the lock while it runs
        text = job_page(admin_client, job).content.decode()
    assert "25" in text and "40" in text and 'http-equiv="refresh"' in text


def test_a_job_whose_process_died_is_marked_failed(admin_client, export_bytes):
    upload(admin_client, export_bytes, edition="uk")
    job = ImportJob.objects.get()
    job.status = ImportJob.Status.RUNNING  # and no process holds the lock
    job.save()
    text = job_page(admin_client, job).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "stopped unexpectedly" in text


@pytest.mark.parametrize("client_name", ["editor_client", "reporter_client", "translator_client"])
def test_other_roles_get_403_on_every_url_and_no_menu_item(request, client_name, admin_client, export_bytes):
    upload(admin_client, export_bytes, edition="uk")
    job = ImportJob.objects.get()
    client = request.getfixturevalue(client_name)
    assert client.get(PAGE).status_code == 403
    assert job_page(client, job).status_code == 403
    assert upload(client, export_bytes).status_code == 403
    assert ImportJob.objects.count() == 1
    assert PAGE not in client.get("/admin/").content.decode()


def test_a_malformed_export_fails_with_its_line_and_imports_nothing(admin_client, export_bytes):
    lines = export_bytes.decode().splitlines(keepends=True)
    lines[20] = "<wp:post_id>oops</wp:postid>\n"
    upload(admin_client, "".join(lines).encode(), edition="uk")
    job = ImportJob.objects.get()
    stories = ArticlePage.objects.count()
    jobs.run_next_job()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    text = job_page(admin_client, job).content.decode()
    assert "vesti.xml" in text and "line 21" in text and "column" in text
    assert "Nothing was imported" in text
    assert ArticlePage.objects.count() == stories and not ImportedObject.objects.exists()


@pytest.mark.parametrize(
    "entries",
    [
        {"../evil.jpg": b"x"},
        {"2024/../../evil.jpg": b"x"},
        {"/etc/evil.jpg": b"x"},
    ],
)
def test_a_zip_leaving_its_folder_is_refused(admin_client, export_bytes, entries, tmp_path):
    response = upload(admin_client, export_bytes, uploads=zipped(entries))
    assert response.status_code == 200 and "The zip was refused" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not list(tmp_path.rglob("evil.jpg"))


def test_a_zip_with_a_symlink_is_refused(admin_client, export_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("2024/link.jpg")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    response = upload(admin_client, export_bytes, uploads=buffer.getvalue())
    assert "symbolic link" in response.content.decode() and not ImportJob.objects.exists()


def test_a_zip_bomb_stops_at_the_limit(tmp_path):
    from vistka.wordpress import uploads_zip

    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("2024/zeros.bin", b"\0" * 2_000_000)
    with pytest.raises(uploads_zip.UnsafeArchive):
        uploads_zip.unpack(archive, tmp_path / "out", max_bytes=1_000_000)
    assert not (tmp_path / "out").exists()
    with pytest.raises(uploads_zip.UnsafeArchive):
        uploads_zip.unpack(archive, tmp_path / "out", max_files=0)


def test_a_file_that_is_not_xml_is_refused(admin_client):
    response = upload(admin_client, b"\x89PNG not an export")
    assert response.status_code == 200 and "not an XML file" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_export_over_the_limit_is_refused(admin_client, export_bytes, settings):
    """The form's backstop (the WSGI body limit, not in the test client's path, answers a larger
    request with 413 before Django reads it)."""
    settings.NEWSROOM_MAX_BODY_BYTES = len(export_bytes) - 1
    response = upload(admin_client, export_bytes)
    assert response.status_code == 200 and "The file is too big" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_dry_run_writes_nothing(admin_client, export_bytes):
    upload(admin_client, export_bytes, edition="uk", dry_run="on")
    job = ImportJob.objects.get()
    stories = ArticlePage.objects.count()
    jobs.run_next_job()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FINISHED and job.counts["created"] > 0
    assert ArticlePage.objects.count() == stories and not ImportedObject.objects.exists()
    assert "Dry run: nothing was written." in job_page(admin_client, job).content.decode()


def test_uploading_the_same_export_again_changes_nothing(admin_client, export_bytes):
    uploads = zipped({"wp-content/uploads/2024/03/mist.jpg": jpeg()})
    for _ in range(2):
        upload(admin_client, export_bytes, uploads=uploads, edition="uk")
        jobs.run_next_job()
    first, second = ImportJob.objects.order_by("pk")
    assert first.status == second.status == ImportJob.Status.FINISHED, (first.error, second.error)
    assert first.counts["created"] > 0
    assert second.counts.get("created", 0) == 0 and second.counts.get("updated", 0) == 0, second.counts
