from vistka.accounts.tests.smtp import smtp_inbox  # noqa: F401 (fixture)
from vistka.newsroom.tests.helpers import (  # noqa: F401 (fixtures)
    editor_client,
    editor_uk,
    reporter_client,
    reporter_uk,
    translator_en,
)
