-- POST /token with a directory person's right password (BENCH_USERNAME, BENCH_PASSWORD): directory logins per second.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=" .. os.getenv("BENCH_USERNAME") .. "&password=" .. os.getenv("BENCH_PASSWORD")
