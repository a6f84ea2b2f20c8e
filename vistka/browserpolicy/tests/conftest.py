from vistka.delivery.tests.conftest import (  # noqa: F401 (fixtures: the app on a port, Varnish)
    app,
    app_port,
    fast_path_store,
    varnish,
    varnish_process,
)
