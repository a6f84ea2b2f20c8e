"""Wagtail's chooser widgets (image, page, snippet, document) write their initialising script in
Python (`BaseChooser.render`: `f"{widget_html}<script>{js}</script>"`), where no template override
reaches. This gives that one script, the last in the output, the response's nonce. Wagtail has no
hook for it (wagtail/wagtail#1288 lists the remaining inline scripts), hence the wrapper."""

from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from vistka.browserpolicy.templatetags.browserpolicy import csp_nonce_attribute

_wagtail_render = BaseChooser.render


def render_with_nonce(self, name, value, attrs=None, renderer=None):
    html = _wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
    nonce = csp_nonce_attribute()
    head, tag, tail = str(html).rpartition("<script>")
    if not nonce or not tag:
        return html
    return mark_safe(f"{head}<script{nonce}>{tail}")  # noqa: S308 (Wagtail's own output, unchanged)


def install():
    if BaseChooser.render is _wagtail_render:
        BaseChooser.render = render_with_nonce
