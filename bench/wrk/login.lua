-- POST /token with the right password: logins per second.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=johndoe&password=secret"
