"""A Varnish (or whatever answers at its purge URL) that answers something other than HTTP: a
garbage status line, or a body cut short. The immediate PURGE after an editor's commit logs it and
leaves the event to the deliverer; the editor's request, whose change is committed, never fails
because of it."""

import socket
import threading

import pytest
from django.test import Client

from vistka.delivery import purge_delivery
from vistka.delivery.models import PurgeEvent, PurgeTarget
from vistka.delivery.tests.newsroom import last_event_id, publish_story, reread
from vistka.delivery.tests.test_restrictions import admin_user

ANSWERS = {
    "garbage status line": b"SPAM SPAM SPAM\r\n\r\n",
    "body cut short": b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<p>purged",
}


class BadServer:
    """A real socket on loopback that answers every request with `answer` and hangs up."""

    def __init__(self, answer):
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        self.requests = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # closed
            with client:
                received = b""
                while b"\r\n\r\n" not in received:
                    chunk = client.recv(4096)
                    if not chunk:
                        break
                    received += chunk
                self.requests += 1
                client.sendall(self.answer)

    def close(self):
        self.listener.close()
        self.thread.join(5)


@pytest.fixture(params=list(ANSWERS), ids=list(ANSWERS))
def bad_server(request):
    server = BadServer(ANSWERS[request.param])
    yield server
    server.close()


def test_an_editor_unpublishing_gets_no_error_from_a_varnish_answering_garbage(
    transactional_db, settings, bad_server
):
    settings.VARNISH_PURGE_URLS = []
    story = publish_story(title="Council meets on Thursday")
    settings.VARNISH_PURGE_URLS = [bad_server.url]
    before = last_event_id()
    editor = Client(raise_request_exception=False)
    editor.force_login(admin_user())

    answer = editor.post(f"/admin/pages/{story.pk}/unpublish/")

    assert answer.status_code == 302, answer.status_code
    assert not reread(story).live, "the change was not committed"
    assert bad_server.requests >= 1, "the immediate purge was never sent"
    event = PurgeEvent.objects.get(id__gt=before)
    assert event.hard
    target = PurgeTarget.objects.filter(url=bad_server.url).first()
    assert target is None or target.acknowledged < event.pk, "an answer that is not HTTP acknowledged it"

    assert purge_delivery.deliver_pending() == {bad_server.url: 0}
    target = PurgeTarget.objects.get(url=bad_server.url)
    assert target.acknowledged < event.pk and target.failures == 1
    assert target.last_error.startswith(("BadStatusLine", "IncompleteRead")), target.last_error
