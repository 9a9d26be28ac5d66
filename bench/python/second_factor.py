"""The login page's steps, one login at a time, timed per request (bench/second-factor runs it).

A browser is a cookie jar that follows no redirects; the forms are filled from their hidden fields
as a browser would; the authenticator app's codes come from oathtool.
"""
import json
import re
import subprocess
import sys
import time
import urllib.request
import uuid

from browser import BASE, browser, call, hidden


def code(secret, seconds=0):
    return subprocess.check_output(["oathtool", "--totp", "--base32", "--now", "now + %d seconds" % seconds, secret]).decode().strip()


def login_page(opener):
    status, headers, _ = call(opener, "/account")
    status, _, page = call(opener, headers["Location"])
    assert status == 200, status
    return page


def main(accounts):
    _, _, body = call(urllib.request.build_opener(), "/token", {"username": "admin", "password": "admin-password", "scope": "me admin"})
    admin = json.loads(body)["access_token"]

    def account():
        name = "bench-" + uuid.uuid4().hex[:8]
        request = urllib.request.Request(BASE + "/users", data=json.dumps({"username": name, "password": "its-password",
                                                                          "scopes": ["me"]}).encode(),
                                         headers={"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
        urllib.request.urlopen(request).read()
        return name

    def enrolled(name):
        opener = browser()
        form = hidden(login_page(opener))
        form.update(username=name, password="its-password")
        _, headers, _ = call(opener, "/login", form)
        _, _, page = call(opener, headers["Location"])
        offer = hidden(re.search(r'id="add-authenticator".*?</form>', page, re.S).group(0))
        _, _, page = call(opener, "/account/authenticator", offer)
        secret = re.search(r'id="secret">([^<]+)<', page).group(1).replace(" ", "")
        confirm = hidden(page)
        confirm["code"] = code(secret)
        status, _, _ = call(opener, "/account/authenticator/confirm", confirm)
        assert status == 200, status
        return secret

    with_factor = [(name, enrolled(name)) for name in [account() for _ in range(accounts)]]
    without = [account() for _ in range(accounts)]
    timings = {"password step, no factor (login done)": [], "password step, with a factor (second step's page)": [],
               "second step (authenticator app code, login done)": []}
    for name, secret in with_factor:
        opener = browser()
        form = hidden(login_page(opener))
        form.update(username=name, password="its-password")
        started = time.perf_counter()
        status, _, page = call(opener, "/login", form)
        timings["password step, with a factor (second step's page)"].append((time.perf_counter() - started) * 1000)
        assert status == 200, status
        step = hidden(page)
        step["code"] = code(secret, 30)   # the next step's: the enrolment spent this one's
        started = time.perf_counter()
        status, _, _ = call(opener, "/login", step)
        timings["second step (authenticator app code, login done)"].append((time.perf_counter() - started) * 1000)
        assert status == 303, status
    for name in without:
        opener = browser()
        form = hidden(login_page(opener))
        form.update(username=name, password="its-password")
        started = time.perf_counter()
        status, _, _ = call(opener, "/login", form)
        timings["password step, no factor (login done)"].append((time.perf_counter() - started) * 1000)
        assert status == 303, status
    print("| request | logins | p50 | p90 | max |")
    print("|---|---|---|---|---|")
    for what, values in timings.items():
        values.sort()
        print("| %s | %d | %.1f ms | %.1f ms | %.1f ms |" % (what, len(values), values[len(values) // 2],
                                                         values[int(len(values) * 0.9)], values[-1]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
