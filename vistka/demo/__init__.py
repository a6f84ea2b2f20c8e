"""The demo newsroom: ``manage.py load_demo_newsroom`` fills the database with an original,
fictional newsroom in all three editions.

- ``text``: parallel-language helpers (``L`` triples, numbers, plural-safe counts);
- ``records``: sections, tags, authors, sources, places and people banks;
- ``topics`` and ``features``: headline and body templates for every kind of story;
- ``images``: pictures drawn with Pillow;
- ``plan``: the whole newsroom as data, deterministic for a seed;
- ``writer``: turns a plan into records, images and pages.
"""
