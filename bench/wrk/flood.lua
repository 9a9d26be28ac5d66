-- POST /token with wrong passwords. FLOOD_ADDRESS: one client address guessing one account's
-- password (both get throttled after a few failures), or "random": a new address and a new
-- username each time, so nothing is ever throttled and every attempt costs a bcrypt computation.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
local address = os.getenv("FLOOD_ADDRESS") or "random"
local n = 0

request = function()
  n = n + 1
  local from = address
  local username = "victim"
  if address == "random" then
    from = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
    username = "guess" .. n
  end
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = from}
  return wrk.format("POST", "/token", headers, "username=" .. username .. "&password=wrong-password-" .. n)
end
