"""Measure a (generated) archive: search latency under concurrency and cold story renders.

    manage.py archive_bench [--queries 200] [--concurrency 16] [--processes] [--renders 30] [--http]
                            [--order relevance|new] [--words common|rare|pairs]
    manage.py archive_bench --explain "ремонт доріг" [--edition uk] [--order new]

Search: --queries searches for words of the generated text (uk/ru/en in turn; --words: common
words, rare ones, or two-word queries), run by --concurrency threads, each with its own database
connection, through ``vistka.reader.search.search_stories`` (or, with --http, GET /search/?q=
through the test client, templates included). Reports p50/p95/p99/max and throughput. Each
thread warms its own connection with one untimed search per edition before the clock starts.
With --processes the --concurrency searchers are processes instead (one thread each, as the app
serves searches): threads of one process share its interpreter lock, so there each search waits
for the others' Python, and a thread back from the database waits its turn again.

--explain runs one search and prints EXPLAIN (ANALYZE, BUFFERS) of each query it made.

Renders: --renders random visible stories, each fetched twice with the caches cleared before
each fetch: the first fetch may create image renditions (a one-off write); the second is the
cold render a reader gets after a deploy or a purge. Reports queries and time.
"""

import random
import statistics
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.models import Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from vistka.stories.models import ArticlePage

# Words every edition's generated text uses often (phrase banks in vistka/archive/words.py).
COMMON = {
    "uk": [
        "бюджет", "Київ", "реформа", "мешканців", "ремонт доріг", "транспорт", "Одеса", "вибори",
        "фермерів", "електроенергії", "зерна", "шкіл", "Харків", "переселенцям", "тарифи", "засідання",
        "опитування", "кошторис", "Львів", "зими",
    ],
    "ru": [
        "бюджет", "Киев", "реформа", "жителей", "ремонт дорог", "транспорт", "Одесса", "выборы",
        "фермеров", "электроэнергии", "зерна", "школ", "Харьков", "переселенцам", "тарифы", "заседание",
        "опрос", "смета", "Львов", "зиме",
    ],
    "en": [
        "budget", "Kyiv", "reform", "residents", "road repairs", "transport", "Odesa", "elections",
        "farmers", "electricity", "grain", "schools", "Kharkiv", "displaced", "tariffs", "meeting",
        "survey", "estimate", "Lviv", "winter",
    ],
}  # fmt: skip
# Words of the generated text with few stories (a number, a year, a name with a number) or none.
RARE = {
    "uk": ["157", "302", "2013", "штаб 2007", "189 86", "Олійник 302", "абракадабра"],
    "ru": ["157", "348", "2013", "штаб 2007", "Олейник 302", "львова 55", "абракадабра"],
    "en": ["157", "307", "2013", "stormy", "Oliinyk 302", "admission 55", "abracadabra"],
}
# Two words, each common, together less so.
PAIRS = {
    "uk": ["бюджет Київ", "ремонт доріг Одеса", "вибори Львів", "тарифи зими", "фермерів зерна",
           "транспорт Харків", "шкіл реформа"],
    "ru": ["бюджет Киев", "ремонт дорог Одесса", "выборы Львов", "тарифы зиме", "фермеров зерна",
           "транспорт Харьков", "школ реформа"],
    "en": ["budget Kyiv", "road repairs Odesa", "elections Lviv", "tariffs winter", "farmers grain",
           "transport Kharkiv", "schools reform"],
}  # fmt: skip
WORDS = {"common": COMMON, "rare": RARE, "pairs": PAIRS}


def warm_up(locales, codes):
    """One untimed search per edition on this connection: a new PostgreSQL backend's first queries
    load the catalog (a few ms), as a long-lived application connection would have; lemmatiser
    dictionaries and memos too."""
    from vistka.reader.search import search_stories

    for code in codes:
        search_stories(locales[code], code, COMMON[code][0])


def timed_search(locales, code, query, order):
    """(seconds, code, query, hits) of one ``search_stories()``."""
    from vistka.reader.search import search_stories

    started = time.perf_counter()
    hits = len(search_stories(locales[code], code, query, order=order).hits)
    return time.perf_counter() - started, code, query, hits


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


class Command(BaseCommand):
    help = "Search p95 under concurrent queries and cold story renders on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--concurrency", type=int, default=16)
        parser.add_argument(
            "--processes", action="store_true", help="Searchers are processes, not threads of one."
        )
        parser.add_argument("--renders", type=int, default=30)
        parser.add_argument(
            "--http", action="store_true", help="Search through GET /search/?q= (templates too)."
        )
        parser.add_argument("--order", choices=("relevance", "new"), default="relevance")
        parser.add_argument("--words", choices=tuple(WORDS), default="common")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--explain", metavar="QUERY", help="EXPLAIN ANALYZE the queries of one search.")
        parser.add_argument("--edition", default="uk", help="Edition of --explain (default uk).")

    def handle(self, *args, **options):
        if options["processes"] and options["http"]:
            raise CommandError("--processes measures search_stories(); use --http without it.")
        locales = dict(Locale.objects.values_list("language_code", "pk"))
        rng = random.Random(options["seed"])  # noqa: S311 - picking samples
        if options["explain"]:
            self.explain(locales, options)
            return
        if options["queries"]:
            self.search(locales, options)
        if options["renders"]:
            self.renders(locales, rng, options["renders"])

    # --- search -------------------------------------------------------------------------------

    def search(self, locales, options):
        from vistka.editions.languages import get_edition

        jobs = []
        codes = [code for code in ("uk", "ru", "en") if code in locales]
        for i in range(options["queries"]):
            code = codes[i % len(codes)]
            words = WORDS[options["words"]][code]
            jobs.append((code, words[(i // len(codes)) % len(words)]))
        lock = threading.Lock()
        timings = []  # (seconds, code, query, hits)
        errors = []
        order = options["order"]

        ready = threading.Barrier(options["concurrency"] + 1)

        def worker():
            client = Client(HTTP_HOST="localhost") if options["http"] else None
            try:
                warm_up(locales, codes)  # this thread's own connection
            finally:
                ready.wait()
            try:
                while True:
                    with lock:
                        if not jobs:
                            return
                        code, query = jobs.pop(0)
                    if client is not None:
                        started = time.perf_counter()
                        response = client.get(
                            f"{get_edition(code).prefix}search/",
                            {"q": query, "order": order},
                            secure=settings.SECURE_SSL_REDIRECT,
                        )
                        timing = (time.perf_counter() - started, code, query, response.status_code)
                    else:
                        timing = timed_search(locales, code, query, order)
                    with lock:
                        timings.append(timing)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(repr(error))
            finally:
                connections.close_all()

        warm_up(locales, codes)
        if options["processes"]:
            timings, errors, wall = self.search_in_processes(locales, codes, jobs, order, options)
            self.report_search(timings, errors, wall, order, options)
            return
        threads = [threading.Thread(target=worker) for _ in range(options["concurrency"])]
        for thread in threads:
            thread.start()
        ready.wait()  # every worker has warmed its connection
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        self.report_search(timings, errors, wall, order, options)

    def search_in_processes(self, locales, codes, jobs, order, options):
        """The jobs shared out to --concurrency forked processes, each with its own connection
        warmed as in thread mode, all started together. Returns (timings, errors, wall)."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        count = options["concurrency"]
        ready = context.Barrier(count + 1)
        results = context.Queue()
        connections.close_all()  # each process opens its own

        def searcher(share):
            timings, errors = [], []
            try:
                warm_up(locales, codes)  # this process's own connection
            finally:
                ready.wait()
            try:
                for code, query in share:
                    timings.append(timed_search(locales, code, query, order))
            except Exception as error:  # noqa: BLE001 - reported by the parent
                errors.append(repr(error))
            finally:
                connections.close_all()
                results.put((timings, errors))

        processes = [context.Process(target=searcher, args=(jobs[i::count],)) for i in range(count)]
        for process in processes:
            process.start()
        ready.wait()
        started = time.perf_counter()
        timings, errors = [], []
        for _ in processes:
            found, failed = results.get()
            timings += found
            errors += failed
        wall = time.perf_counter() - started
        for process in processes:
            process.join()
        return timings, errors, wall

    def report_search(self, timings, errors, wall, order, options):
        seconds = [t for t, *_ in timings]
        out = self.stdout
        mode = "GET /search/" if options["http"] else "search_stories()"
        if options["processes"]:
            mode += " in processes"
        out.write(
            f"Search, {mode}, order={order}, {options['words']} words: {len(timings)} queries, "
            f"{options['concurrency']} at a time, "
            f"{wall:.1f} s ({len(timings) / wall:.1f} queries/s)"
        )
        if seconds:
            out.write(
                "  latency ms: "
                f"p50 {percentile(seconds, 0.5) * 1000:.0f}, p95 {percentile(seconds, 0.95) * 1000:.0f}, "
                f"p99 {percentile(seconds, 0.99) * 1000:.0f}, max {max(seconds) * 1000:.0f}, "
                f"mean {statistics.mean(seconds) * 1000:.0f}"
            )
            slowest = sorted(timings, reverse=True)[:5]
            out.write(
                "  slowest: "
                + "; ".join(
                    f"[{code}] {query!r} {t * 1000:.0f} ms ({hits})" for t, code, query, hits in slowest
                )
            )
        if errors:
            out.write(self.style.ERROR(f"  {len(errors)} errors, first: {errors[0]}"))

    def explain(self, locales, options):
        from vistka.reader.search import search_stories

        code = options["edition"]
        query = options["explain"]
        search_stories(locales[code], code, query, order=options["order"])  # warm caches
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            results = search_stories(locales[code], code, query, order=options["order"])
            elapsed = time.perf_counter() - started
        self.stdout.write(
            f"[{code}] {query!r}, order={options['order']}: {len(results.hits)} hits, "
            f"{elapsed * 1000:.1f} ms, {len(captured.captured_queries)} queries"
        )
        if connection.vendor != "postgresql":
            return
        for number, item in enumerate(captured.captured_queries, start=1):
            self.stdout.write(f"\n--- query {number} ({float(item['time']) * 1000:.1f} ms) ---")
            self.stdout.write(" ".join(item["sql"].split())[:600])
            if item["sql"].lstrip().upper().startswith("EXPLAIN"):
                continue  # the planner's estimates
            # A slice query comes with the SET LOCAL statements that pick its plan: explain the
            # SELECT in the same message.
            statements = item["sql"].split("; ")
            sql = "; ".join(
                f"EXPLAIN (ANALYZE, BUFFERS) {s}" if s.lstrip().upper().startswith(("SELECT", "WITH")) else s
                for s in statements
            )
            with connection.cursor() as cursor:
                cursor.execute(sql)
                while cursor.description is None:
                    cursor.nextset()
                plan = [row[0] for row in cursor.fetchall()]
            self.stdout.write("\n".join(plan))

    # --- renders ------------------------------------------------------------------------------

    def renders(self, locales, rng, count):
        client = Client(HTTP_HOST="localhost")
        stats = {"first": [], "cold": []}
        bounds = ArticlePage.objects.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            self.stdout.write("No stories.")
            return
        picked = 0
        statuses = {}
        while picked < count:
            pk = rng.randint(bounds["low"], bounds["high"])
            story = ArticlePage.objects.filter(pk__gte=pk).order_by("pk").first()
            if story is None:
                continue
            picked += 1
            url = story.url
            for name in ("first", "cold"):
                for alias in caches:
                    caches[alias].clear()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
                    elapsed = time.perf_counter() - started
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                stats[name].append((len(queries), elapsed))
        for name, label in (("first", "first view (may create renditions)"), ("cold", "cold caches")):
            counts = [n for n, _t in stats[name]]
            times = [t for _n, t in stats[name]]
            self.stdout.write(
                f"Story render, {label}: {len(times)} stories, queries min {min(counts)} / median "
                f"{statistics.median(counts):.0f} / max {max(counts)}; "
                f"ms p50 {percentile(times, 0.5) * 1000:.0f}, p95 {percentile(times, 0.95) * 1000:.0f}, "
                f"max {max(times) * 1000:.0f}"
            )
        self.stdout.write(f"  statuses: {statuses}")
