"""Issue 13: sign-in throttling through a real Varnish (deploy/varnish/vistka.vcl) in front of the app
under granian, with TRUSTED_PROXIES=127.0.0.1/32 for the app only. Each client connects from its own
loopback address, so Varnish appends a different real peer to X-Forwarded-For for each:

- an address that failed 5 times (the 5th is answered by the throttle already) is refused even the
  right password, the refusal is never cached for others, and the editor signs in from elsewhere;
- an X-Forwarded-For the client writes itself (fixed, rotating, naming a trusted proxy or the
  victim's address) does not move the throttle off the client's real address;
- cached reader pages stay hits, and fast, while wrong-password posts flood the sign-in (the p99
  is printed and kept loose: CI machines are loaded).
"""

import random
import threading
import time

import pytest

from vistka.accounts.tests.varnish_helpers import (
    Edge,
    is_sign_in_form,
    is_throttled,
    percentile,
    signed_in,
)
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff

PASSWORD = "correct horse battery"  # noqa: S105
ATTACKER, VICTIM, READER = "127.0.0.2", "127.0.0.3", "127.0.0.4"
FLOOD_SECONDS = 5.0
FLOOD_THREADS = 4
READER_P99_BOUND = 0.2  # seconds; loose on purpose (measured figures are printed)


@pytest.fixture
def editor(transactional_db):
    """Committed: granian (another process) reads it; on SQLite from a copy made at its start."""
    user = make_staff("editor", (roles.EDITORS, "uk"))
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def edge(editor, tmp_path):
    stack = Edge(tmp_path, trusted_proxies="127.0.0.1/32").start()
    yield stack
    stack.stop()


def random_address():
    return ".".join(str(random.randint(1, 223)) for _ in range(4))


def test_a_locked_address_is_refused_the_refusal_is_not_cached_and_the_editor_signs_in_elsewhere(edge):
    attacker = edge.browser(ATTACKER)
    for attempt in range(1, 6):
        answer = attacker.sign_in("editor", f"wrong-{attempt}")
        # The 5th failure is counted and locks at once: it is answered by the throttle already.
        assert is_sign_in_form(answer) if attempt < 5 else is_throttled(answer), (attempt, answer.status)

    refused = attacker.sign_in("editor", PASSWORD)
    assert is_throttled(refused), (refused.status, refused.body[:200])
    assert not signed_in(refused)
    assert refused.x_cache == "MISS" and "no-store" in refused.header("Cache-Control")

    # Varnish passed the refusal and kept nothing: others (and the attacker's own GET) see the form.
    for address in ("127.0.0.5", ATTACKER, VICTIM):
        page = edge.browser(address).get("/admin/login/")
        assert is_sign_in_form(page), (address, page.status)
        assert page.x_cache == "MISS"
    assert edge.browser("127.0.0.5").sign_in("nobody", "wrong").status == 200

    # The victim, from another address, is not locked out.
    victim = edge.browser(VICTIM)
    welcome = victim.sign_in("editor", PASSWORD)
    assert signed_in(welcome), (welcome.status, welcome.body[:200])
    assert victim.get("/admin/").status == 200
    # ...and the attacker's lock outlives the victim's success.
    assert is_throttled(attacker.sign_in("editor", PASSWORD))


SPOOFED = [
    "203.0.113.7",
    "127.0.0.1",  # a trusted proxy's address
    VICTIM,  # the victim's address
    "198.51.100.1, 127.0.0.1",  # a whole chain ending in a trusted hop
    "not-an-address",
    "[::1]:80",
]


def test_a_spoofed_forwarded_for_is_still_throttled_as_the_real_address(edge):
    attacker = edge.browser(ATTACKER)
    for attempt in range(1, 6):
        header = {"X-Forwarded-For": SPOOFED[attempt] if attempt % 2 else random_address()}
        answer = attacker.sign_in("editor", f"wrong-{attempt}", headers=header)
        expected = is_sign_in_form(answer) if attempt < 5 else is_throttled(answer)
        assert expected, (attempt, header, answer.status)

    for spoof in [*SPOOFED, random_address(), random_address()]:
        answer = attacker.sign_in("editor", PASSWORD, headers={"X-Forwarded-For": spoof})
        assert is_throttled(answer), (spoof, answer.status)
        assert not signed_in(answer)

    # The failures were counted against 127.0.0.2 only: not against the victim's address it named.
    assert signed_in(edge.browser(VICTIM).sign_in("editor", PASSWORD))


def test_cached_pages_stay_hits_and_fast_while_wrong_passwords_flood_the_sign_in(edge, capsys):
    reader = edge.browser(READER)
    warm = [reader.get("/") for _ in range(2)]
    assert [(page.status, page.x_cache) for page in warm] == [(200, "MISS"), (200, "HIT")]
    quiet = [reader.get("/").elapsed for _ in range(200)]

    deadline = time.monotonic() + FLOOD_SECONDS
    outcomes, outcomes_lock = {}, threading.Lock()
    errors = []

    def flood():
        try:
            attacker = edge.browser(ATTACKER)
            attacker.open_sign_in()
            while time.monotonic() < deadline:
                spoof = {"X-Forwarded-For": random_address()}
                answer = attacker.sign_in("editor", f"wrong-{random.random()}", headers=spoof)
                kind = str(answer.status)
                if answer.status == 503:  # the gate's busy page, or Varnish's when the app was unreachable
                    kind += " gate" if answer.header("Retry-After") == "5" else " varnish"
                with outcomes_lock:
                    outcomes[kind] = outcomes.get(kind, 0) + 1
                if signed_in(answer):
                    errors.append("a wrong password signed in")
        except Exception as error:  # noqa: BLE001 (reported by the test)
            errors.append(repr(error))

    threads = [threading.Thread(target=flood, daemon=True) for _ in range(FLOOD_THREADS)]
    for thread in threads:
        thread.start()
    during = []
    while time.monotonic() < deadline:
        page = reader.get("/")
        during.append(page)
    for thread in threads:
        thread.join(30)

    assert not errors, errors
    assert all(not thread.is_alive() for thread in threads)
    served = {(page.status, page.x_cache) for page in during}
    assert served == {(200, "HIT")}, served
    assert all(page.body == warm[1].body for page in during)
    # The address was locked after its 5th failure: the rest of the flood was refused.
    assert outcomes.get("429", 0) >= 5 and outcomes.get("200", 0) <= 5, outcomes
    # The gate kept threads free: Varnish's health probe never found the app unreachable.
    assert "503 varnish" not in outcomes, outcomes

    timings = {
        "quiet p50": percentile(quiet, 0.5),
        "quiet p99": percentile(quiet, 0.99),
        "flood p50": percentile([page.elapsed for page in during], 0.5),
        "flood p99": percentile([page.elapsed for page in during], 0.99),
        "flood max": max(page.elapsed for page in during),
    }
    line = ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in timings.items())
    line += f"; {len(during)} reader requests, posts by status {dict(sorted(outcomes.items()))}"
    with capsys.disabled():
        print(f"\ncached home page through Varnish during a sign-in flood: {line}")  # noqa: T201
    assert timings["flood p99"] < READER_P99_BOUND, line

    # The victim still signs in from elsewhere.
    assert signed_in(edge.browser(VICTIM).sign_in("editor", PASSWORD))
