"""HTTP behaviour of every API address: ETag and 304, caching headers, CORS, read-only methods,
JSON errors, the OpenAPI schema and the self-hosted docs."""

import hashlib
import io
from wsgiref.util import setup_testing_defaults

import pytest

from vistka.api.tests.builders import API, get_json, story

pytestmark = pytest.mark.django_db

CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
GET_URLS = [
    f"{API}/",
    f"{API}/articles",
    f"{API}/articles?edition=uk&limit=1",
    f"{API}/editions",
    f"{API}/sections?edition=uk",
    f"{API}/tags",
    f"{API}/authors",
    f"{API}/openapi.json",
    f"{API}/docs",
]


def vary(response):
    return {value.strip() for value in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("url", GET_URLS)
def test_every_get_has_etag_cache_control_vary_and_cors(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"] == '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    assert response["Cache-Control"] == CACHE_CONTROL
    assert "Accept-Encoding" in vary(response)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("url", GET_URLS)
def test_if_none_match_gives_304_without_a_body(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == CACHE_CONTROL
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Accept-Encoding" in vary(response)


@pytest.mark.parametrize(
    "header, status",
    [
        ("{etag}", 304),
        ("W/{etag}", 304),  # weak comparison
        ('"other", {etag}', 304),
        ("*", 304),
        ('"other"', 200),
        ("", 200),
        ("garbage without quotes", 200),
    ],
)
def test_if_none_match_forms(client, header, status):
    etag = client.get(f"{API}/editions")["ETag"]
    response = client.get(f"{API}/editions", headers={"If-None-Match": header.format(etag=etag)})
    assert response.status_code == status


def test_etag_changes_with_the_content(client):
    first = client.get(f"{API}/articles")
    assert client.get(f"{API}/articles")["ETag"] == first["ETag"]
    story(title="Something new")
    second = client.get(f"{API}/articles", headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "Something new" in second.json()["items"][0]["headline"]


def test_errors_are_json_with_an_etag_too(client):
    response = client.get(f"{API}/articles?limit=500")
    assert response.status_code == 400
    assert response["ETag"] and response["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(f"{API}/articles?limit=500", headers={"If-None-Match": response["ETag"]}).status_code
        == 400
    )


def test_head_is_a_get_without_the_body(client):
    get = client.get(f"{API}/editions")
    head = client.head(f"{API}/editions")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))
    assert head["Content-Type"] == get["Content-Type"]
    assert client.head(f"{API}/editions", headers={"If-None-Match": get["ETag"]}).status_code == 304


@pytest.mark.parametrize("url", [f"{API}/articles", f"{API}/articles/uk/1", f"{API}/tags", f"{API}/nowhere"])
def test_cors_preflight(client, url):
    response = client.options(
        url,
        headers={
            "Origin": "https://reader.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_cross_origin_get(client):
    response = client.get(f"{API}/articles", headers={"Origin": "https://reader.example"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [f"{API}/", f"{API}/articles", f"{API}/articles/uk/1", f"{API}/tags"])
def test_writes_are_not_allowed(client, method, url):
    response = getattr(client, method)(url, data={"title": "x"}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "error": "method_not_allowed",
        "message": "This API is read-only: use GET, HEAD, OPTIONS.",
        "details": [],
    }


def test_writes_are_refused_before_any_csrf_check(client):
    client = type(client)(enforce_csrf_checks=True)
    assert client.post(f"{API}/articles").status_code == 405


@pytest.mark.parametrize(
    "url", [f"{API}/nowhere", f"{API}/articles/", f"{API}/articles/uk", f"{API}/docs/assets/x.js"]
)
def test_unknown_addresses_are_json_404(client, url):
    response, data = get_json(client, url)
    assert response.status_code == 404
    assert data["error"] == "not_found"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_openapi_schema(client):
    response, schema = get_json(client, f"{API}/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Vistka public API"
    assert set(schema["paths"]) == {
        f"{API}/",
        f"{API}/articles",
        f"{API}/articles/{{edition}}/{{story_number}}",
        f"{API}/editions",
        f"{API}/sections",
        f"{API}/tags",
        f"{API}/authors",
    }
    assert all(set(methods) == {"get"} for methods in schema["paths"].values())
    parameters = {p["name"]: p for p in schema["paths"][f"{API}/articles"]["get"]["parameters"]}
    assert set(parameters) == {
        "edition",
        "kind",
        "section",
        "tag",
        "author",
        "since",
        "until",
        "cursor",
        "limit",
    }
    assert parameters["limit"]["schema"]["minimum"] == 1 and parameters["limit"]["schema"]["maximum"] == 100
    assert parameters["since"]["schema"]["format"] == "date-time"
    assert not any(p["required"] for p in parameters.values())
    detail = schema["paths"][f"{API}/articles/{{edition}}/{{story_number}}"]["get"]
    assert set(detail["responses"]) == {"200", "400", "404"}


def test_docs_are_served_without_a_cdn(client):
    response = client.get(f"{API}/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower() and "https://" not in html
    assert f'"url": "{API}/openapi.json"' in html
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"):
        assert f"{API}/docs/assets/{asset}" in html
        served = client.get(f"{API}/docs/assets/{asset}")
        assert served.status_code == 200 and len(served.content) > 100
        assert served["Cache-Control"] == "public, max-age=86400"
        assert served["ETag"]
    assert client.get(f"{API}/docs/assets/swagger-ui.css")["Content-Type"].startswith("text/css")


# --- through the production entry point (vistka.wsgi.application) ---------------------------------------
#
# vistka.wsgi.application wraps Django in the delivery fast path (vistka/delivery/fastpath.py). The API's
# responses carry no s-maxage and the fast path lets /api/ through untouched: conditional requests
# and blank parameters reach the API as sent.


def call_wsgi(path, query="", **headers):
    from vistka.wsgi import application

    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "localhost", "wsgi.input": io.BytesIO()}
    environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    setup_testing_defaults(environ)
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"], captured["headers"] = int(status[:3]), dict(response_headers)

    body = b"".join(application(environ, start_response))
    return captured["status"], captured["headers"], body


def test_through_the_production_entry_point(wsgi_requests):
    status, headers, body = call_wsgi(f"{API}/editions")
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Cache-Control"] == CACHE_CONTROL
    assert headers["ETag"] == '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    assert call_wsgi(f"{API}/articles", "limit=0")[0] == 400


def test_through_the_production_entry_point_if_none_match(wsgi_requests):
    _, headers, _ = call_wsgi(f"{API}/editions")
    status, _, body = call_wsgi(f"{API}/editions", IF_NONE_MATCH=headers["ETag"])
    assert (status, body) == (304, b"")


def test_through_the_production_entry_point_blank_parameter(wsgi_requests):
    assert call_wsgi(f"{API}/articles", "limit=")[0] == 400
