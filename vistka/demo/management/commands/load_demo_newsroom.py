"""Fill the database with an original, fictional demo newsroom in all three editions."""

import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from vistka.delivery.purge import suspended as purges_suspended
from vistka.demo.plan import EDITION_CODES, KYIV, build_plan
from vistka.demo.writer import COLLECTION_NAME, NewsroomWriter, demo_exists


def anchor_time(value):
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=KYIV)


SUPPORT = {
    "uk": (
        "Підтримайте незалежну журналістику",
        "Vistka живе з внесків читачів. Долучіться щомісяця.",
        "Підтримати",
    ),
    "ru": (
        "Поддержите независимую журналистику",
        "Vistka живёт на взносы читателей. Присоединяйтесь.",
        "Поддержать",
    ),
    "en": (
        "Support independent journalism",
        "Vistka is funded by its readers. Join them every month.",
        "Support us",
    ),
}


def add_edition_settings():
    """The 'Support us' call of each edition (an example donation address)."""
    from wagtail.models import Locale

    from vistka.editions.models import EditionSettings

    for code, (heading, text, button) in SUPPORT.items():
        EditionSettings.objects.update_or_create(
            locale=Locale.objects.get(language_code=code),
            defaults={
                "support_heading": heading,
                "support_text": text,
                "support_button": button,
                "support_url": "https://donate.example.org/vistka",
            },
        )


class Command(BaseCommand):
    help = (
        "Generate a demo newsroom: several hundred fictional stories per edition with translations, "
        "authors, sources, tags, sections, pictures, corrections and a live blog. Does nothing if the "
        "demo is already loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=7, help="The same seed gives the same newsroom.")
        parser.add_argument("--days", type=int, default=30, help="Spread publication over this many days.")
        parser.add_argument(
            "--stories-per-edition",
            type=int,
            default=300,
            help=(
                "Published stories in each edition, the live blog included (default 300; at least 10, "
                "and from 20 up news is the majority)."
            ),
        )
        parser.add_argument("--drafts", type=int, default=3, help="Drafts per edition.")
        parser.add_argument("--scheduled", type=int, default=2, help="Scheduled stories per edition.")
        parser.add_argument(
            "--images", type=int, default=48, help="Pictures to draw and share among stories."
        )
        parser.add_argument(
            "--anchor",
            type=anchor_time,
            default=None,
            help="Date the newsroom as if loaded at this time (ISO 8601; default: now, to the hour).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, **options):
        if demo_exists():
            self.stdout.write(
                f'The demo newsroom is already loaded (the "{COLLECTION_NAME}" image collection exists). '
                "Nothing to do."
            )
            return
        if options["stories_per_edition"] < 10:
            raise CommandError("--stories-per-edition must be at least 10, so that every kind of story fits.")
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        if options["images"] < 3:
            raise CommandError("--images must be at least 3, so that photo galleries can be filled.")
        plan = build_plan(
            seed=options["seed"],
            days=options["days"],
            per_edition=options["stories_per_edition"],
            anchor=options["anchor"],
            drafts=options["drafts"],
            scheduled=options["scheduled"],
            pictures=options["images"],
        )

        def progress(stories):
            return tqdm(
                stories, desc="Stories", unit="story", file=sys.stderr, disable=options["no_progress"]
            )

        with purges_suspended():
            summary = NewsroomWriter(plan, progress=progress).run()
            add_edition_settings()
        out = self.stdout
        out.write(self.style.SUCCESS(f"Demo newsroom loaded in {summary.seconds:.1f} s (seed {plan.seed})."))
        for code in EDITION_CODES:
            out.write(f"  {code}: {summary.stories.get(code, 0)} published stories")
        out.write(
            f"  stories in more than one edition: {summary.translated} "
            f"({summary.translations} translated pages)"
        )
        out.write(f"  drafts: {summary.drafts}, scheduled: {summary.scheduled}")
        out.write(
            f"  in each edition: {summary.authors} authors, {summary.sources} sources, {summary.tags} tags, "
            f"{summary.sections} sections"
        )
        out.write(
            f"  images: {summary.images}, live entries: {summary.live_entries}, "
            f"corrections and updates: {summary.corrections}"
        )
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.phases.items())
        out.write(f"  time: {phases} (search and reference indexes updated for every new object)")
