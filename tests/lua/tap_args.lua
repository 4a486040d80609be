-- tap_args.lua: what packet() receives, by how many parameters it declares (wiresift skips
-- building the arguments a function cannot see), and tostring() on FieldInfos and other values
-- (wiresift tests/golden/lua.sh).  Lines are printed sorted at the end: tshark calls the
-- listeners in tap-queue order, wiresift listener by listener (docs/lua.md).
local out = {}
local function print(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  out[#out + 1] = table.concat(t, "\t")
end
local f_len = Field.new("frame.len")
local f_src = Field.new("ip.src")
local f_port = Field.new("udp.srcport")

local va = Listener.new("ip")
function va.packet(...)
  local p, t, d = ...
  print("vararg", select("#", ...), typeof(p), typeof(t), type(d), p.number, t:len(), d.ip_ttl)
end

local one = Listener.new(nil, "udp")
function one.packet(pinfo)
  print("one", typeof(pinfo), pinfo.number, tostring(f_len()), tostring(f_src()), tostring(f_port()))
end

local four = Listener.new("udp")
function four.packet(pinfo, tvb, tapdata, extra)
  print("four", pinfo.number, tvb:len(), tapdata.uh_sport, tostring(extra))
end

-- a 0-parameter packet() replaced by a 3-parameter one while running
local sw = Listener.new("ip")
local n = 0
function sw.packet()
  n = n + 1
  print("none", n, tostring(f_len()) + 0)
  if n == 2 then
    sw.packet = function(p, t, d) print("swapped", p.number, t:len(), d.ip_proto) end
  end
end

local once = Listener.new()
local done = false
function once.packet()
  if done then return end
  done = true
  local fi = f_len()
  print("tostring", tostring(fi), tostring(nil), tostring(true), tostring(3000 / 1000), tostring(7),
        tostring("s"), tostring(setmetatable({}, {__tostring = function() return "meta" end})),
        typeof(fi), fi == f_len(), tostring(fi) == tostring(f_len()))
end
function once.draw()
  table.sort(out)
  for _, l in ipairs(out) do io.write(l, "\n") end
end
