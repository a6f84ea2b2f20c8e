from vistka.newsroom.tests.helpers import (  # noqa: F401 (fixtures)
    editor_uk,
    reporter_uk,
    translator_client,
    translator_en,
)
