-- POST of the form BENCH_FORM, with the Authorization header BENCH_AUTHORIZATION when it is set (a
-- client's Basic credentials), counting statuses.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = assert(os.getenv("BENCH_FORM"), "BENCH_FORM is not set")
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end
