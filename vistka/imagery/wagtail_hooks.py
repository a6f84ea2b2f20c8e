from wagtail import hooks

from vistka.imagery import library


@hooks.register("register_admin_urls", order=-10)
def image_library_with_filters():
    return library.urlpatterns()
