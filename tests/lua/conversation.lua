-- conversation.lua: pinfo.conversation = proto set by a post-dissector on the first
-- packet of each UDP/TCP flow; later packets of the flow (both directions) reach the
-- protocol before the port tables (wiresift tests/golden/lua.sh)
local p = Proto("convp", "Conversation test")
local f_len = ProtoField.uint16("convp.len", "Payload length")
p.fields = {f_len}

function p.dissector(tvb, pinfo, tree)
  pinfo.cols.protocol = "CONVP"
  pinfo.cols.info = "conversation payload " .. tvb:len()
  local t = tree:add(p, tvb())
  t:add(f_len, tvb:len())
  return tvb:len()
end

local post = Proto("convpost", "Conversation setter")
local done = {}
function post.dissector(tvb, pinfo, tree)
  local key = tostring(pinfo.src) .. ":" .. pinfo.src_port .. "-" .. tostring(pinfo.dst) .. ":" .. pinfo.dst_port
  if (pinfo.port_type == 2 or pinfo.port_type == 3) and not done[key] and pinfo.number ~= 17 then
    done[key] = true
    pinfo.conversation = p
  end
end
register_postdissector(post)
