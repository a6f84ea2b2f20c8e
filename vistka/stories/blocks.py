"""Body blocks of a story. Each declares its own template, icon and description."""

import copy

from django.db.models import BooleanField, ExpressionWrapper
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

BODY_IMAGE = "width-800"
PRECOMPILED_UP_TO = 40  # chosen records per block type; longer lists take Django's in_bulk


class ChosenRecords:
    """A chooser block's bulk_to_python without a query built for empty choosers, and with the SQL
    for each number of chosen records compiled once (see vistka.core.precompiled)."""

    _by_count = {}

    def bulk_to_python(self, values):
        from vistka.core.precompiled import Precompiled

        try:
            values = [None if value in (None, "") else int(value) for value in values]
        except (TypeError, ValueError):
            return super().bulk_to_python(values)
        ids = sorted({value for value in values if value is not None})
        if not ids:
            return [None] * len(values)
        model = self.model_class
        if len(ids) > PRECOMPILED_UP_TO:
            found = self.chosen(model, ids)
        else:
            key = (type(self), model, len(ids))
            query = self._by_count.get(key)
            if query is None:
                query = self._by_count[key] = Precompiled(
                    lambda *chosen: self.chosen(model, chosen), ("int",) * len(ids)
                )
            found = query(*ids)
        objects = {obj.pk: obj for obj in found}
        seen, result = set(), []
        for value in values:
            obj = objects.get(value)
            if obj is not None and value in seen:
                obj = copy.copy(obj)  # one instance per occurrence, as Wagtail's own does
            seen.add(value)
            result.append(obj)
        return result

    @staticmethod
    def chosen(model, ids):
        return model.objects.filter(pk__in=ids).order_by()


class SourceChooserBlock(ChosenRecords, SnippetChooserBlock):
    # Built anew for each form (see StoryChooserBlock): "Choose source" in the admin's language.
    field = property(SnippetChooserBlock.field.func)
    widget = property(SnippetChooserBlock.widget.func)


class StoryChooserBlock(ChosenRecords, blocks.PageChooserBlock):
    """A chosen story carries ``public``: whether readers may be sent to it (live, published, no
    view restriction on it or above it). The templates link only to public ones, so a page never
    shows the address or headline of a draft, withdrawn or protected story; the editor's choice
    itself is kept whatever the story's state."""

    # Built anew for each form: Wagtail keeps them on the block, which lives as long as the process,
    # with the chooser's "Choose a page (story)" in the language of the first request that used it.
    field = property(blocks.PageChooserBlock.field.func)
    widget = property(blocks.PageChooserBlock.widget.func)

    def bulk_to_python(self, values):
        from vistka.delivery import keys

        found = super().bulk_to_python(values)
        keys.shown(story for story in found if story is not None)  # drafts too: publishing one shows it
        return found

    @staticmethod
    def chosen(model, ids):
        from vistka.stories.models import public_condition

        public = ExpressionWrapper(public_condition(), output_field=BooleanField())
        return model.objects.filter(pk__in=ids).order_by().annotate(public=public)


class BodyImageChooserBlock(ImageChooserBlock):
    """Loads every image of a body, with its rendition, in one go (no query per image)."""

    # Built anew for each form (see StoryChooserBlock): "Choose an image" in the admin's language.
    field = property(ImageChooserBlock.field.func)
    widget = property(ImageChooserBlock.widget.func)

    def bulk_to_python(self, values):
        # One query when the renditions exist (the usual case): renditions joined to their images.
        from wagtail.images.models import Filter

        rendition_model = self.model_class.get_rendition_model()
        spec = Filter(BODY_IMAGE).spec
        renditions = rendition_model.objects.filter(image_id__in=values, filter_spec=spec).select_related(
            "image", "image__details"
        )
        images = {}
        for rendition in renditions:
            image = rendition.image
            image.prefetched_renditions = [rendition]
            images[image.pk] = image
        missing = [value for value in values if value not in images]
        if missing:
            images.update(
                self.model_class.objects.select_related("details")
                .prefetch_renditions(BODY_IMAGE)
                .in_bulk(missing)
            )
        return [images.get(value) for value in values]


INLINE_FEATURES = ["bold", "italic", "link", "superscript", "subscript", "strikethrough"]

LABEL_CHOICES = [
    ("source", _("Source")),
    ("details", _("Details")),
    ("quote", _("Quote")),
    ("background", _("Background")),
    ("why", _("Why it matters")),
]


class LabelledParagraphValue(blocks.StructValue):
    def label_text(self):
        """The label in the language being rendered (the edition's)."""
        return str(dict(LABEL_CHOICES).get(self.get("label"), ""))


class LabelledParagraphBlock(blocks.StructBlock):
    label = blocks.ChoiceBlock(choices=LABEL_CHOICES, default="details", label=_("Label"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, required=False, label=_("Text"))

    class Meta:
        icon = "pilcrow"
        template = "blocks/labelled_paragraph.html"
        label = _("Labelled paragraph")
        value_class = LabelledParagraphValue
        description = _(
            "A paragraph that opens with a label: Source, Details, Quote, Background, Why it matters."
        )


class SourceBlock(blocks.StructBlock):
    source = SourceChooserBlock("taxonomy.Source", required=False, label=_("Source"))
    note = blocks.CharBlock(
        required=False, max_length=200, label=_("Note"), help_text=_('e.g. "on Telegram"')
    )

    class Meta:
        icon = "site"
        template = "blocks/source.html"
        label = _("Source line")
        description = _('Renders "Source: {qualifier} {name}" in the edition\'s language.')


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")


class BackgroundItemBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    text = blocks.CharBlock(max_length=400, label=_("What happened"))
    story = StoryChooserBlock(page_type="stories.ArticlePage", required=False, label=_("Earlier story"))

    def clean(self, value):
        # The new story's skeleton has one empty line: left untouched it is no error, and not shown.
        if not value.get("date") and not value.get("text") and value.get("story") is None:
            return value
        return super().clean(value)


class BackgroundListValue(blocks.StructValue):
    def lines(self):
        """The lines to show: those with a text (an untouched skeleton line has none)."""
        return [item for item in self.get("items") or [] if item.get("text")]


class BackgroundListBlock(blocks.StructBlock):
    items = blocks.ListBlock(BackgroundItemBlock(), min_num=1, label=_("Events"))

    class Meta:
        icon = "list-ul"
        template = "blocks/background_list.html"
        label = _("Background list")
        description = _("Dated lines linking to earlier coverage.")
        value_class = BackgroundListValue


class CaptionedImageValue(blocks.StructValue):
    """Alt text, caption and credit as shown: the block's own, else those kept with the image
    (vistka.imagery), the credit in Latin letters on the English edition."""

    def shown_alt(self):
        from vistka.imagery.models import shown_alt

        return shown_alt(self.get("alt"), self.get("image"))

    def shown_caption(self):
        from vistka.imagery.models import shown_caption

        return shown_caption(self.get("caption"), self.get("image"))

    def shown_credit(self):
        from django.utils.translation import get_language

        from vistka.imagery.models import shown_credit

        return shown_credit(self.get("credit"), self.get("image"), get_language())


class CaptionedImageBlock(blocks.StructBlock):
    """Alt text, caption and credit left empty are those kept with the image (shown_* above); the
    fields keep their labels and help so that the stories app needs no migration for this."""

    image = BodyImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Alt text"),
        help_text=_("Describes the picture for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        value_class = CaptionedImageValue


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), min_num=2, label=_("Images"))

    class Meta:
        icon = "image"
        template = "blocks/gallery.html"
        label = _("Gallery")


class ReadAlsoBlock(blocks.StructBlock):
    story = StoryChooserBlock(page_type="stories.ArticlePage", label=_("Story"))
    text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Link text"),
        help_text=_("Leave empty to use the story's headline."),
    )

    class Meta:
        icon = "link"
        template = "blocks/read_also.html"
        label = _("Read also")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES, label=_("Paragraph"), template="blocks/paragraph.html", icon="pilcrow"
    )
    labelled = LabelledParagraphBlock()
    source = SourceBlock()
    quote = QuoteBlock()
    background = BackgroundListBlock()
    heading = blocks.CharBlock(
        max_length=200, label=_("Heading"), template="blocks/heading.html", icon="title"
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock(label=_("Embed (video, social post)"), template="blocks/embed.html", icon="media")
    read_also = ReadAlsoBlock()
    table = TableBlock(label=_("Table"))

    class Meta:
        block_counts = {}


def house_structure():
    """The empty skeleton a reporter starts a news item from."""
    return [
        ("source", {"source": None, "note": ""}),
        ("labelled", {"label": "details", "text": ""}),
        ("background", {"items": [{"date": None, "text": "", "story": None}]}),
    ]
