/*
** fuzz_lua_tvb.c -- libFuzzer entry: random bytes as the payload a Lua
** dissector reads through Tvb/TvbRange.  The script interprets the bytes as
** a program of reads (method, offset, length), so the fuzzer steers offsets
** and lengths at the bounds.  Every out-of-range read must end as a Lua error
** (caught per read, or as the dissector's Lua Error item), never as a crash.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/expert.h"
#include "core/field.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"
#include "lua/wslua.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char script[] =
    "local p = Proto('fz', 'Fuzz')\n"
    "local f = p.fields\n"
    "f.u8 = ProtoField.uint8('fz.u8', 'u8', base.HEX, {[1]='one'}, 0xf0)\n"
    "f.u32 = ProtoField.uint32('fz.u32', 'u32')\n"
    "f.u64 = ProtoField.uint64('fz.u64', 'u64')\n"
    "f.i16 = ProtoField.int16('fz.i16', 'i16')\n"
    "f.s = ProtoField.string('fz.s', 's')\n"
    "f.sz = ProtoField.stringz('fz.sz', 'sz')\n"
    "f.b = ProtoField.bytes('fz.b', 'b')\n"
    "f.ip = ProtoField.ipv4('fz.ip', 'ip')\n"
    "f.ip6 = ProtoField.ipv6('fz.ip6', 'ip6')\n"
    "f.eth = ProtoField.ether('fz.eth', 'eth')\n"
    "f.t = ProtoField.absolute_time('fz.t', 't')\n"
    "f.d = ProtoField.double('fz.d', 'd')\n"
    "f.bo = ProtoField.bool('fz.bo', 'bo', 8, nil, 0x01)\n"
    "local fl = {f.u8, f.u32, f.u64, f.i16, f.s, f.sz, f.b, f.ip, f.ip6, f.eth, f.t, f.d, f.bo}\n"
    "local ops = {\n"
    "  function(r) return r:uint() end, function(r) return r:le_uint() end,\n"
    "  function(r) return r:int() end, function(r) return r:le_int() end,\n"
    "  function(r) return r:uint64() end, function(r) return r:le_int64() end,\n"
    "  function(r) return r:float() end, function(r) return r:le_float() end,\n"
    "  function(r) return r:ipv4() end, function(r) return r:ipv6() end,\n"
    "  function(r) return r:ether() end, function(r) return r:nstime() end,\n"
    "  function(r) return r:string() end, function(r) return r:stringz() end,\n"
    "  function(r) return r:ustring() end, function(r) return r:strsize() end,\n"
    "  function(r) return r:bytes():tohex() end, function(r) return r:bitfield(1, 7) end,\n"
    "  function(r) return r:range(1):tvb():len() end, function(r) return tostring(r) end,\n"
    "  function(r) return r:raw(1, 2) end, function(r) return r:le_nstime() end,\n"
    "}\n"
    "function p.dissector(tvb, pinfo, tree)\n"
    "  local t = tree:add(p, tvb())\n"
    "  local off, n = 0, tvb:len()\n"
    "  while off + 3 <= n do\n"
    "    local op, o, l = tvb(off, 1):uint(), tvb(off + 1, 1):uint(), tvb(off + 2, 1):int()\n"
    "    off = off + 3\n"
    "    pcall(function()\n"
    "      local r = tvb(o % (n + 2), l % 20 - 2)\n"
    "      ops[op % #ops + 1](r)\n"
    "      t:add(fl[op % #fl + 1], r)\n"
    "      t:add_le(fl[(op + 3) % #fl + 1], r):append_text('x')\n"
    "    end)\n"
    "  end\n"
    "  pinfo.cols.info = tostring(tvb:reported_length_remaining(0))\n"
    "  return tvb(n + 1, 1):uint()\n" /* always an error: the Lua Error item path */
    "end\n"
    "DissectorTable.get('wtap_encap'):add(wtap.USER0, p)\n";

static struct fieldset fs;
static struct arena ar;
static struct dissect_ctx *ctx;

static void init(void)
{
	dissect_init();
	expert_register();
	wslua_load_string("=fuzz", script);
	field_seal();
	field_want_all();
	fs_init(&fs);
	fs.want_all = 1;
	arena_init(&ar);
	ctx = dissect_ctx_new();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		init();
		ready = 1;
	}
	if (size > 65535)
		return 0;
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &ar;
	pk->ctx = ctx;
	pk->want_cols = 1;
	pk->num = 1;
	pk->caplen = pk->len = (uint32_t)size;
	pk->linktype = 147;
	pk->data = size ? data : (const uint8_t *)"";
	fs_reset(&fs);
	arena_reset(&ar);
	dissect_packet(pk);
	wslua_packet(pk);
	free(pk);
	return 0;
}
