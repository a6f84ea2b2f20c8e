from vistka.newsroom.tests.helpers import editor_client, editor_uk  # noqa: F401 (fixtures)
