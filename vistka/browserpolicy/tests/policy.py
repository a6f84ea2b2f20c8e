"""Reading a Content-Security-Policy header."""

import re


def directives(header):
    """{'script-src': ["'self'", …], …}"""
    found = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def inline_scripts(html):
    """(attributes, body) of every executable inline <script> (no src, no data type)."""
    found = []
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
        kind = re.search(r'type="([^"]*)"', attributes)
        if "src=" in attributes or (kind and kind.group(1) not in ("text/javascript", "module")):
            continue
        found.append((attributes, body))
    return found
