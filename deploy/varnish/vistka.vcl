vcl 4.1;
# Vistka at the edge: cache keys (xkey), grace, ESI for the latest-news column, purges only
# from allowed addresses, no cookies on public pages, and query strings reduced to the
# parameters each route reads so junk parameters cannot bypass the cache.
#
# Two layers in one varnishd, because ESI assembly on every hit halves what Varnish serves:
#   - the public listener keeps ready, assembled copies of pages (one per encoding) and hands
#     their misses to the assembler through the "inner" listener (a Unix socket);
#   - the assembler keeps the app's pages and the latest-news fragment apart and joins them
#     with ESI. Its page objects are never purged by a new story: only the fragment is.
# An assembled copy carries its page's keys plus its fragments' keys, so a new story soft-purges
# the fragment and the assembled copies; each copy is re-assembled once, without the app.
#
# The shield: only the staff marker cookie (`vistka_staff`, signed; the app verifies it) passes a
# public page to the app, and only at a hand-browsing rate per client and in total (vsthrottle);
# any other cookie, or a marker over the rate, is removed and the cached copy served. The Host is
# normalised (lower case, no port, no trailing dot) and must be one the site serves.
#
# The scheme: this listener is plain http; only a trusted proxy (site.vcl's vistka_proxies, the
# TLS terminator in front) may say `X-Forwarded-Proto: https`. The normalised scheme is part of
# the cache key, so a plain-http reader's answer (the app's redirect to https) is never an https
# reader's. Only what the app marks `public` is kept; anything else is fetched each time.
#
# Stale if error, at both layers: a fetch that fails or answers 5xx is abandoned (nothing cached
# replaces the copy we have) and the request restarts once with a long grace, so any copy still
# within its `stale-if-error` is served (X-Cache: STALE). Without one, the app's own error page
# (cacheable for seconds) passes through, or, when the app cannot be reached, a short page in
# the edition's language with Retry-After.
#
# `bin/stack` includes the generated backends.vcl (app processes, the assembler's socket, purge
# ACL) and site.vcl (hosts, trusted proxies, STALE_IF_ERROR, query parameters per route from
# vistka/delivery/query_params.json) next to this file: see vistka/delivery/varnish_config.py.

import std;
import directors;
import xkey;
import vsthrottle;

include "backends.vcl";
include "site.vcl";

sub vcl_recv {
    if (local.socket != "inner") {
        # Only the assembler asks the app for ESI (it sets its own); a client's header would make
        # the app skip its fast path on every request that passes.
        unset req.http.Surrogate-Capability;
    }
    call vistka_scheme;
    if (req.restarts == 0) {
        # Only the public layer, after a failed fetch, may ask the assembler for stale copies.
        if (local.socket != "inner") {
            unset req.http.X-Vistka-Stale-If-Error;
        }
        unset req.http.X-Vistka-Stale;
        call vistka_request_id;
    }
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
    unset req.http.X-Vistka-Encoding;
    unset req.http.X-Vistka-Layer;
    set req.backend_hint = app.backend();
    # Liveness, readiness and metrics: always the app's own answer, never a cached one.
    if (req.url ~ "^/_(health|metrics)(/|\?|$)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|newsroom|documents|django-admin)(/|\?|$)") {
        return (pass);
    }
    call vistka_host;
    # Staff see pages as staff: the app checks the marker's signature (a forged one gets the
    # cached page from the app's fast path). Varnish cannot check it, so it passes marked requests
    # only at the rate staff browse by hand (site.vcl: VARNISH_STAFF_PASS_PER_CLIENT and _TOTAL);
    # beyond it, a flood of forged markers is served from the cache like any reader.
    # `sessionid` alone never passes.
    if (req.http.Cookie ~ "(^|;\s*)vistka_staff=") {
        call vistka_staff_pass;
    }
    call vistka_normalise;
    # One assembled copy per encoding: plain clients never cost a gunzip.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(;\s*q\s*=\s*(1(\.0*)?|0?\.0*[1-9]\d*))?\s*(,|$)") {
        set req.http.X-Vistka-Encoding = "gzip";
    } else {
        set req.http.X-Vistka-Encoding = "identity";
    }
    set req.backend_hint = assembler;
    call vistka_grace;
    return (hash);
}

sub vistka_scheme {
    # The public layer believes the scheme only from a trusted proxy; the assembler gets it from
    # the public layer. Anything but exactly "https" is plain http.
    if (local.socket != "inner" && client.ip !~ vistka_proxies) {
        unset req.http.X-Forwarded-Proto;
    }
    if (req.http.X-Forwarded-Proto ~ "(?i)^\s*https\s*$") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
}

sub vistka_grace {
    # Past its TTL a page is served while one fetch refreshes it (stale-while-revalidate, 60 s
    # at the public layer; none at the assembler, so assembled copies are built from fresh
    # parts). After a failed fetch, or while the app's probe says it is down, any copy still
    # within its own grace (the response's stale-if-error) is better than an error.
    if (req.http.X-Vistka-Stale-If-Error || !std.healthy(app.backend())) {
        set req.http.X-Vistka-Stale-If-Error = "1";
        set req.grace = 3650d;
    } else if (local.socket == "inner") {
        set req.grace = 0s;
    } else {
        set req.grace = 60s;
    }
}

sub vistka_normalise {
    unset req.http.Cookie;
    unset req.http.Authorization;
    # Keep only the query parameters this route reads, sorted (site.vcl, from query_params.json).
    call vistka_query;
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
    # The public layer named the client; the Unix socket's peer (0.0.0.0) is nobody.
    set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*0\.0\.0\.0$", "");
    unset req.http.X-Vistka-Encoding;
    set req.http.X-Vistka-Layer = "assembler";
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    call vistka_grace;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Forwarded-Proto);
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
    # Shareable: the app said `public` (and not private, no-cache, no-store) and set no cookie
    # (noted on the fetch's request, which is not kept).
    unset bereq.http.X-Vistka-Shareable;
    if (beresp.http.Cache-Control ~ "(?i)(^|[,\s])public\s*(,|$)"
        && beresp.http.Cache-Control !~ "(?i)private|no-cache|no-store" && !beresp.http.Set-Cookie) {
        set bereq.http.X-Vistka-Shareable = "1";
    }
    if (beresp.status >= 500 && !bereq.uncacheable) {
        # Never replace a copy we may still serve with an error: give up this fetch, and the
        # request restarts looking for a stale copy (vcl_synth).
        if (bereq.is_bgfetch || !bereq.http.X-Vistka-Stale-If-Error) {
            return (abandon);
        }
        # No copy to serve: the app's own error page (503 with Retry-After while its database
        # is down), kept a few seconds so a crowd does not hammer the app: its s-maxage up to
        # 5 s, else 1 s (Varnish itself would keep no 5xx), only what is marked public.
        if (!bereq.http.X-Vistka-Shareable) {
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            return (deliver);
        }
        set beresp.ttl = std.duration(
            regsub(beresp.http.Cache-Control, "^.*s-maxage=(\d+).*$", "\1") + "s", 1s);
        if (beresp.ttl > 5s) {
            set beresp.ttl = 5s;
        }
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        return (deliver);
    }
    if (bereq.http.X-Vistka-Layer == "assembler" && beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    if (!bereq.http.X-Vistka-Shareable) {
        # Never kept (a redirect to https, say, has no Cache-Control): fetched for each request
        # (hit-for-miss, so the next answer that is public is kept at once).
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Served stale, while the app fails, for as long as the page says (stale-if-error), else for
    # the site's STALE_IF_ERROR (site.vcl).
    if (beresp.http.Cache-Control ~ "(?i)(^|[,\s])stale-if-error\s*=\s*\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "(?i)^.*(^|[,\s])stale-if-error\s*=\s*(\d+).*$", "\2") + "s", 0s);
    } else {
        call vistka_default_stale_if_error;
    }
    if (beresp.grace < 60s) {
        set beresp.grace = 60s;
    }
    set beresp.keep = 1h;
    if (bereq.http.X-Vistka-Encoding) {
        # An assembled copy is re-assembled (from the assembler's objects, not the app) at least
        # every 10 s: should it have been built from a stale part while the app was unreachable
        # for a moment, that ends within seconds of the app's return.
        if (beresp.ttl > 10s) {
            set beresp.ttl = 10s;
        }
        if (beresp.http.X-Vistka-Stale) {
            # The assembler could only give a stale page: keep it a few seconds, then ask again.
            set beresp.ttl = 5s;
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
    # The app could not be reached. A cached copy may still be served: give up, restart stale.
    if (bereq.is_bgfetch || (!bereq.uncacheable && !bereq.http.X-Vistka-Stale-If-Error)) {
        return (abandon);
    }
    set beresp.http.Retry-After = "30";
    if (bereq.uncacheable) {
        set beresp.http.Cache-Control = "no-store";
    } else {
        # No copy anywhere: the same short page for everyone for a few seconds.
        set beresp.http.Cache-Control = "public, max-age=5, s-maxage=5";
        set beresp.ttl = 5s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
    }
    if (bereq.url ~ "^/_fragments/") {
        # A missing column inside a page is better than an error page inside it.
        set beresp.http.Content-Type = "text/html; charset=utf-8";
        synthetic("");
        return (deliver);
    }
    call vistka_error_page;
    return (deliver);
}

sub vistka_error_page {
    # The edition's language by path: /ru/ Russian, /en/ English, anything else Ukrainian.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    if (bereq.url ~ "^/ru(/|\?|$)") {
        synthetic({"<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Сайт временно недоступен</title></head><body><h1>Сайт временно недоступен</h1><p>Мы уже работаем над этим. Попробуйте через минуту.</p></body></html>"});
    } else if (bereq.url ~ "^/en(/|\?|$)") {
        synthetic({"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>The site is temporarily unavailable</title></head><body><h1>The site is temporarily unavailable</h1><p>We are working on it. Please try again in a minute.</p></body></html>"});
    } else {
        synthetic({"<!doctype html><html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Сайт тимчасово недоступний</title></head><body><h1>Сайт тимчасово недоступний</h1><p>Ми вже працюємо над цим. Спробуйте за хвилину.</p></body></html>"});
    }
}

sub vcl_synth {
    # 503 is only ever a failed fetch here (Varnish 7.1 gives it the reason "Service Unavailable").
    if (resp.status == 503 && req.restarts == 0
        && !req.http.X-Vistka-Stale-If-Error && (req.method == "GET" || req.method == "HEAD")) {
        # The fetch failed or was abandoned (vcl_backend_*): look again for a stale copy.
        set req.http.X-Vistka-Stale-If-Error = "1";
        return (restart);
    }
    if (req.esi_level > 0) {
        # An include that failed leaves nothing in the page.
        set resp.body = "";
        return (deliver);
    }
    if (local.socket != "inner") {
        set resp.http.X-Request-Id = req.http.X-Request-Id;
    }
    return (deliver);
}

sub vcl_deliver {
    if (req.esi_level > 0 && resp.status >= 500) {
        return (synth(204, "Include failed"));
    }
    if (req.http.X-Vistka-Stale-If-Error && obj.hits > 0 && obj.ttl <= 0s) {
        set resp.http.X-Vistka-Stale = "1";
    }
    if (local.socket == "inner") {
        # To the public layer: the keys travel with the assembled copy.
        return (deliver);
    }
    if (resp.http.X-Vistka-Stale) {
        set resp.http.X-Cache = "STALE";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Request-Id = req.http.X-Request-Id;
    unset resp.http.X-Vistka-Stale;
    unset resp.http.xkey;
    unset resp.http.X-Vistka-Fragment-Keys;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    return (deliver);
}
