"""The newsroom's roles and what each may do, per edition."""

from vistka.editions.languages import EDITIONS

REPORTERS, EDITORS, TRANSLATORS, ADMINS = "Reporters", "Editors", "Translators", "Admins"
EDITION_ROLES = (REPORTERS, EDITORS, TRANSLATORS)

# Page permissions on the edition's tree.
PAGE_PERMISSIONS = {
    REPORTERS: ["add", "change"],
    EDITORS: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
    TRANSLATORS: ["add", "change", "publish"],
}

RECORDS = ["taxonomy.tag", "taxonomy.section", "taxonomy.source", "people.author"]
# Model permissions (app_label.codename) for the newsroom's reusable records and images.
MODEL_PERMISSIONS = {
    REPORTERS: ["view"] + ["add_tag", "change_tag", "add_source", "change_source"],
    EDITORS: ["view", "add", "change", "delete"],
    TRANSLATORS: ["view", "add", "change"],
}
IMAGE_PERMISSIONS = {
    REPORTERS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image", "delete_image"],
    TRANSLATORS: ["add_image", "choose_image"],
}
# Documents are shared by the editions as images are: everyone chooses and uploads, reporters and
# translators edit and delete their own uploads (Wagtail's ownership rule), editors any.
DOCUMENT_PERMISSIONS = {
    role: [codename.replace("_image", "_document") for codename in codenames]
    for role, codenames in IMAGE_PERMISSIONS.items()
}
# Permissions Wagtail reads per collection (app label -> role -> codenames).
COLLECTION_PERMISSIONS = {"wagtailimages": IMAGE_PERMISSIONS, "wagtaildocs": DOCUMENT_PERMISSIONS}


def group_name(role, edition_code):
    names = {edition.code: edition.name for edition in EDITIONS}
    return f"{role} · {names[edition_code]}"


def all_group_names():
    return [group_name(role, e.code) for role in EDITION_ROLES for e in EDITIONS] + [ADMINS]
