-- GET /authorize with a browser login (BENCH_COOKIE): each request issues a code. Counts statuses.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
