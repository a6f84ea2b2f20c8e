vcl 4.1;
# Vistka at the edge: cache keys (xkey), grace, ESI for the latest-news column, purges only
# from allowed addresses, no cookies on public pages, and query strings reduced to the
# parameters the site uses so junk parameters cannot bypass the cache.
#
# `bin/stack` includes the generated backends.vcl (app processes, purge ACL) next to this file.

import std;
import directors;
import xkey;

include "backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.n-gone));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        return (synth(400, "Name the keys in xkey-softpurge or xkey-purge"));
    }
    set req.backend_hint = app.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|newsroom|documents|django-admin)(/|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    # Keep only the query parameters the site reads, sorted.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?!(q|order|offset|before|cursor|limit|edition|kind|section|tag|author|since|until)=)[^&#]*", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
    # Editions are chosen by path; the browser's language never splits the cache.
    unset req.http.Accept-Language;
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    # Past its TTL a page is served while one fetch refreshes it (stale-while-revalidate);
    # while the app is down, for a whole day (grace).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    if (beresp.http.Cache-Control ~ "private|no-cache|no-store" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 24h;
    set beresp.keep = 1h;
    if (beresp.status >= 500) {
        # Never replace a good copy with an error: keep serving the stale one.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss|atom|feed|ld))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    synthetic({"<!doctype html><html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vistka</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>Vistka</h1><p>Сайт тимчасово недоступний. Спробуйте за хвилину.</p><p lang="ru">Сайт временно недоступен. Попробуйте через минуту.</p><p lang="en">The site is temporarily unavailable. Please try again in a minute.</p></body></html>"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    return (deliver);
}
