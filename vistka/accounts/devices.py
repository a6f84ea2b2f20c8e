"""A short, human description of a browser from its User-Agent (ua-parser)."""

from functools import lru_cache

from ua_parser import parse

MAX_USER_AGENT = 512


@lru_cache(maxsize=1024)
def describe_user_agent(user_agent):
    """'Firefox 128 · Windows 10' style text; '' when nothing is known."""
    user_agent = (user_agent or "")[:MAX_USER_AGENT]
    if not user_agent:
        return ""
    result = parse(user_agent)
    parts = []
    if result.user_agent and result.user_agent.family != "Other":
        parts.append(" ".join(p for p in (result.user_agent.family, result.user_agent.major) if p))
    if result.os and result.os.family != "Other":
        parts.append(" ".join(p for p in (result.os.family, result.os.major) if p))
    if result.device and result.device.family not in ("Other", "Generic Smartphone", "Mac", "K"):
        if not parts or result.device.family not in parts[-1]:
            parts.append(result.device.family)
    return " · ".join(parts) if parts else user_agent[:80]


@lru_cache(maxsize=1024)
def browser_family(user_agent):
    """Browser and OS family without versions: what makes a device 'the same' for new-sign-in notices."""
    user_agent = (user_agent or "")[:MAX_USER_AGENT]
    if not user_agent:
        return ""
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else "Other"
    system = result.os.family if result.os else "Other"
    return f"{browser} / {system}"[:100]
