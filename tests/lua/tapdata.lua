-- tapdata.lua: the tapdata tables of the eth, ip, udp, tcp and http taps, every message
-- (wiresift tests/golden/lua.sh)
for _, n in ipairs({"eth", "ip", "udp", "tcp", "http"}) do
  local l = Listener.new(n)
  function l.packet(pinfo, tvb, td)
    local keys = {}
    for k, v in pairs(td) do keys[#keys + 1] = k .. "=" .. type(v) .. ":" .. tostring(v) end
    table.sort(keys)
    print(n, pinfo.number, table.concat(keys, " "))
  end
end
