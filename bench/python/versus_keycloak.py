"""The set-up of bench/versus-keycloak on one server, the same on both: a confidential client for
client_credentials and introspection, a public client for the code flow with PKCE, accounts, their
refresh tokens, browser logins made through the server's own login page, and an access token from
the code flow. Prints what the wrk scripts need as shell assignments.

    versus_keycloak.py ours BASE              (the bench's users.json has admin / secret)
    versus_keycloak.py keycloak BASE PASSWORD (the bootstrap administrator's password)
"""
import base64
import hashlib
import json
import os
import re
import shlex
import sys
import urllib.error
import urllib.parse
import urllib.request

import browser
from browser import browser as new_browser, call, hidden

REDIRECT = "http://127.0.0.1:9/callback"
SSO = ["sso%d" % n for n in range(1, 17)]              # browser logins, one per wrk connection
REFRESH = ["refresh%d" % n for n in range(1, 17)]      # refresh tokens
READER = "reader"                                      # the userinfo token, from the code flow
ACCOUNTS = SSO + REFRESH + [READER]
# Each redeemed code is a login session of its account, and ours ends an account's oldest beyond
# LOGIN_MAX_SESSIONS_PER_USER (100): the SSO round trips log in "sso" accounts, the refresh tokens
# and the userinfo token belong to others, which the round trips leave alone.
PASSWORD = "bench-password-31"   # ours refuses short and breached passwords; johndoe keeps the seed's "secret"


def post_json(url, body, token):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as answer:
            text = answer.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as refused:
        raise SystemExit("%s: %s %s" % (url, refused.code, refused.read().decode()[:500]))


def token(url, form, authorization=None):
    status, _, body = call(urllib.request.build_opener(), url, form, {"Authorization": authorization} if authorization else None)
    assert status == 200, (url, status, body)
    return json.loads(body)


def basic(client_id, secret):
    return "Basic " + base64.b64encode(("%s:%s" % (client_id, secret)).encode()).decode()


def pkce():
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def code_flow(verifier, challenge):
    query = urllib.parse.urlencode({"response_type": "code", "client_id": "bench-spa", "redirect_uri": REDIRECT,
                                    "scope": "openid profile email", "state": "s", "nonce": "n",
                                    "code_challenge": challenge, "code_challenge_method": "S256"})
    redeem = urllib.parse.urlencode({"grant_type": "authorization_code", "client_id": "bench-spa", "redirect_uri": REDIRECT,
                                     "code_verifier": verifier})
    return query, redeem


def code_of(location):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]


def made(query, redeem, cookies, refresh, access):
    """What either side's set-up made, as the wrk scripts take it."""
    return {
        "AUTHORIZE_QUERY": query,
        "REDEEM_FORM": redeem,
        "COOKIES": " ".join(cookies),
        # two sets: the warm-up's run ends with refresh tokens in flight, spent by the server and never read
        "REFRESH_TOKENS_WARMUP": " ".join(refresh[:2 * len(REFRESH)]),
        "REFRESH_TOKENS": " ".join(refresh[2 * len(REFRESH):]),
        "ACCESS_TOKEN": access,
    }


def ours(base):
    browser.BASE = base
    admin = token(base + "/token", {"username": "admin", "password": "secret", "scope": "me admin"})["access_token"]
    service = post_json(base + "/clients", {"client_id": "bench", "scopes": ["me"], "grant_types": ["client_credentials"]}, admin)
    post_json(base + "/clients", {"client_id": "bench-spa", "client_type": "public", "scopes": ["me"], "redirect_uris": [REDIRECT]}, admin)
    for name in ACCOUNTS:
        post_json(base + "/users", {"username": name, "password": PASSWORD, "email": name + "@example.com",
                                    "full_name": name.capitalize() + " Bench"}, admin)
    verifier, challenge = pkce()
    query, redeem = code_flow(verifier, challenge)
    cookies, access = [], None
    for name in SSO + [READER]:
        opener = new_browser()
        status, _, page = call(opener, "/authorize?" + query)
        assert status == 200, status
        form = hidden(page)
        form.update({"username": name, "password": PASSWORD})
        status, headers, _ = call(opener, "/login", form)
        assert status in (302, 303), status
        if name == READER:
            access = token(base + "/token", dict(urllib.parse.parse_qsl(redeem), code=code_of(headers["Location"])))["access_token"]
        else:
            cookies.append(";".join("%s=%s" % (c.name, c.value) for c in opener.cookies if c.name == "oauth2jwt_sso"))
    refresh = [token(base + "/token", {"username": name, "password": PASSWORD})["refresh_token"]
               for _ in range(4) for name in REFRESH]
    return {
        "CC_AUTHORIZATION": basic("bench", service["client_secret"]),
        "TOKEN_PATH": "/token",
        "LOGIN_FORM": "username=johndoe&password=secret",
        "LOGIN_AUTHORIZATION": "",
        "REFRESH_AUTHORIZATION": "",
        "INTROSPECT_PATH": "/introspect",
        "USERINFO_PATH": "/userinfo",
        "JWKS_PATH": "/.well-known/jwks.json",
        "AUTHORIZE_PATH": "/authorize",
    } | made(query, redeem, cookies, refresh, access)


def keycloak(base, admin_password):
    browser.BASE = base
    admin = token(base + "/realms/master/protocol/openid-connect/token",
                  {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": admin_password})["access_token"]
    secret = base64.urlsafe_b64encode(os.urandom(24)).rstrip(b"=").decode()
    users = [{"username": name, "enabled": True, "email": name + "@example.com", "emailVerified": True,
              "firstName": name.capitalize(), "lastName": "Bench",
              "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]}
             for name in ACCOUNTS]
    users.append(dict(users[0], username="johndoe", email="johndoe@example.com", firstName="John", lastName="Doe",
                      credentials=[{"type": "password", "value": "secret", "temporary": False}]))
    post_json(base + "/admin/realms", {
        "realm": "bench", "enabled": True,
        "accessTokenLifespan": 1800,          # as ours (ACCESS_TOKEN_EXPIRE_MINUTES 30): the run outlasts Keycloak's 5 minutes
        # the tokens' algorithm as ours (JWT_ALGORITHM); Keycloak makes itself a key for it
        "defaultSignatureAlgorithm": os.environ.get("BENCH_ALGORITHM", "RS256"),
        "clients": [
            {"clientId": "bench", "publicClient": False, "secret": secret, "serviceAccountsEnabled": True,
             "directAccessGrantsEnabled": True, "standardFlowEnabled": False},
            {"clientId": "bench-spa", "publicClient": True, "standardFlowEnabled": True, "directAccessGrantsEnabled": False,
             "redirectUris": [REDIRECT], "attributes": {"pkce.code.challenge.method": "S256"}}],
        "users": users}, admin)
    realm = "/realms/bench/protocol/openid-connect"
    authorization = basic("bench", secret)
    verifier, challenge = pkce()
    query, redeem = code_flow(verifier, challenge)
    cookies, access = [], None
    for name in SSO + [READER]:
        opener = new_browser()
        status, _, page = call(opener, realm + "/auth?" + query)
        assert status == 200, status
        action = re.search(r'<form id="kc-form-login"[^>]*action="([^"]+)"', page).group(1).replace("&amp;", "&")
        status, headers, body = call(opener, action, {"username": name, "password": PASSWORD, "credentialId": ""})
        assert status == 302 and "code=" in headers["Location"], (status, body[:500])
        if name == READER:
            access = token(base + realm + "/token", dict(urllib.parse.parse_qsl(redeem), code=code_of(headers["Location"])))["access_token"]
        else:
            cookies.append(";".join("%s=%s" % (c.name, c.value) for c in opener.cookies))
    refresh = [token(base + realm + "/token", {"grant_type": "password", "username": name, "password": PASSWORD},
                     authorization)["refresh_token"]
               for _ in range(4) for name in REFRESH]
    return {
        "CC_AUTHORIZATION": authorization,
        "TOKEN_PATH": realm + "/token",
        "LOGIN_FORM": "grant_type=password&username=johndoe&password=secret",
        "LOGIN_AUTHORIZATION": authorization,     # Keycloak's password grant needs a client; ours, as FastAPI's, does not
        "REFRESH_AUTHORIZATION": authorization,
        "INTROSPECT_PATH": realm + "/token/introspect",
        "USERINFO_PATH": realm + "/userinfo",
        "JWKS_PATH": realm + "/certs",
        "AUTHORIZE_PATH": realm + "/auth",
    } | made(query, redeem, cookies, refresh, access)


if __name__ == "__main__":
    side, base = sys.argv[1], sys.argv[2]
    found = ours(base) if side == "ours" else keycloak(base, sys.argv[3])
    for name, value in found.items():
        print("export SET_%s=%s" % (name, shlex.quote(value)))
