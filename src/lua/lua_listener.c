/*
** lua_listener.c -- Listener: Lua taps.  packet(pinfo, tvb, tapdata) runs
** after a frame's dissection when the tap's protocol is in the frame and its
** filter matches; draw() at the end of the capture; reset() before a rescan.
**
** Errors in packet() are reported the way tshark 4.0 does: the first one,
** then the count of repeats of the same message each time it reaches a
** power of two, and a summary when a different message comes.
*/
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lua_int.h"
#include "wslua.h"

#define MAX_LISTENERS 256

struct listener {
	int ref;        /* the Listener userdata, whose user value holds the callbacks */
	int tap_id;     /* protocol whose presence calls packet(), -1 for "frame"/none */
	int filter_id;  /* bare-name filter: field that must be present, -1 for none */
	void *filter_h; /* compiled by the filter hook */
	int removed;
	int tapdata; /* the tap has a tapdata extractor in tshark: packet() gets a table, else nil
		      */
	int packet_ref;  /* packet(), kept apart from the callback table: it runs per frame */
	int packet_args; /* arguments packet() can see (0-3): the others are not built */
};

static struct listener listeners[MAX_LISTENERS];
static int nlisteners;

struct lud {
	int slot;
};

int wslua_listener_count(void)
{
	return nlisteners;
}

/* tshark 4.0.17's tap names: Listener.list() there, printed one a line by
**   tshark -r empty.pcap -q -X lua_script:ll.lua   (ll.lua: sort the list, print each name)
** A tap outside this list is refused as tshark does; wiresift serves the ones that are
** protocols it dissects, plus "frame". */
static const char *const tshark_taps[] = {"CAMEL",
					  "DLT User",
					  "DVB-CI",
					  "Ethernet",
					  "IAX2",
					  "IP",
					  "Logcat",
					  "Logcat Text",
					  "OSI layer 3",
					  "OSI layer 4",
					  "OSI layer 7",
					  "actrace",
					  "afp",
					  "ancp",
					  "ansi_a",
					  "ansi_map",
					  "asap",
					  "bacapp",
					  "batman",
					  "batman_follow",
					  "bluetooth",
					  "bluetooth.device",
					  "bluetooth.hci_summary",
					  "btatt.handles",
					  "btpa",
					  "btpa_follow",
					  "btpb",
					  "btpb_follow",
					  "calcappprotocol",
					  "collectd",
					  "componentstatusprotocol",
					  "credentials",
					  "dccp",
					  "dccp_follow",
					  "dcerpc",
					  "dhcp",
					  "diameter",
					  "dicom_eo",
					  "dns",
					  "dtls",
					  "enrp",
					  "eth",
					  "expert",
					  "f1ap",
					  "f5ethtrailer",
					  "f5fileinfo",
					  "fc",
					  "fddi",
					  "file",
					  "fractalgeneratorprotocol",
					  "frame",
					  "ftp-data_eo",
					  "geonw",
					  "giop",
					  "gsm_a",
					  "gsm_map",
					  "gtp",
					  "gtpv1",
					  "h225",
					  "h245",
					  "h245dg",
					  "h248",
					  "hart_ip",
					  "hpfeeds",
					  "http",
					  "http2",
					  "http2_follow",
					  "http_eo",
					  "http_follow",
					  "hzlcst",
					  "icmp",
					  "icmpv6",
					  "imf_eo",
					  "ip",
					  "ipv6",
					  "ipx",
					  "isup",
					  "its",
					  "jxta",
					  "lbm_lbmr_pattern_query",
					  "lbm_lbmr_queue_advertisement",
					  "lbm_lbmr_queue_query",
					  "lbm_lbmr_topic_advertisement",
					  "lbm_lbmr_topic_query",
					  "lbm_lbtrm",
					  "lbm_lbtru",
					  "lbm_stream",
					  "lbm_uim",
					  "ldap",
					  "m3ua",
					  "mac-lte",
					  "megaco",
					  "mgcp",
					  "mptcp",
					  "mtp3",
					  "ncp",
					  "ncp_srt",
					  "ngap",
					  "npm",
					  "ntlmssp",
					  "opensafety",
					  "osmux",
					  "pingpongprotocol",
					  "q931",
					  "quic_follow",
					  "radius",
					  "rlc-lte",
					  "rpc",
					  "rsvp",
					  "rtp",
					  "rtpevent",
					  "rtsp",
					  "sametime",
					  "sccp",
					  "scsi",
					  "sctp",
					  "sdp",
					  "sip",
					  "sip_follow",
					  "skinny",
					  "sll",
					  "smb",
					  "smb2",
					  "smb_eo",
					  "smpp",
					  "snmp",
					  "someip_messages",
					  "someipsd_entries",
					  "spdy",
					  "spdy_eo",
					  "ssprotocol",
					  "sua",
					  "sv",
					  "t38",
					  "tcp",
					  "tcp_follow",
					  "teredo",
					  "tftp_eo",
					  "tls",
					  "tr",
					  "ucp",
					  "udp",
					  "udp_follow",
					  "unistim",
					  "usb",
					  "wlan",
					  "wlan_radio",
					  "wlan_radio_timeline",
					  "wpan",
					  "wsp",
					  "zbee_nwk",
					  NULL};

static int tshark_has_tap(const char *tap)
{
	for (int i = 0; tshark_taps[i]; i++)
		if (!strcmp(tshark_taps[i], tap))
			return 1;
	return 0;
}

static void want_tapdata_fields(const char *tap);

static int is_bare_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int listener_new(lua_State *L)
{
	const char *tap = luaL_optstring(L, 1, NULL);
	const char *filter = luaL_optstring(L, 2, NULL);
	int all = lua_toboolean(L, 3);
	if (nlisteners >= MAX_LISTENERS)
		return luaL_error(L, "Listener.new: too many listeners");
	struct listener li = {LUA_NOREF, -1, -1, NULL, 0, 0, LUA_NOREF, 3};
	/* taps tshark 4.0 hands a tapdata table (seen: eth ip udp tcp http; ipv6, dns: nil) */
	static const char *const with_data[] = {"eth",  "ip",  "udp",  "tcp",
						"http", "smb", "smb2", NULL};
	for (int i = 0; tap && with_data[i]; i++)
		if (!strcmp(tap, with_data[i]))
			li.tapdata = 1;
	if (tap && strcmp(tap, "frame") != 0) {
		if (!tshark_has_tap(tap))
			return luaL_error(L, "Error while registering tap:\nTap %s not found", tap);
		li.tap_id = field_lookup(tap);
		if (li.tap_id < 0 || field_get(li.tap_id)->type != FT_PROTOCOL)
			return luaL_error(L, "Error while registering tap:\nTap %s not found", tap);
		wslua_want_value(li.tap_id);
		want_tapdata_fields(tap);
		/* tap_messages: headers quoted in ICMP errors */
		wslua_want_value(field_lookup("icmp"));
		wslua_want_value(field_lookup("icmpv6"));
		wslua_want_value(field_lookup("ipv6.fraghdr"));
		wslua_want_value(field_lookup("ipv6.reassembled.length"));
	}
	if (filter && *filter) {
		char err[512] = "";
		if (wslua_filter.compile) {
			li.filter_h = wslua_filter.compile(filter, err, sizeof err);
			if (!li.filter_h)
				return luaL_error(L, "Error while registering tap:\n%s", err);
		} else if (is_bare_name(filter)) {
			li.filter_id = field_lookup(filter);
			if (li.filter_id < 0)
				return luaL_error(L,
						  "Error while registering tap:\n"
						  "\"%s\" is neither a field nor a protocol name.",
						  filter);
			wslua_want_value(li.filter_id);
		} else {
			fprintf(stderr,
				"wiresift: Lua: Listener filter \"%s\" needs the display-filter "
				"engine; the tap sees every frame\n",
				filter);
		}
	}
	if (all)
		field_want_all();
	struct lud *u = lua_newuserdatauv(L, sizeof *u, 1);
	u->slot = nlisteners;
	lua_newtable(L);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "Listener");
	lua_pushvalue(L, -1);
	li.ref = luaL_ref(L, LUA_REGISTRYINDEX);
	listeners[nlisteners++] = li;
	return 1;
}

static struct listener *check_listener(lua_State *L, int i)
{
	struct lud *u = luaL_checkudata(L, i, "Listener");
	return &listeners[u->slot];
}

static int listener_remove(lua_State *L)
{
	struct listener *li = check_listener(L, 1);
	li->removed = 1;
	return 0;
}

static int listener_tostring(lua_State *L)
{
	check_listener(L, 1);
	lua_pushstring(L, "Listener");
	return 1;
}

static int listener_index(lua_State *L)
{
	check_listener(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "remove")) {
		lua_pushcfunction(L, listener_remove);
		return 1;
	}
	if (!strcmp(k, "packet") || !strcmp(k, "draw") || !strcmp(k, "reset"))
		return luaL_error(L, "Listener.%s is write-only", k);
	return luaL_error(L, "Listener has no attribute '%s'", k);
}

/*
** A Lua function declaring fewer than three parameters, and no "...", can never
** see the others (5.4 drops surplus arguments of a non-vararg function), so
** the per-frame Pinfo, Tvb and tapdata it would ignore are not made: nil is
** passed in their place.  C functions and vararg functions get all three.
*/
static void set_packet_cb(lua_State *L, struct listener *li, int fn)
{
	luaL_unref(L, LUA_REGISTRYINDEX, li->packet_ref);
	li->packet_ref = LUA_NOREF;
	li->packet_args = 3;
	if (!lua_isfunction(L, fn))
		return;
	lua_pushvalue(L, fn);
	lua_Debug ar;
	lua_pushvalue(L, -1);
	if (lua_getinfo(L, ">u", &ar) && !ar.isvararg && ar.nparams < 3)
		li->packet_args = ar.nparams;
	li->packet_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

static int listener_newindex(lua_State *L)
{
	check_listener(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (strcmp(k, "packet") && strcmp(k, "draw") && strcmp(k, "reset"))
		return luaL_error(L, "Listener has no writable attribute '%s'", k);
	if (!lua_isnil(L, 3))
		luaL_checktype(L, 3, LUA_TFUNCTION);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 3);
	lua_setfield(L, -2, k);
	if (!strcmp(k, "packet"))
		set_packet_cb(L, check_listener(L, 1), 3);
	return 0;
}

static int listener_list(lua_State *L)
{
	lua_newtable(L);
	lua_Integer n = 0;
	for (int i = 0; tshark_taps[i]; i++) {
		int id = strcmp(tshark_taps[i], "frame") ? field_lookup(tshark_taps[i]) : 0;
		if (id < 0 || (id > 0 && field_get(id)->type != FT_PROTOCOL))
			continue;
		lua_pushstring(L, tshark_taps[i]);
		lua_rawseti(L, -2, ++n);
	}
	return 1;
}

static const luaL_Reg listener_meta[] = {{"__index", listener_index},
					 {"__newindex", listener_newindex},
					 {"__tostring", listener_tostring},
					 {NULL, NULL}};

void wslua_open_listener(lua_State *L)
{
	wslua_class(L, "Listener", NULL, listener_meta);
	lua_newtable(L);
	lua_pushcfunction(L, listener_new);
	lua_setfield(L, -2, "new");
	lua_pushcfunction(L, listener_remove);
	lua_setfield(L, -2, "remove");
	lua_pushcfunction(L, listener_list);
	lua_setfield(L, -2, "list");
	lua_setglobal(L, "Listener");
}

/* ---- error reporting, tshark-style --------------------------------------- */

static char last_err[2048];
static long err_repeats;
static int any_err;

static void report_packet_error(uint32_t num, const char *msg)
{
	if (!any_err) {
		fprintf(stderr,
			"tshark: Lua: on packet %u Error during execution of Listener packet "
			"callback:\n%s\n",
			num, msg);
		any_err = 1;
	} else if (strcmp(msg, last_err) != 0) {
		fprintf(stderr,
			"tshark: Lua: on packet %u Error during execution of Listener packet "
			"callback happened %ld times:\n %s\n",
			num, err_repeats, last_err);
		fprintf(stderr,
			"tshark: Lua: on packet %u Error during execution of Listener packet "
			"callback:\n %s\n",
			num, msg);
		err_repeats = 0;
	} else {
		err_repeats++;
		if ((err_repeats & (err_repeats - 1)) == 0 && err_repeats > 1)
			fprintf(stderr,
				"tshark: Lua: on packet %u Error during execution of Listener "
				"packet callback happened %ld times:\n %s\n",
				num, err_repeats, msg);
		return;
	}
	snprintf(last_err, sizeof last_err, "%s", msg);
}

static int get_cb(lua_State *L, const struct listener *li, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, li->ref);
	lua_getiuservalue(L, -1, 1);
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	lua_remove(L, -2);
	if (lua_isfunction(L, -1))
		return 1;
	lua_pop(L, 1);
	return 0;
}

static int under(const struct fieldset *fs, int j, int top)
{
	while (j >= 0 && j != top)
		j = fs->items[j].parent;
	return j == top;
}

/* tapdata: tshark's tap structure members, read from the fields under the k-th message */
struct tdfield {
	const char *tap, *key, *field;
};
static const struct tdfield tdfields[] = {{"eth", "dst", "eth.dst"},
					  {"eth", "src", "eth.src"},
					  {"eth", "type", "eth.type"},
					  {"ip", "ip_dst", "ip.dst"},
					  {"ip", "ip_src", "ip.src"},
					  {"ip", "ip_id", "ip.id"},
					  {"ip", "ip_len", "ip.len"},
					  {"ip", "ip_proto", "ip.proto"},
					  {"ip", "ip_sum", "ip.checksum"},
					  {"ip", "ip_tos", "ip.dsfield"},
					  {"ip", "ip_ttl", "ip.ttl"},
					  {"ip", "ip_ver", "ip.version"},
					  {"udp", "uh_sport", "udp.srcport"},
					  {"udp", "uh_dport", "udp.dstport"},
					  {"udp", "uh_ulen", "udp.length"},
					  {"udp", "uh_sum_cov", "udp.length"},
					  {"udp", "uh_sum", "udp.checksum"},
					  {"udp", "uh_stream", "udp.stream"},
					  {"tcp", "th_sport", "tcp.srcport"},
					  {"tcp", "th_dport", "tcp.dstport"},
					  {"tcp", "th_seq", "tcp.seq"},
					  {"tcp", "th_ack", "tcp.ack"},
					  {"tcp", "th_rawseq", "tcp.seq_raw"},
					  {"tcp", "th_rawack", "tcp.ack_raw"},
					  {"tcp", "th_flags", "tcp.flags"},
					  {"tcp", "th_hlen", "tcp.hdr_len"},
					  {"tcp", "th_seglen", "tcp.len"},
					  {"tcp", "th_stream", "tcp.stream"},
					  {"tcp", "th_win", "tcp.window_size"},
					  {"http", "request_method", "http.request.method"},
					  {"http", "request_uri", "http.request.uri"},
					  {"http", "http_host", "http.host"},
					  {"http", "full_uri", "http.request.full_uri"},
					  {"http", "response_code", "http.response.code"},
					  /* read specially (push_tapdata) */
					  {"ip", NULL, "ip.flags.rb"},
					  {"ip", NULL, "ip.flags.df"},
					  {"ip", NULL, "ip.flags.mf"},
					  {"ip", NULL, "ip.frag_offset"},
					  {"tcp", NULL, "tcp.options.sack_le"},
					  {NULL, NULL, NULL}};

/* first item of field name under top, or -1 */
static int item_under(const struct fieldset *fs, const char *name, int top)
{
	for (int j = fs_first(fs, field_lookup(name)); j >= 0; j = fs->items[j].next_same)
		if (j > top && under(fs, j, top))
			return j;
	return -1;
}

static void want_tapdata_fields(const char *tap)
{
	for (int i = 0; tdfields[i].tap; i++)
		if (!strcmp(tdfields[i].tap, tap))
			wslua_want_value(field_lookup(tdfields[i].field));
}

/* the k-th (0-based) top-level item of tap_id, or -1 */
static int nth_message(const struct fieldset *fs, int tap_id, int k)
{
	for (int j = fs_first(fs, tap_id); j >= 0; j = fs->items[j].next_same)
		if (fs->items[j].parent < 0 && k-- == 0)
			return j;
	return -1;
}

static void push_tapdata(lua_State *L, struct packet *pk, int tap_id, int k)
{
	const char *tap = field_get(tap_id)->abbrev;
	int top = nth_message(pk->fs, tap_id, k);
	lua_newtable(L);
	if (top < 0)
		return;
	lua_checkstack(L, 4);
	for (int i = 0; tdfields[i].tap; i++) {
		if (strcmp(tdfields[i].tap, tap) != 0 || !tdfields[i].key)
			continue;
		int id = field_lookup(tdfields[i].field);
		for (int j = fs_first(pk->fs, id); j >= 0; j = pk->fs->items[j].next_same)
			if (j > top && under(pk->fs, j, top)) {
				wslua_push_item_value(L, &pk->fs->items[j]);
				lua_setfield(L, -2, tdfields[i].key);
				break;
			}
	}
	if (!strcmp(tap, "udp") || !strcmp(tap, "tcp")) {
		wslua_push_address(L, &pk->net_src);
		lua_setfield(L, -2, "ip_src");
		wslua_push_address(L, &pk->net_dst);
		lua_setfield(L, -2, "ip_dst");
	}
	if (!strcmp(tap, "ip")) { /* ip_off: the flags and fragment offset word */
		static const char *const fl[] = {"ip.flags.rb", "ip.flags.df", "ip.flags.mf"};
		lua_Integer off = 0;
		for (int b = 0; b < 3; b++) {
			int j = item_under(pk->fs, fl[b], top);
			if (j >= 0 && pk->fs->items[j].val.v.u)
				off |= 0x8000 >> b;
		}
		int j = item_under(pk->fs, "ip.frag_offset", top);
		if (j >= 0)
			off |= (lua_Integer)(pk->fs->items[j].val.v.u &
					     0x1fff); /* 8-byte units here */
		lua_pushinteger(L, off);
		lua_setfield(L, -2, "ip_off");
	}
	if (!strcmp(tap, "http")) {
		lua_pushinteger(L, pk->num);
		lua_setfield(L, -2, "framenum");
		lua_getfield(L, -1, "response_code");
		int has = !lua_isnil(L, -1);
		lua_pop(L, 1);
		if (!has) {
			lua_pushinteger(L, 0);
			lua_setfield(L, -2, "response_code");
		}
	}
	if (!strcmp(tap, "tcp")) {
		lua_Integer sacks = 0;
		for (int j = fs_first(pk->fs, field_lookup("tcp.options.sack_le")); j >= 0;
		     j = pk->fs->items[j].next_same)
			if (j > top && under(pk->fs, j, top))
				sacks++;
		lua_pushinteger(L, sacks);
		lua_setfield(L, -2, "num_sack_ranges");
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "th_have_seglen");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "th_use_ace");
	}
}

static int icmp_ids[2] = {-2, -2};
static int ipv6_ids[3] = {-2, -2, -2}; /* ipv6, ipv6.fraghdr, ipv6.reassembled.length */

/* top-level items of the tap's protocol before the first ICMP/ICMPv6 item (a quoted header) */
static int tap_messages(const struct packet *pk, int tap_id)
{
	if (icmp_ids[0] == -2) {
		icmp_ids[0] = field_lookup("icmp");
		icmp_ids[1] = field_lookup("icmpv6");
		ipv6_ids[0] = field_lookup("ipv6");
		ipv6_ids[1] = field_lookup("ipv6.fraghdr");
		ipv6_ids[2] = field_lookup("ipv6.reassembled.length");
	}
	int stop = pk->fs->n;
	for (int i = 0; i < 2; i++) {
		int j = fs_first(pk->fs, icmp_ids[i]);
		for (; j >= 0; j = pk->fs->items[j].next_same)
			if (pk->fs->items[j].parent < 0 && j < stop)
				stop = j;
	}
	int n = 0, any = 0;
	for (int j = fs_first(pk->fs, tap_id); j >= 0; j = pk->fs->items[j].next_same) {
		any = 1;
		if (pk->fs->items[j].parent < 0 && j < stop)
			n++;
	}
	/* tshark's IPv6 tap is queued after reassembly: a fragment not completing a datagram
	** gives no ipv6 tap message */
	if (n && tap_id == ipv6_ids[0] && fs_first(pk->fs, ipv6_ids[1]) >= 0 &&
	    fs_first(pk->fs, ipv6_ids[2]) < 0)
		n--;
	return n ? n : any && tap_id == icmp_ids[0] ? 1 : n;
}

void wslua_listeners_packet(lua_State *L, struct packet *pk)
{
	for (int i = 0; i < nlisteners; i++) {
		struct listener *li = &listeners[i];
		if (li->removed)
			continue;
		/*
		** A protocol tap fires once per tap message: tshark queues one per
		** header of the protocol (IPv4 twice in GRE, Ethernet twice in VXLAN),
		** none for a header quoted in an ICMP error.  Here: once per top-level
		** item of the protocol before any ICMP item.
		*/
		int times = 1;
		if (li->tap_id >= 0) {
			times = tap_messages(pk, li->tap_id);
			if (times == 0)
				continue;
		}
		if (li->filter_id >= 0 && fs_first(pk->fs, li->filter_id) < 0)
			continue;
		if (li->filter_h && !wslua_filter.match(li->filter_h, pk))
			continue;
		for (int k = 0; k < times && !li->removed; k++) {
			if (li->packet_ref == LUA_NOREF)
				break;
			lua_checkstack(L, 4);
			lua_rawgeti(L, LUA_REGISTRYINDEX, li->packet_ref);
			if (li->packet_args > 0)
				wslua_push_pinfo(L, pk);
			else
				lua_pushnil(L);
			if (li->packet_args > 1)
				wslua_push_frame_tvb(L, pk);
			else
				lua_pushnil(L);
			/*
			** tapdata: a table for taps with an extractor in tshark (eth, ip,
			** udp, tcp members filled from the fieldset), nil for the others
			** and for frame taps.
			*/
			if (li->tap_id >= 0 && li->tapdata && li->packet_args > 2)
				push_tapdata(L, pk, li->tap_id, k);
			else
				lua_pushnil(L);
			wslua_in_tap = 1;
			char err[2048];
			if (wslua_pcall(L, 3, 0, err, sizeof err) != LUA_OK)
				report_packet_error(pk->num, err);
			wslua_in_tap = 0;
		}
	}
}

void wslua_listeners_draw(lua_State *L)
{
	for (int i = 0; i < nlisteners; i++) {
		struct listener *li = &listeners[i];
		if (li->removed || !get_cb(L, li, "draw"))
			continue;
		char err[2048];
		if (wslua_pcall(L, 0, 0, err, sizeof err) != LUA_OK) {
			fprintf(
			    stderr,
			    "tshark: Lua: Error during execution of Listener draw callback:\n %s\n",
			    err);
			struct timeval tv;
			gettimeofday(&tv, NULL);
			struct tm tm;
			localtime_r(&tv.tv_sec, &tm);
			fprintf(stderr,
				" ** (tshark:%d) %02d:%02d:%02d.%06ld [(none) WARNING] "
				"./epan/wslua/wslua_listener.c:179 -- lua_tap_draw(): Runtime "
				"error while "
				"calling a listener's draw(): (null)\n",
				(int)getpid(), tm.tm_hour, tm.tm_min, tm.tm_sec, (long)tv.tv_usec);
		}
	}
}
