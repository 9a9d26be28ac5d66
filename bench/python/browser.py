"""A scripted browser for the benchmarks: a cookie jar that follows no redirects, and the login
page's hidden fields read as a browser would fill them."""
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("BENCH_BASE", "http://127.0.0.1:18080")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class LoopbackCookieJar(http.cookiejar.CookieJar):
    """Sends Secure cookies over http to 127.0.0.1, as browsers do for loopback (a secure context);
    Keycloak marks its cookies Secure even when it serves http."""

    def extract_cookies(self, response, request):
        super().extract_cookies(response, request)
        for cookie in self:
            cookie.secure = False


def browser():
    """An opener with its cookie jar as .cookies."""
    cookies = LoopbackCookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), NoRedirect)
    opener.cookies = cookies
    return opener


def call(opener, url, form=None, headers=None):
    """(status, headers, body) of one request; a 4xx or 5xx is an answer, not an exception."""
    request = urllib.request.Request(url if url.startswith("http") else BASE + url,
                                     data=None if form is None else urllib.parse.urlencode(form).encode(), headers=headers or {})
    try:
        answer = opener.open(request)
    except urllib.error.HTTPError as refused:
        answer = refused
    return answer.status, answer.headers, answer.read().decode()


def hidden(html):
    return {name: value.replace("&amp;", "&") for name, value in HIDDEN.findall(html)}
