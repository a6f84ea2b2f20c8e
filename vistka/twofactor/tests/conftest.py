from vistka.newsroom.tests.helpers import editor_uk, reporter_uk, translator_en  # noqa: F401 (fixtures)
from vistka.twofactor.tests.helpers import two_factor_required  # noqa: F401 (fixture)
