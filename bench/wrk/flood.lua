-- POST /token with wrong passwords for ever new usernames. FLOOD_ADDRESS: one client address for
-- all (it gets throttled), or "random" for a new one each time (nothing is throttled).
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
local address = os.getenv("FLOOD_ADDRESS") or "random"
local n = 0

request = function()
  n = n + 1
  local from = address
  if address == "random" then
    from = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  end
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = from}
  return wrk.format("POST", "/token", headers, "username=guess" .. n .. "&password=wrong-password")
end
