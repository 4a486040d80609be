/*
** label.c -- generic tree labels from the field registry.
**
** Used by -V, -T pdml (showname) and -T json when a dissector did not build
** the label itself (fitem.text).
*/
#include "label.h"

#include <stdio.h>
#include <string.h>

#include "format.h"

static int is_int(enum ftype t)
{
	return t >= FT_UINT8 && t <= FT_INT64;
}

static int is_signed(enum ftype t)
{
	return t >= FT_INT8 && t <= FT_INT64;
}

static size_t clampw(size_t n, int w)
{
	if (w < 0)
		return 0;
	return (size_t)w < n ? (size_t)w : n - 1;
}

/* ".... ..01 = " for a masked field, in groups of four bits */
static size_t bit_pattern(char *buf, size_t n, uint64_t mask, uint64_t val, int bits)
{
	size_t k = 0;
	int shift = 0;
	uint64_t m = mask;
	while (m && !(m & 1)) {
		m >>= 1;
		shift++;
	}
	uint64_t raw = val << shift;
	for (int b = bits - 1; b >= 0 && k + 5 < n; b--) {
		uint64_t bit = 1ULL << b;
		buf[k++] = (mask & bit) ? ((raw & bit) ? '1' : '0') : '.';
		if (b && b % 4 == 0)
			buf[k++] = ' ';
	}
	if (k + 4 < n) {
		memcpy(buf + k, " = ", 3);
		k += 3;
	}
	buf[k] = 0;
	return k;
}

/* hex digits of a value: the mask's span for masked fields, else the type's */
static int hex_digits(const struct field_def *d)
{
	if (d->bitmask) {
		int lo = 0, hi = 63;
		while (lo < 63 && !(d->bitmask >> lo & 1))
			lo++;
		while (hi > 0 && !(d->bitmask >> hi & 1))
			hi--;
		return (hi - lo + 1 + 3) / 4;
	}
	return ftype_bits(d->type) / 4;
}

static size_t int_str(const struct field_def *d, const struct fitem *it, int hex, char *buf,
		      size_t n)
{
	if (hex) {
		int w = hex_digits(d);
		uint64_t u = it->val.v.u;
		if (w < 16)
			u &= (1ULL << (w * 4)) - 1;
		return clampw(n, snprintf(buf, n, "0x%0*llx", w, (unsigned long long)u));
	}
	if (is_signed(d->type))
		return clampw(n, snprintf(buf, n, "%lld", (long long)it->val.v.i));
	return clampw(n, snprintf(buf, n, "%llu", (unsigned long long)it->val.v.u));
}

static const char *int_name(const struct field_def *d, uint64_t v)
{
	if (!d->strings || (d->base & BASE_UNIT_STRING))
		return NULL;
	if (d->base & BASE_RANGE_STRING)
		return rvals_lookup(d->strings, (uint32_t)v);
	if ((d->base & BASE_MASK) == BASE_CUSTOM)
		return NULL;
	return vals_lookup(d->strings, (uint32_t)v);
}

size_t label_value(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	if (n == 0)
		return 0;
	buf[0] = 0;
	if (!d)
		return 0;
	if (d->type == FT_BOOLEAN) {
		const struct true_false_string *tf = d->strings;
		const char *s = it->val.v.u ? (tf ? tf->true_string : "True")
					    : (tf ? tf->false_string : "False");
		return clampw(n, snprintf(buf, n, "%s", s));
	}
	if (d->type == FT_CHAR && d->strings && (d->base & BASE_MASK) == BASE_NONE &&
	    !(d->base & BASE_RANGE_STRING)) { /* Letter A ('A') */
		char a[64];
		const char *nm = vals_lookup(d->strings, (uint32_t)it->val.v.u);
		fv_to_str(it, a, sizeof a);
		return clampw(n, snprintf(buf, n, "%s (%s)", nm ? nm : "Unknown", a));
	}
	if (is_int(d->type) && (d->base & BASE_MASK) == BASE_OUI) {
		uint64_t u = it->val.v.u;
		return clampw(n, snprintf(buf, n, "%02x:%02x:%02x", (unsigned)(u >> 16 & 255),
					  (unsigned)(u >> 8 & 255), (unsigned)(u & 255)));
	}
	if (is_int(d->type)) {
		int b = d->base & BASE_MASK;
		char a[64], c[64];
		const char *nm = int_name(d, it->val.v.u);
		if (d->strings && (d->base & BASE_UNIT_STRING)) {
			const struct unit_name_string *u = d->strings;
			int_str(d, it, b == BASE_HEX || b == BASE_HEX_DEC, a, sizeof a);
			const char *w = it->val.v.u != 1 && u->plural ? u->plural : u->singular;
			return clampw(n, snprintf(buf, n, "%s%s", a, w ? w : ""));
		}
		if (d->strings && (d->base & BASE_MASK) != BASE_CUSTOM) {
			if (b == BASE_NONE)
				return clampw(n, snprintf(buf, n, "%s", nm ? nm : "Unknown"));
			int_str(d, it, b == BASE_HEX || b == BASE_HEX_DEC, a, sizeof a);
			return clampw(n, snprintf(buf, n, "%s (%s)", nm ? nm : "Unknown", a));
		}
		if (b == BASE_DEC_HEX) {
			int_str(d, it, 0, a, sizeof a);
			int_str(d, it, 1, c, sizeof c);
			return clampw(n, snprintf(buf, n, "%s (%s)", a, c));
		}
		if (b == BASE_HEX_DEC) {
			int_str(d, it, 1, a, sizeof a);
			int_str(d, it, 0, c, sizeof c);
			return clampw(n, snprintf(buf, n, "%s (%s)", a, c));
		}
		return int_str(d, it, b == BASE_HEX, buf, n);
	}
	if (d->type == FT_RELATIVE_TIME) {
		size_t k = fv_to_str(it, buf, n);
		return k + clampw(n - k, snprintf(buf + k, n - k, " seconds"));
	}
	if ((d->type == FT_BYTES || d->type == FT_UINT_BYTES) && it->val.v.b.n > 36) {
		/* tshark shows 36 bytes, then an ellipsis */
		struct fitem cut = *it;
		cut.val.v.b.n = 36;
		size_t k = fv_to_str(&cut, buf, n);
		return k + clampw(n - k, snprintf(buf + k, n - k, "\xe2\x80\xa6"));
	}
	if ((d->type == FT_BYTES || d->type == FT_UINT_BYTES) && it->val.v.b.n == 0)
		return clampw(n, snprintf(buf, n, "<MISSING>"));
	return fv_to_str(it, buf, n);
}

size_t label_format(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	if (n == 0)
		return 0;
	buf[0] = 0;
	if (!d)
		return 0;
	if (it->text)
		return clampw(n, snprintf(buf, n, "%s", it->text));
	if (d->type == FT_PROTOCOL || d->type == FT_NONE)
		return clampw(n, snprintf(buf, n, "%s", d->name));
	size_t k = 0;
	if (d->bitmask && (is_int(d->type) || d->type == FT_BOOLEAN)) {
		int bits = d->type == FT_BOOLEAN ? (d->base > 0 && d->base <= 64 ? d->base : 8)
						 : ftype_bits(d->type);
		k = bit_pattern(buf, n, d->bitmask, it->val.v.u, bits);
	}
	k += clampw(n - k, snprintf(buf + k, n - k, "%s: ", d->name));
	if (k + 1 < n)
		k += label_value(it, buf + k, n - k);
	return k;
}

/* fields every tshark dissector adds hidden */
static const char *const hidden_abbrevs[] = {
    "ip.addr",           "ip.src_host",      "ip.dst_host",      "ip.host",     "ipv6.addr",
    "ipv6.src_host",     "ipv6.dst_host",    "ipv6.host",        "tcp.port",    "udp.port",
    "eth.addr_resolved", "eth.src_resolved", "eth.dst_resolved", "eth.src.oui", "eth.dst.oui",
    "eth.addr.oui",      "eth.lg",           "eth.ig",           "sctp.port",
};

/* fields tshark always shows generated ([..] in -V), whether or not our dissector flags them */
static const char *const generated_abbrevs[] = {
    "ip.checksum.status",
    "tcp.flags.str",
    "tcp.checksum.status",
    "tcp.len",
    "tcp.time_delta",
    "tcp.stream",
    "tcp.window_size",
    "tcp.time_relative",
    "tcp.analysis",
    "tcp.analysis.initial_rtt",
    "tcp.window_size_scalefactor",
    "tcp.analysis.push_bytes_sent",
    "tcp.analysis.bytes_in_flight",
    "udp.stream",
    "udp.time_relative",
    "udp.time_delta",
    "udp.checksum.status",
    "tcp.analysis.acks_frame",
    "tcp.analysis.ack_rtt",
    "tcp.analysis.flags",
    "dns.count.labels",
    "dns.qry.name.len",
    "data.len",
    "tcp.analysis.retransmission",
    "dns.response_to",
    "dns.time",
    "tcp.analysis.duplicate_ack_num",
    "tcp.analysis.duplicate_ack_frame",
    "icmp.checksum.status",
    "tcp.options.wscale.multiplier",
    "tcp.analysis.rto",
    "tcp.analysis.rto_frame",
    "eth.fcs.status",
    "http.response.code.desc",
    "http.content_length",
    "tcp.options.sack.count",
    "tcp.segment.count",
    "tcp.reassembled.length",
    "tcp.segments",
    "tcp.analysis.lost_segment",
    "ipv6.src_slaac_mac",
    "tcp.connection.fin",
    "tcp.analysis.ack_lost_segment",
    "http.request.full_uri",
    "icmpv6.checksum.status",
    "ipv6.dst_slaac_mac",
    "tcp.analysis.keep_alive",
    "tcp.analysis.keep_alive_ack",
    "tcp.analysis.spurious_retransmission",
    "tcp.connection.fin_active",
    "tcp.analysis.fast_retransmission",
    "ip.fragment.count",
    "ip.reassembled.length",
    "ip.reassembled.data",
    "tcp.analysis.out_of_order",
    "tcp.connection.rst",
    "tcp.connection.fin_passive",
    "icmpv6.resp_to",
    "ipv6.fragment.count",
    "ipv6.reassembled.length",
    "ipv6.reassembled.data",
    "tcp.analysis.window_update",
    "ip.fragment.overlap",
    "arp.duplicate-address-frame",
    "arp.seconds-since-duplicate-address-frame",
    "icmp.resp_to",
    "tcp.urgent_pointer.non_zero",
    "tcp.ack.nonzero",
    "tcp.analysis.zero_window",
    "arp.isgratuitous",
    "arp.isannouncement",
    "tcp.options.mss.absent",
    "tcp.analysis.reused_ports",
};

#define L_HIDDEN    1
#define L_GENERATED 2

static int label_flags(int id)
{
	static unsigned char *map;
	static int nmap;
	if (!map) {
		static unsigned char buf[1 << 16];
		nmap = field_count();
		if (nmap > (int)sizeof buf)
			nmap = (int)sizeof buf;
		for (size_t i = 0; i < sizeof hidden_abbrevs / sizeof hidden_abbrevs[0]; i++) {
			int f = field_lookup(hidden_abbrevs[i]);
			if (f >= 0 && f < nmap)
				buf[f] |= L_HIDDEN;
		}
		for (size_t i = 0; i < sizeof generated_abbrevs / sizeof generated_abbrevs[0];
		     i++) {
			int f = field_lookup(generated_abbrevs[i]);
			if (f >= 0 && f < nmap)
				buf[f] |= L_GENERATED;
		}
		map = buf;
	}
	return id >= 0 && id < nmap ? map[id] : 0;
}

int label_text_item_id(void)
{
	static int id = -2;
	if (id == -2)
		id = field_lookup("_ws.text");
	return id;
}

int label_hidden_by_default(int id)
{
	return label_flags(id) & L_HIDDEN;
}

int label_generated_by_default(int id)
{
	return (label_flags(id) & L_GENERATED) != 0;
}
