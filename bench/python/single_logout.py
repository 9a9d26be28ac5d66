"""Single logout, timed (bench/single-logout runs it).

Apps are registered with a back channel served here (the standard library's HTTP server, answering
200 at once) or without one. A round: a browser logs in to each app (the login page once, then the
single sign-on), then logs out at GET /logout with the first app's ID token. Timed: the logout's
own answer, and from the moment the logout was sent to each app's receipt of its logout token.
"""
import base64
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

from browser import BASE, browser, call, hidden

received = {}   # (client_id, sid) -> perf_counter at receipt
arrived = threading.Condition()


class BackChannel(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        payload = form["logout_token"][0].split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        with arrived:
            received[(claims["aud"], claims["sid"])] = time.perf_counter()
            arrived.notify_all()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def register(admin, client_id, backchannel):
    body = {"client_id": client_id, "scopes": ["me"], "redirect_uris": ["https://%s.example.test/callback" % client_id]}
    if backchannel:
        body["backchannel_logout_uri"] = backchannel
    request = urllib.request.Request(BASE + "/clients", data=json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request).read())["client_secret"]


def tokens(opener, client_id, secret, first):
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    redirect = "https://%s.example.test/callback" % client_id
    query = urllib.parse.urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect, "scope": "openid",
                                    "state": "s", "nonce": "n", "code_challenge": challenge, "code_challenge_method": "S256"})
    status, headers, page = call(opener, "/authorize?" + query)
    if first:
        assert status == 200, status
        form = hidden(page)
        form.update(username="johndoe", password="secret")
        status, headers, _ = call(opener, "/login", form)
    assert status in (302, 303), status
    code = urllib.parse.parse_qs(urllib.parse.urlparse(headers["Location"]).query)["code"][0]
    basic = base64.b64encode(("%s:%s" % (client_id, secret)).encode()).decode()
    _, _, body = call(urllib.request.build_opener(), "/token", {"grant_type": "authorization_code", "code": code,
                                                                "redirect_uri": redirect, "code_verifier": verifier},
                      {"Authorization": "Basic " + basic})
    return json.loads(body)


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))]


def main(rounds, apps):
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BackChannel)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    backchannel = "http://127.0.0.1:%d/backchannel-logout" % receiver.server_address[1]
    _, _, body = call(urllib.request.build_opener(), "/token", {"username": "admin", "password": "admin-password", "scope": "me admin"})
    admin = json.loads(body)["access_token"]
    told = [("told-%d-%s" % (i, uuid.uuid4().hex[:6])) for i in range(apps)]
    quiet = [("quiet-%d-%s" % (i, uuid.uuid4().hex[:6])) for i in range(apps)]
    secrets = {client: register(admin, client, backchannel) for client in told}
    secrets.update({client: register(admin, client, None) for client in quiet})
    rows = []
    for label, clients in (("%d apps without a back channel" % apps, quiet), ("%d apps with a back channel" % apps, told)):
        logouts, deliveries = [], []
        for _ in range(rounds):
            opener = browser()
            first = None
            for index, client in enumerate(clients):
                got = tokens(opener, client, secrets[client], index == 0)
                first = first or got
            payload = first["id_token"].split(".")[1]
            sid = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sid"]
            sent = time.perf_counter()
            status, _, _ = call(opener, "/logout?id_token_hint=" + first["id_token"])
            logouts.append((time.perf_counter() - sent) * 1000)
            assert status == 200, status
            if clients is told:
                deadline = time.time() + 10
                with arrived:
                    while any((client, sid) not in received for client in clients) and time.time() < deadline:
                        arrived.wait(0.5)
                missing = [client for client in clients if (client, sid) not in received]
                assert not missing, "not told: %s" % missing
                deliveries.extend((received[(client, sid)] - sent) * 1000 for client in clients)
        rows.append((label + ": GET /logout answered", logouts))
        if deliveries:
            rows.append((label + ": logout sent to token received", deliveries))
    print("| measured | samples | p50 | p90 | max |")
    print("|---|---|---|---|---|")
    for what, values in rows:
        print("| %s | %d | %.1f ms | %.1f ms | %.1f ms |" % (what, len(values), percentile(values, 0.5), percentile(values, 0.9),
                                                         max(values)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
