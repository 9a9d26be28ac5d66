-- The code flow's round trip for an app whose user is logged in: GET /authorize (a browser, with
-- its login cookie, BENCH_COOKIES in turn) answers a code, which the next request redeems at POST
-- /token with the PKCE verifier. Counts statuses: 302 (codes issued) and 200 (codes redeemed).
-- BENCH_AUTHORIZE_PATH and BENCH_CODE_TOKEN_PATH name another server's endpoints (Keycloak's).
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/browsers.lua")
local query = os.getenv("BENCH_AUTHORIZE_QUERY")
local redeem = os.getenv("BENCH_REDEEM_FORM")
local authorize_path = os.getenv("BENCH_AUTHORIZE_PATH") or "/authorize"
local token_path = os.getenv("BENCH_CODE_TOKEN_PATH") or "/token"
local codes = {}
local count = response

request = function()
  local code = table.remove(codes)
  if code then
    return wrk.format("POST", token_path, {["Content-Type"] = "application/x-www-form-urlencoded"}, redeem .. "&code=" .. code)
  end
  return wrk.format("GET", authorize_path .. "?" .. query, {["Cookie"] = next_browser()})
end

response = function(status, headers, body)
  count(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status == 302 and location then
    local code = string.match(location, "[?&]code=([^&]+)")
    if code then
      table.insert(codes, code)
    end
  end
end
