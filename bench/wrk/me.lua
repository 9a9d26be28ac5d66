-- GET with the bearer token of BENCH_TOKEN, counting statuses.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
