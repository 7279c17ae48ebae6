"""ContentSecurityPolicyMiddleware: django-csp's headers, the settings' policy built once."""

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from forum_archive.middleware import ContentSecurityPolicyMiddleware
from tests.python_calls import python_calls

NONCED = {
    "DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE], "object-src": ["'none'"]}
}
REPORTED = {"DIRECTIVES": {"default-src": [SELF], "report-uri": ["/csp-report/"]}}


def page(request):
    return HttpResponse("<p>page</p>")


def page_taking_a_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


@csp_update({"img-src": ["https://images.example.org"]})
def page_updating_its_policy(request):
    return HttpResponse("<p>page</p>")


@csp_exempt()
def page_exempt(request):
    return HttpResponse("<p>page</p>")


def headers(middleware_class, view, path="/"):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return {name: value for name, value in response.items() if "Content-Security" in name}, request


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize("view", [page, page_updating_its_policy, page_exempt])
@pytest.mark.parametrize("policy", [None, NONCED])
def test_a_page_gets_the_same_headers_as_from_django_csp(view, policy):
    with override_settings(
        **({"CONTENT_SECURITY_POLICY": policy} if policy else {}),
        CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORTED,
    ):
        ours, _ = headers(ContentSecurityPolicyMiddleware, view)
        theirs, _ = headers(CSPMiddleware, view)
    assert {name: directives(value) for name, value in ours.items()} == {
        name: directives(value) for name, value in theirs.items()
    }
    assert ("Content-Security-Policy" in ours) is (view is not page_exempt)


def test_a_nonce_taken_by_the_page_is_in_its_header_and_a_new_one_on_the_next():
    with override_settings(CONTENT_SECURITY_POLICY=NONCED):
        first, first_request = headers(ContentSecurityPolicyMiddleware, page_taking_a_nonce)
        second, second_request = headers(ContentSecurityPolicyMiddleware, page_taking_a_nonce)
    first_nonce, second_nonce = str(first_request.csp_nonce), str(second_request.csp_nonce)
    assert f"'nonce-{first_nonce}'" in directives(first["Content-Security-Policy"])["script-src"]
    assert f"'nonce-{second_nonce}'" in directives(second["Content-Security-Policy"])["script-src"]
    assert first_nonce != second_nonce


def test_a_page_without_a_nonce_has_none_in_its_header_and_cannot_take_one_after():
    with override_settings(CONTENT_SECURITY_POLICY=NONCED):
        sent, request = headers(ContentSecurityPolicyMiddleware, page)
    assert directives(sent["Content-Security-Policy"])["script-src"] == ["'self'"]
    with pytest.raises(Exception, match="not available after the CSP header"):
        str(request.csp_nonce)


def test_a_changed_policy_is_sent_from_the_next_response():
    headers(ContentSecurityPolicyMiddleware, page)  # the settings' policy made and kept
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        changed, _ = headers(ContentSecurityPolicyMiddleware, page)
    after, _ = headers(ContentSecurityPolicyMiddleware, page)
    assert changed["Content-Security-Policy"] == "default-src 'none'"
    assert directives(after["Content-Security-Policy"])["default-src"] == ["'self'"]


def test_an_excluded_prefix_gets_no_header():
    policy = {"EXCLUDE_URL_PREFIXES": ["/outside/"], "DIRECTIVES": {"default-src": [SELF]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        outside, _ = headers(ContentSecurityPolicyMiddleware, page, "/outside/x")
        inside, _ = headers(ContentSecurityPolicyMiddleware, page, "/inside/")
    assert "Content-Security-Policy" not in outside
    assert inside["Content-Security-Policy"] == "default-src 'self'"


def python_calls_per_response(middleware_class):
    middleware = middleware_class(page)
    middleware(RequestFactory().get("/"))  # the first may build what later ones reuse
    requests = [RequestFactory().get("/") for _ in range(10)]
    responses = [page(request) for request in requests]

    def respond():
        for request, response in zip(requests, responses, strict=True):
            middleware.process_response(request, response)

    return python_calls(respond) / 10


def test_the_settings_policy_is_not_built_again_for_every_response():
    # django-csp: ~340 calls a response, nearly all building the same header again.
    assert python_calls_per_response(CSPMiddleware) > 200
    assert python_calls_per_response(ContentSecurityPolicyMiddleware) < 60
