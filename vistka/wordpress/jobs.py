"""Running the imports started from the newsroom, one at a time, outside the web process.

`run_next_job()` runs the oldest waiting job while it holds the import lock (a PostgreSQL
advisory lock, or an flock beside the jobs' files on SQLite), so only one import runs at a time
across every process. The operating system or the server drops the lock the moment its holder
dies: a job still marked running while nobody holds the lock was killed mid-run; it is marked
failed (and, the run being one transaction, nothing of it was written).

Progress goes to a small file in the job's folder, not the database: the run is one transaction,
so nothing it writes to the database can be seen before it ends.
"""

import json
import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from vistka.audit.log import record
from vistka.core.locks import advisory_key, advisory_lock, file_lock
from vistka.wordpress.importer import ImportFailed, run_import
from vistka.wordpress.job_model import ImportJob
from vistka.wordpress.mapping import Mapping
from vistka.wordpress.report import OUTCOMES
from vistka.wordpress.wxr import WXRError

logger = logging.getLogger("vistka.wordpress.jobs")

ADVISORY_LOCK_KEY = advisory_key("vistka.wordpress.import")
EXPORT_FILE = "export.xml"
UPLOADS_FOLDER = "uploads"
UPLOADS_ROOT_FILE = "uploads-root"  # the unpacked folder holding the year folders
PROGRESS_FILE = "progress.json"
WAIT_FOR_LOCK_SECONDS = 2
PROGRESS_EVERY = 25  # posts between two writes of the progress file


def jobs_folder() -> Path:
    """Private, under VAR_DIR (never under MEDIA_ROOT: an export holds drafts and private posts)."""
    folder = Path(settings.VAR_DIR) / "wordpress-imports"
    folder.mkdir(parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def job_folder(job) -> Path:
    return jobs_folder() / str(job.pk)


# --- the lock -------------------------------------------------------------------------------


def import_lock():
    """Yields True in the one process that may run an import now, False elsewhere (no waiting)."""
    if connection.vendor == "postgresql":
        return advisory_lock(ADVISORY_LOCK_KEY)
    return file_lock(jobs_folder() / ".lock")


def _fail_abandoned():
    """Mark failed the jobs left running by a process that died (call while holding the lock)."""
    for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING):
        _end(job, error="The import stopped unexpectedly (its process ended). Nothing was imported.")


def check_abandoned(job):
    """A running job whose process died is marked failed (the job page calls this)."""
    if job.status != ImportJob.Status.RUNNING:
        return job
    with import_lock() as held:
        if held:
            _fail_abandoned()
    job.refresh_from_db()
    return job


# --- progress -------------------------------------------------------------------------------


class Progress:
    """The importer's progress callback, written to the job's progress file now and then."""

    def __init__(self, job):
        self.path = job_folder(job) / PROGRESS_FILE
        self.state = {"stage": "reading", "done": 0, "total": None}

    def __call__(self, stage, total):
        self.state = {"stage": stage, "done": 0, "total": total}
        self.write()
        return self.step

    def step(self, n=1):
        before = self.state["done"]
        self.state["done"] += n
        if before // PROGRESS_EVERY != self.state["done"] // PROGRESS_EVERY:
            self.write()

    def write(self):
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps(self.state), encoding="utf-8")
        partial.replace(self.path)


def progress_of(job):
    """{"stage", "done", "total"} of a running job, or None."""
    try:
        return json.loads((job_folder(job) / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- running --------------------------------------------------------------------------------


def _end(job, *, report=None, error=""):
    job.status = ImportJob.Status.FAILED if error else ImportJob.Status.FINISHED
    job.error = error
    job.finished_at = timezone.now()
    if report is not None:
        job.counts = {outcome: report.count(outcome) for outcome in OUTCOMES}
        job.report_lines = report.lines()
    job.save()
    record(
        "wordpress.import_failed" if error else "wordpress.import_finished",
        actor=job.created_by,
        target=job,
        data={"dry_run": job.dry_run, "counts": job.counts, "error": error[:500]},
    )
    # The uploaded files are not kept: the report is in the database; an export holds private posts.
    shutil.rmtree(job_folder(job), ignore_errors=True)


def _run(job):
    folder = job_folder(job)
    uploads = None
    root_file = folder / UPLOADS_ROOT_FILE
    if root_file.exists():
        uploads = folder / root_file.read_text(encoding="utf-8")
    try:
        report = run_import(
            [folder / EXPORT_FILE],
            uploads=uploads,
            mapping=Mapping().with_edition(job.edition or None),
            dry_run=job.dry_run,
            progress=Progress(job),
        )
    except (WXRError, ImportFailed) as error:
        # The message names the stored file; the admin knows it by its uploaded name.
        message = str(error).replace(str(folder / EXPORT_FILE), job.export_name)
        _end(job, error=f"{message}. Nothing was imported.")
    except Exception as error:  # noqa: BLE001 (any failure is the job's, and is shown on its page)
        logger.exception("WordPress import %s failed", job.pk)
        _end(job, error=f"{type(error).__name__}: {error}. Nothing was imported.")
    else:
        _end(job, report=report)


def run_next_job():
    """Run the oldest waiting import, if no other process runs one. Returns the job run, or None.
    This is what the worker (and the scheduler, if it is given this call) runs."""
    with import_lock() as held:
        if not held:
            return None
        _fail_abandoned()
        with transaction.atomic():
            job = ImportJob.objects.filter(status=ImportJob.Status.QUEUED).order_by("id").first()
            if job is None:
                return None
            job.status = ImportJob.Status.RUNNING
            job.started_at = timezone.now()
            job.save(update_fields=["status", "started_at"])
        _run(job)
        return job


def run_waiting_jobs(wait=WAIT_FOR_LOCK_SECONDS):
    """Run waiting imports until none is left; while another process holds the lock (running an
    import, or a job page checking on one), wait for it."""
    while True:
        if run_next_job() is None:
            if not ImportJob.objects.filter(status=ImportJob.Status.QUEUED).exists():
                return
            time.sleep(wait)


def start_worker():
    """Start `manage.py run_wordpress_imports` detached from the web process (it outlives it;
    the shell in between exits at once, so no zombie is left behind). With
    WORDPRESS_IMPORT_RUNNER = "worker" nothing is started: a long-running
    `run_wordpress_imports --forever` (or anything calling run_next_job()) picks the job up."""
    if getattr(settings, "WORDPRESS_IMPORT_RUNNER", "process") != "process":
        return
    manage = Path(settings.BASE_DIR) / "manage.py"
    log = jobs_folder() / "worker.log"
    command = [sys.executable, str(manage), "run_wordpress_imports"]
    subprocess.run(  # noqa: S603 (fixed arguments)
        ["/bin/sh", "-c", 'log="$1"; shift; "$@" >>"$log" 2>&1 </dev/null &', "sh", str(log), *command],
        check=False,
        start_new_session=True,
        timeout=10,
    )
