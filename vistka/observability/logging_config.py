"""The LOGGING settings of observability, imported by vistka/settings.py (so: nothing of Django)."""

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
LOG_FORMATS = ("json", "text")
ACCESS_LOG_CHOICES = ("django", "all", "off")


def apply(config, log_format, access_log):
    """Django's LOGGING dict with the request-id filter and the chosen formatter on the console
    handler, and the access logger at INFO unless ACCESS_LOG=off. Changes `config` in place, so
    loggers other apps added stay."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
    if access_log not in ACCESS_LOG_CHOICES:
        raise ValueError(f"ACCESS_LOG must be one of {', '.join(ACCESS_LOG_CHOICES)}")
    config.setdefault("filters", {})["request_id"] = {"()": "vistka.observability.logs.RequestIdFilter"}
    config.setdefault("formatters", {}).update(
        {
            "json": {"()": "vistka.observability.logs.JsonFormatter"},
            "text": {"()": "vistka.observability.logs.TextFormatter", "fmt": TEXT_FORMAT},
        }
    )
    console = config.setdefault("handlers", {}).setdefault("console", {"class": "logging.StreamHandler"})
    console["formatter"] = log_format
    filters = console.setdefault("filters", [])
    if "request_id" not in filters:
        filters.append("request_id")
    if access_log != "off":
        config.setdefault("loggers", {})["vistka.access"] = {"level": "INFO"}
    return config
