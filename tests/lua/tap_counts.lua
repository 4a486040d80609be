-- tap_counts.lua: how many times each protocol Listener's packet() runs per frame
-- (tshark: once per tap message) and the tapdata type it gets (wiresift tests/golden/lua.sh)
local names = {"frame", "eth", "ip", "ipv6", "udp", "tcp", "dns", "http", "arp"}
local counts, kinds = {}, {}
for _, n in ipairs(names) do
  counts[n] = {}
  local ok, l = pcall(Listener.new, n)
  if ok then
    function l.packet(pinfo, tvb, tapdata)
      counts[n][pinfo.number] = (counts[n][pinfo.number] or 0) + 1
      kinds[n] = type(tapdata)
    end
  else
    print("no tap", n)
  end
end
local last = Listener.new()
function last.draw()
  for _, n in ipairs(names) do
    local frames = {}
    for f, c in pairs(counts[n]) do frames[#frames + 1] = f end
    table.sort(frames)
    local parts = {}
    for _, f in ipairs(frames) do parts[#parts + 1] = f .. "x" .. counts[n][f] end
    print(n, kinds[n], table.concat(parts, " "))
  end
end
