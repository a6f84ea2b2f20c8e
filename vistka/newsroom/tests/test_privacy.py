"""The admin sends nothing about its staff to third parties: no Gravatar (a hash of each editor's
e-mail address, fetched from gravatar.com by every browser that shows the admin)."""

import pytest

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff


@pytest.mark.django_db
def test_admin_pages_load_no_gravatar():
    editor = make_staff("editor-uk", (roles.EDITORS, "uk"))
    for path in ("/admin/", "/admin/account/", "/admin/pages/"):
        response = client_for(editor).get(path, follow=True)
        assert response.status_code == 200, path
        assert "gravatar" not in response.content.decode().lower(), path
