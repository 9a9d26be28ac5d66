-- The refresh grant as clients use it: each refresh token once, the one each answer brings next.
-- BENCH_REFRESH_TOKENS (space-separated, more than there are connections) are taken in turn and
-- each 200's new refresh token goes back at the end of the queue; BENCH_AUTHORIZATION as in
-- form-post.lua. A refusal loses its token: should the queue run dry, a spent token is sent again,
-- and its refusal shows in the statuses.
dofile(os.getenv("BENCH_WRK_DIR") .. "/statuses.lua")
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_REFRESH_TOKENS") or "", "%S+") do
  table.insert(tokens, token)
end
assert(#tokens > 0, "BENCH_REFRESH_TOKENS names no refresh token")
local spent = tokens[1]
local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then
  headers["Authorization"] = authorization
end
local count = response

request = function()
  local token = table.remove(tokens, 1) or spent
  spent = token
  return wrk.format("POST", nil, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

response = function(status, answer_headers, body)
  count(status, answer_headers, body)
  local token = status == 200 and string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
  if token then
    table.insert(tokens, token)
  end
end
