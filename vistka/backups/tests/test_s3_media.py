"""With S3_BUCKET the media are the bucket's objects: backed up and restored through the configured
storage (django-storages' S3Storage), against moto's S3 server over real HTTP on loopback."""

import hashlib

import boto3
import pytest
from django.core.management import call_command

from vistka.backups import media
from vistka.backups.tests.helpers import drop_database, row_counts
from vistka.delivery.tests.harness import free_port
from vistka.reader.tests.builders import jpeg_image

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "vistka-media"


@pytest.fixture
def s3_media(settings, monkeypatch):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "backup-test", "aws_secret_access_key": "backup-test-secret"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=BUCKET)
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "region_name": "us-east-1",
        "access_key": credentials["aws_access_key_id"],
        "secret_key": credentials["aws_secret_access_key"],
        "querystring_auth": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    yield client
    server.stop()


def bucket_sums(client):
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {
        item["Key"]: hashlib.sha256(
            client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
        ).hexdigest()
        for item in objects
    }


def test_bucket_objects_round_trip(s3_media, backup_dir):
    jpeg_image("In the bucket")
    jpeg_image("Also in the bucket")
    objects, rows = bucket_sums(s3_media), row_counts()
    assert len(objects) == 2 and all(key.startswith("original_images/") for key in objects)
    assert media.list_names() == sorted(objects)

    call_command("backup", to=str(backup_dir))
    (archive,) = [p for p in backup_dir.iterdir() if p.name.startswith("vistka-backup-")]
    drop_database()
    for key in objects:
        s3_media.delete_object(Bucket=BUCKET, Key=key)
    assert bucket_sums(s3_media) == {}

    call_command("restore", str(archive))
    assert bucket_sums(s3_media) == objects
    assert row_counts() == rows
