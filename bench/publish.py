"""Publishes one news story when told to, in a process of its own (as an editor's request would).

    python -m bench.publish --title T --section ID --tag ID [--author ID] [--image ID]

Prints READY once Django is set up (and warm), waits for a line on stdin, publishes, and prints
`PUBLISHED <seconds the publish took> <url>`.
"""

import argparse
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--title", required=True)
    parser.add_argument("--section", type=int, required=True)
    parser.add_argument("--tag", type=int, required=True)
    parser.add_argument("--author", type=int)
    parser.add_argument("--image", type=int)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
    import django

    django.setup()
    from vistka.people.models import Author
    from vistka.stories.factories import ArticlePageFactory
    from vistka.taxonomy.models import Section, Tag

    section = Section.objects.get(pk=args.section)
    tag = Tag.objects.get(pk=args.tag)
    authors = [Author.objects.get(pk=args.author)] if args.author else []
    # Warm this process up (imports, first queries) with a draft, as a running admin server is warm.
    ArticlePageFactory(title="Bench warm-up draft", section=section, tags=[tag], state="draft")
    print("READY", flush=True)  # noqa: T201
    sys.stdin.readline()
    start = time.perf_counter()
    page = ArticlePageFactory(
        title=args.title,
        lead="A story published by the bench to time how soon readers see it.",
        section=section,
        tags=[tag],
        authors=authors,
        lead_image_id=args.image,
        lead_image_alt="Bench picture" if args.image else "",
    )
    print(f"PUBLISHED {time.perf_counter() - start:.3f} {page.url}", flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
