"""Who may do what with images, documents and staff accounts, through the real admin views (issue 13).

Images and documents are shared by the editions (a photo serves the uk story and its ru and en
translations), so "own" and "other" edition mean who uploaded the file: the actor ("mine"), a
colleague of the actor's edition ("colleague") or a member of another edition ("other"). "+used"
is an image a published story shows as its lead image: nobody deletes it (the lead image is
protected; the delete view names the stories). Rules: every staff member chooses any image
or document and uploads; reporters and translators edit and delete only their own uploads
(Wagtail's ownership rule), editors and Admins any. The library ("list") shows what the user may
edit; the chooser shows everything. Deleting an image stories use is not silent: the confirmation
names the use (tested below the matrix). Stories link no documents, so a document's "+used"
columns repeat the unused ones (the table stays the same shape for both kinds).

Staff accounts: only Admins (and superusers) list, add, edit, delete and deactivate accounts and
keep the groups; only a superuser makes, changes or switches off a superuser. Everyone opens their
own account page, where neither their groups nor the superuser flag can be changed.

The staff member works in the uk edition; Admins belong to no edition. A refusal is a refusal
(403/404, Wagtail's redirect to the dashboard, the login page), never an error page.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.newsroom.tests.page_fixtures import is_refusal
from vistka.stories.factories import ArticlePageFactory

Image, Document = get_image_model(), get_document_model()
User = get_user_model()
ROLES = ("reporter", "editor", "translator", "admin", "anonymous")
GROUPS = {"reporter": roles.REPORTERS, "editor": roles.EDITORS, "translator": roles.TRANSLATORS}

# --- expected outcomes (Y: takes effect; -: refused) ---------------------------------------

MEDIA = """
kind      role        action       mine mine+used colleague colleague+used other other+used
image     reporter    choose       Y Y Y Y Y Y
image     reporter    list         Y Y - - - -
image     reporter    edit         Y Y - - - -
image     reporter    delete       Y - - - - -
image     reporter    bulk-delete  Y - - - - -
image     editor      choose       Y Y Y Y Y Y
image     editor      list         Y Y Y Y Y Y
image     editor      edit         Y Y Y Y Y Y
image     editor      delete       Y - Y - Y -
image     editor      bulk-delete  Y - Y - Y -
image     translator  choose       Y Y Y Y Y Y
image     translator  list         Y Y - - - -
image     translator  edit         Y Y - - - -
image     translator  delete       Y - - - - -
image     translator  bulk-delete  Y - - - - -
image     admin       choose       Y Y Y Y Y Y
image     admin       list         Y Y Y Y Y Y
image     admin       edit         Y Y Y Y Y Y
image     admin       delete       Y - Y - Y -
image     admin       bulk-delete  Y - Y - Y -
document  reporter    choose       Y Y Y Y Y Y
document  reporter    list         Y Y - - - -
document  reporter    edit         Y Y - - - -
document  reporter    delete       Y Y - - - -
document  reporter    bulk-delete  Y Y - - - -
document  editor      choose       Y Y Y Y Y Y
document  editor      list         Y Y Y Y Y Y
document  editor      edit         Y Y Y Y Y Y
document  editor      delete       Y Y Y Y Y Y
document  editor      bulk-delete  Y Y Y Y Y Y
document  translator  choose       Y Y Y Y Y Y
document  translator  list         Y Y - - - -
document  translator  edit         Y Y - - - -
document  translator  delete       Y Y - - - -
document  translator  bulk-delete  Y Y - - - -
document  admin       choose       Y Y Y Y Y Y
document  admin       list         Y Y Y Y Y Y
document  admin       edit         Y Y Y Y Y Y
document  admin       delete       Y Y Y Y Y Y
document  admin       bulk-delete  Y Y Y Y Y Y
"""
# Uploading (no object): the single form and the multiple upload.
UPLOADS = """
kind      action    reporter editor translator admin anonymous
image     add       Y Y Y Y -
image     multiple  Y Y Y Y -
document  add       Y Y Y Y -
document  multiple  Y Y Y Y -
"""
# Accounts. Targets: the actor's own account, a colleague of the uk edition, a member of the ru
# edition, a superuser. "superuser" ticks "Administrator" on the target, "groups" adds the target
# to Editors · ru, "deactivate" is the users list's bulk action.
USERS = """
role        action      self colleague other superuser
reporter    list        - - - -
reporter    edit        - - - -
reporter    superuser   - - - -
reporter    groups      - - - -
reporter    deactivate  - - - -
reporter    delete      - - - -
editor      list        - - - -
editor      edit        - - - -
editor      superuser   - - - -
editor      groups      - - - -
editor      deactivate  - - - -
editor      delete      - - - -
translator  list        - - - -
translator  edit        - - - -
translator  superuser   - - - -
translator  groups      - - - -
translator  deactivate  - - - -
translator  delete      - - - -
admin       list        Y Y Y Y
admin       edit        Y Y Y -
admin       superuser   - - - -
admin       groups      Y Y Y -
admin       deactivate  - Y Y -
admin       delete      - Y Y -
"""
# Without a target: the users list page, adding an account (plain, or as a superuser), the groups
# (list, add, rename, delete) and the actor's own account page (opens; a post with groups and the
# superuser flag changes neither).
STAFF_PAGES = """
action            reporter editor translator admin anonymous
add-user          - - - Y -
add-superuser     - - - - -
groups-list       - - - Y -
group-add         - - - Y -
group-edit        - - - Y -
group-delete      - - - Y -
account           Y Y Y Y -
account-escalate  - - - - -
"""


def _rows(table):
    lines = [line.split() for line in table.strip().splitlines()]
    return lines[0], lines[1:]


def media_cases():
    header, rows = _rows(MEDIA)
    objects = header[3:]
    cases = [
        (kind, role, action, obj, cell == "Y")
        for kind, role, action, *cells in rows
        for obj, cell in zip(objects, cells, strict=True)
    ]
    actions = sorted({row[2] for row in rows})
    kinds = sorted({row[0] for row in rows})
    cases += [(kind, "anonymous", a, obj, False) for kind in kinds for a in actions for obj in objects]
    return cases


def upload_cases():
    header, rows = _rows(UPLOADS)
    return [
        (kind, role, action, cell == "Y")
        for kind, action, *cells in rows
        for role, cell in zip(header[2:], cells, strict=True)
    ]


def user_cases():
    header, rows = _rows(USERS)
    cases = [
        (role, action, target, cell == "Y")
        for role, action, *cells in rows
        for target, cell in zip(header[2:], cells, strict=True)
    ]
    actions = sorted({row[1] for row in rows})
    cases += [("anonymous", action, target, False) for action in actions for target in header[2:]]
    return cases


def page_cases():
    header, rows = _rows(STAFF_PAGES)
    return [
        (role, action, cell == "Y")
        for action, *cells in rows
        for role, cell in zip(header[1:], cells, strict=True)
    ]


MEDIA_CASES, UPLOAD_CASES = media_cases(), upload_cases()
USER_CASES, PAGE_CASES = user_cases(), page_cases()


def test_the_matrix_covers_every_role_action_and_object():
    media = 2 * len(ROLES) * 5 * 6  # kinds x roles x actions x objects
    uploads = 2 * 2 * len(ROLES)
    accounts = len(ROLES) * 6 * 4 + len(ROLES) * 8
    keys = (
        {case[:4] for case in MEDIA_CASES}
        | {case[:3] for case in UPLOAD_CASES}
        | {case[:3] for case in USER_CASES}
        | {case[:2] for case in PAGE_CASES}
    )
    total = len(MEDIA_CASES) + len(UPLOAD_CASES) + len(USER_CASES) + len(PAGE_CASES)
    assert len(keys) == total == media + uploads + accounts
    print(f"media and user permission matrix: {total} cases")  # noqa: T201


# --- people -----------------------------------------------------------------------------


def actor_for(role):
    if role == "anonymous":
        return None
    if role == "admin":
        return make_staff("admin-user", roles.ADMINS)
    return make_staff(f"{role}-uk", (GROUPS[role], "uk"))


def client_of(actor):
    return client_for(actor) if actor is not None else Client()


def form_with(html, field):
    """The data of the page's form that has `field`, as the browser would send it."""
    forms = WagtailTestUtils.get_soup(html).find_all("form")
    index = next(i for i, form in enumerate(forms) if form.find(attrs={"name": field}) is not None)
    return querydict_from_html(html, form_index=index)


def superuser(username="root"):
    user = make_staff(username)
    user.is_superuser = True
    user.save()
    return user


# --- images and documents ----------------------------------------------------------------


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


PATHS = {
    "image": {
        "index": "/admin/images/",
        "chooser": "/admin/images/chooser/",
        "edit": "/admin/images/{pk}/",
        "delete": "/admin/images/{pk}/delete/",
        "bulk-delete": "/admin/bulk/wagtailimages/image/delete/?id={pk}",
        "add": "/admin/images/add/",
        "multiple": "/admin/images/multiple/add/",
    },
    "document": {
        "index": "/admin/documents/",
        "chooser": "/admin/documents/chooser/",
        "edit": "/admin/documents/edit/{pk}/",
        "delete": "/admin/documents/delete/{pk}/",
        "bulk-delete": "/admin/bulk/wagtaildocs/document/delete/?id={pk}",
        "add": "/admin/documents/add/",
        "multiple": "/admin/documents/multiple/add/",
    },
}
MODELS = {"image": Image, "document": Document}


def uploader(obj, actor):
    who = obj.split("+")[0]
    if who == "mine":
        return actor
    edition = "uk" if who == "colleague" else "ru"
    username = f"uploader-{edition}"
    return User.objects.filter(username=username).first() or make_staff(username, (roles.REPORTERS, edition))


def make_media(kind, title, owner):
    collection = Collection.get_first_root_node()
    if kind == "image":
        return Image.objects.create(
            title=title,
            file=ContentFile(png_bytes(), name="photo.png"),
            collection=collection,
            uploaded_by_user=owner,
        )
    return Document.objects.create(
        title=title,
        file=ContentFile(b"Minutes of the meeting.\n", name="minutes.txt"),
        collection=collection,
        uploaded_by_user=owner,
    )


def media_object(kind, obj, actor):
    owner = uploader(obj, actor)
    item = make_media(kind, f"{kind} wombat{obj.replace('+', 'x')}", owner)
    if obj.endswith("+used"):
        ArticlePageFactory(title="Story with the photo", lead_image=item)
    return item


def _edit_data(kind, item, title):
    """The edit form as the browser would send it (read by a superuser), without a new file."""
    reader = client_for(superuser("form-reader"))
    data = form_with(reader.get(PATHS[kind]["edit"].format(pk=item.pk)).text, "title").copy()
    data.pop("file", None)
    data["title"] = title
    return data


def exists(item):
    return type(item).objects.filter(pk=item.pk).exists()


def do_media(client, kind, action, item):
    paths = PATHS[kind]
    if action == "choose":
        response = client.get(paths["chooser"])
        return item.title in response.content.decode(), response
    if action == "list":
        response = client.get(paths["index"])
        return item.title in response.content.decode(), response
    if action == "edit":
        data = _edit_data(kind, item, f"{item.title} renamed")
        response = client.post(paths["edit"].format(pk=item.pk), data)
        return type(item).objects.get(pk=item.pk).title.endswith("renamed"), response
    if action in ("delete", "bulk-delete"):
        response = client.post(paths[action].format(pk=item.pk))
        return not exists(item), response
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize("kind, role, action, obj, allowed", MEDIA_CASES, ids=str)
def test_media_action(kind, role, action, obj, allowed):
    actor = actor_for(role)
    if kind == "document" and obj.endswith("+used"):
        obj = obj.split("+")[0]  # stories do not link documents: "used" is the same file unused
    item = media_object(kind, obj, actor or uploader("colleague", None))
    took_effect, response = do_media(client_of(actor), kind, action, item)
    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if not allowed and action not in ("choose", "list", "bulk-delete"):
        # the chooser and the library answer with a listing without the file; the bulk delete
        # leaves out what the user may not delete and goes back to its page
        assert is_refusal(response), (response.status_code, response.get("Location"))
    assert response.status_code < 500


def do_upload(client, kind, action):
    paths, model = PATHS[kind], MODELS[kind]
    before = model.objects.count()
    content = png_bytes() if kind == "image" else b"Figures for the story.\n"
    name = "upload.png" if kind == "image" else "upload.txt"
    if action == "add":
        response = client.post(
            paths["add"], {"title": "Uploaded", "file": SimpleUploadedFile(name, content), "tags": ""}
        )
    else:
        response = client.post(
            paths["multiple"],
            {"files[]": SimpleUploadedFile(name, content)},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    return model.objects.count() == before + 1, response


@pytest.mark.django_db
@pytest.mark.parametrize("kind, role, action, allowed", UPLOAD_CASES, ids=str)
def test_upload(kind, role, action, allowed):
    took_effect, response = do_upload(client_of(actor_for(role)), kind, action)
    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if not allowed:
        assert is_refusal(response), (response.status_code, response.get("Location"))


# --- deleting an image stories use is not silent ------------------------------------------


@pytest.mark.django_db
def test_deleting_an_image_a_story_uses_names_the_use_first():
    editor = prefer_admin_language(make_staff("editor-uk", (roles.EDITORS, "uk")), "en")
    client = client_for(editor)
    image = make_media("image", "Bridge at dawn", uploader("colleague", None))
    ArticlePageFactory(title="The bridge reopens", lead_image=image)
    ArticlePageFactory(title="Traffic returns to the bridge", lead_image=image)

    assert ReferenceIndex.get_grouped_references_to(image).count() == 2
    confirm = client.get(f"/admin/images/{image.pk}/delete/")
    assert confirm.status_code == 200
    assert "This image is referenced 2 times" in confirm.content.decode()
    usage = client.get(f"/admin/images/usage/{image.pk}/")
    assert "The bridge reopens" in usage.content.decode()
    assert "Traffic returns to the bridge" in usage.content.decode()
    bulk = client.get(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}")
    assert "This image is referenced 2 times" in bulk.content.decode()
    assert exists(image)


# --- staff accounts ------------------------------------------------------------------------


def target_for(target, actor):
    if target == "self":
        return actor or make_staff("someone-uk", (roles.REPORTERS, "uk"))
    if target == "superuser":
        return superuser()
    edition = "uk" if target == "colleague" else "ru"
    return make_staff(f"{target}-{edition}", (roles.REPORTERS, edition))


def user_form_data(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@vistka.test",
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "password1": "",
        "password2": "",
        "is_active": "on" if user.is_active else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def ru_editors():
    return Group.objects.get(name=roles.group_name(roles.EDITORS, "ru"))


def do_user(client, action, user):
    edit = f"/admin/users/edit/{user.pk}/"
    if action == "list":
        response = client.get("/admin/users/")
        return f"/admin/users/edit/{user.pk}/" in response.content.decode(), response
    if action == "edit":
        response = client.post(edit, user_form_data(user, first_name="Renamed"))
        return User.objects.get(pk=user.pk).first_name == "Renamed", response
    if action == "superuser":
        was = user.is_superuser
        response = client.post(edit, user_form_data(user, is_superuser="on", first_name="Raised"))
        now = User.objects.get(pk=user.pk)
        return now.is_superuser and (not was or now.first_name == "Raised"), response
    if action == "groups":
        groups = [*user_form_data(user)["groups"], str(ru_editors().pk)]
        response = client.post(edit, user_form_data(user, groups=groups))
        return User.objects.get(pk=user.pk).groups.filter(pk=ru_editors().pk).exists(), response
    if action == "deactivate":
        response = client.post(
            f"/admin/bulk/auth/user/set_active_state/?id={user.pk}", {"mark_as_active": "False"}
        )
        return not User.objects.get(pk=user.pk).is_active, response
    if action == "delete":
        response = client.post(f"/admin/users/delete/{user.pk}/")
        return not User.objects.filter(pk=user.pk).exists(), response
    raise AssertionError(action)


@pytest.mark.django_db
@pytest.mark.parametrize("role, action, target, allowed", USER_CASES, ids=str)
def test_account_action(role, action, target, allowed):
    actor = actor_for(role)
    user = target_for(target, actor)
    took_effect, response = do_user(client_of(actor), action, user)
    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if not allowed and not (role == "admin" and action in ("superuser", "deactivate")):
        # an Admin's post that ticks "Administrator" is saved without it; a bulk deactivation
        # of themselves is left out of the action
        assert is_refusal(response), (response.status_code, response.get("Location"))
    assert response.status_code < 500


def do_page(client, actor, action):
    if action in ("add-user", "add-superuser"):
        data = {
            "username": "newcomer",
            "email": "newcomer@vistka.test",
            "first_name": "New",
            "last_name": "Comer",
            "password1": "a-long-Passw0rd-for-tests",
            "password2": "a-long-Passw0rd-for-tests",
            "groups": [str(ru_editors().pk)],
        }
        if action == "add-superuser":
            data["is_superuser"] = "on"
        response = client.post("/admin/users/new/", data)
        made = User.objects.filter(username="newcomer").first()
        took = made is not None and (action == "add-user" or made.is_superuser)
        return took, response
    if action == "groups-list":
        response = client.get("/admin/groups/")
        return response.status_code == 200 and ru_editors().name in response.content.decode(), response
    if action in ("group-add", "group-edit"):
        reader = client_for(superuser("form-reader"))
        path = "/admin/groups/new/" if action == "group-add" else f"/admin/groups/edit/{ru_editors().pk}/"
        data = form_with(reader.get(path).text, "name")
        data = data.copy()
        data["name"] = "Night desk"
        response = client.post(path, data)
        return Group.objects.filter(name="Night desk").exists(), response
    if action == "group-delete":
        group = Group.objects.create(name="Temporary desk")
        response = client.post(f"/admin/groups/delete/{group.pk}/")
        return not Group.objects.filter(pk=group.pk).exists(), response
    if action == "account":
        response = client.get("/admin/account/")
        return response.status_code == 200, response
    if action == "account-escalate":
        return escalate_through_account_forms(client, actor)
    raise AssertionError(action)


def escalate_through_account_forms(client, actor):
    """Posts the account page's form (which the page accepts: the name changes) with the superuser
    and staff flags and every group added, bare and with each of the page's form prefixes."""
    response = client.get("/admin/account/")
    if actor is None or response.status_code != 200:
        return False, response
    data = form_with(response.text, "name_email-email").copy()
    data.update({"name_email-first_name": "Still", "name_email-last_name": "Here"})
    groups = [str(pk) for pk in Group.objects.values_list("pk", flat=True)]
    for prefix in ("", "name_email-", "locale-", "notifications-", "password-", "theme-", "avatar-"):
        data.setlist(f"{prefix}groups", groups)
        data[f"{prefix}is_superuser"] = "on"
        data[f"{prefix}is_staff"] = "on"
    groups_before = set(actor.groups.values_list("pk", flat=True))
    response = client.post("/admin/account/", data)
    now = User.objects.get(pk=actor.pk)
    assert now.first_name == "Still", "the account form was not accepted"
    escalated = (
        now.is_superuser or now.is_staff or set(now.groups.values_list("pk", flat=True)) != groups_before
    )
    return escalated, response


@pytest.mark.django_db
@pytest.mark.parametrize("role, action, allowed", PAGE_CASES, ids=str)
def test_staff_page(role, action, allowed):
    actor = actor_for(role)
    took_effect, response = do_page(client_of(actor), actor, action)
    assert took_effect == allowed, (response.status_code, response.get("Location"))
    if (
        not allowed
        and not (action == "account-escalate" and role != "anonymous")
        and not (action == "add-superuser" and role == "admin")
    ):
        assert is_refusal(response), (response.status_code, response.get("Location"))
    assert response.status_code < 500


@pytest.mark.django_db
def test_a_superuser_still_makes_changes_and_deactivates_superusers():
    """The control for the Admins' refusals above: the same posts by a superuser take effect."""
    client = client_for(superuser())
    colleague = target_for("colleague", None)
    assert do_user(client, "superuser", colleague)[0]
    other_root = superuser("second-root")
    assert do_user(client, "edit", other_root)[0]
    assert do_user(client, "deactivate", other_root)[0]
    assert do_page(client, None, "add-superuser")[0]
