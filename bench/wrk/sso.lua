-- GET /authorize with a browser login (BENCH_COOKIES, in turn): each request issues a code. Counts statuses.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/browsers.lua")

request = function()
  return wrk.format("GET", nil, {["Cookie"] = next_browser()})
end
