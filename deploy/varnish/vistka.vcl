vcl 4.1;
# Vistka at the edge: cache keys (xkey), grace, ESI for the latest-news column, purges only
# from allowed addresses, no cookies on public pages, and query strings reduced to the
# parameters the site uses so junk parameters cannot bypass the cache.
#
# Two layers in one varnishd, because ESI assembly on every hit halves what Varnish serves:
#   - the public listener keeps ready, assembled copies of pages (one per encoding) and hands
#     their misses to the assembler through the "inner" listener (a Unix socket);
#   - the assembler keeps the app's pages and the latest-news fragment apart and joins them
#     with ESI. Its page objects are never purged by a new story: only the fragment is.
# An assembled copy carries its page's keys plus its fragments' keys, so a new story soft-purges
# the fragment and the assembled copies; each copy is re-assembled once, without the app.
#
# `bin/stack` includes the generated backends.vcl (app processes, the assembler's socket, purge
# ACL) next to this file.

import std;
import directors;
import xkey;

include "backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (local.socket == "inner" || client.ip !~ purgers) {
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
    if (local.socket == "inner") {
        call assembler_recv;
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
    call vistka_normalise;
    # One assembled copy per encoding: plain clients never cost a gunzip.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(;\s*q\s*=\s*(1(\.0*)?|0?\.0*[1-9]\d*))?\s*(,|$)") {
        set req.http.X-Vistka-Encoding = "gzip";
    } else {
        set req.http.X-Vistka-Encoding = "identity";
    }
    set req.backend_hint = assembler;
    # Past its TTL a page is served while one fetch refreshes it (stale-while-revalidate);
    # while the app is down, for a whole day (grace).
    if (std.healthy(app.backend())) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vistka_normalise {
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
}

sub assembler_recv {
    # Requests from the public layer (and their ESI includes): the app's pages and fragments.
    set req.backend_hint = app.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (synth(405));
    }
    call vistka_normalise;
    unset req.http.X-Vistka-Encoding;
    set req.http.X-Vistka-Layer = "assembler";
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    # An assembled copy must not be built from stale parts while the app can give fresh ones;
    # while it is down, stale parts are better than an error.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    if (req.http.X-Vistka-Encoding) {
        hash_data("assembled");
        hash_data(req.http.X-Vistka-Encoding);
    }
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Vistka-Encoding) {
        if (bereq.http.X-Vistka-Encoding == "identity") {
            unset bereq.http.Accept-Encoding;
        }
        # The page's validators do not change when only its fragments do: always re-assemble.
        unset bereq.http.If-None-Match;
        unset bereq.http.If-Modified-Since;
    }
}

sub vcl_backend_response {
    if (bereq.http.X-Vistka-Layer == "assembler" && beresp.http.Surrogate-Control ~ "ESI/1.0") {
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
    if (bereq.http.X-Vistka-Encoding) {
        # An assembled copy is re-assembled (from the assembler's objects, not the app) at least
        # every 10 s: should it have been built from a stale part while the app was unreachable
        # for a moment, that ends within seconds of the app's return.
        if (beresp.ttl > 10s) {
            set beresp.ttl = 10s;
        }
        # An assembled copy: purged with its page and with each fragment it shows.
        if (beresp.http.X-Vistka-Fragment-Keys) {
            set beresp.http.xkey = beresp.http.xkey + " " + beresp.http.X-Vistka-Fragment-Keys;
            unset beresp.http.X-Vistka-Fragment-Keys;
            # Validators of this assembly, so a browser's revalidation sees a new column too.
            set beresp.http.ETag = {"W/"a"} + std.integer(time=now) + "." + bereq.xid + {"""};
            set beresp.http.Last-Modified = now;
        }
    } else if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss|atom|feed|ld))") {
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
    if (local.socket == "inner") {
        # To the public layer: the keys travel with the assembled copy.
        return (deliver);
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.X-Vistka-Fragment-Keys;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    return (deliver);
}
