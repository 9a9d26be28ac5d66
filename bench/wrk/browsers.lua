-- The browser logins of BENCH_COOKIES (space-separated "name=value" cookies), taken in turn: many
-- users' browsers, as a real SSO server sees them, rather than one browser asking 16 times at once
-- (a browser login holds at most 10 open codes, and its rows would be one hot spot).
local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "%S+") do
  table.insert(cookies, cookie)
end
assert(#cookies > 0, "BENCH_COOKIES names no browser login")
local turn = 0

function next_browser()
  turn = turn % #cookies + 1
  return cookies[turn]
end
