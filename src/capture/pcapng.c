/*
** pcapng.c -- the pcapng format: sections of either byte order, interfaces
** with their own link type, time resolution and offset, and the packet
** blocks (EPB, SPB, the obsolete PB); custom blocks become records because
** tshark shows them as frames; every other block is skipped.
**
** Every block is checked as tshark checks it (lengths, trailer, interface
** index, packet size) and a failure gives tshark's words.  A block is read
** whole with one peek, so packet bytes and comment options are pointers into
** the source and nothing is allocated per packet.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "capture_int.h"

#define BT_SHB       0x0A0D0D0Au
#define BT_IDB       1u
#define BT_PB        2u
#define BT_SPB       3u
#define BT_NRB       4u
#define BT_ISB       5u
#define BT_EPB       6u
#define BT_SJE       9u /* systemd journal export */
#define BT_DSB       10u
#define BT_CB_COPY   0x00000BADu
#define BT_CB_NOCOPY 0x40000BADu
#define BOM          0x1A2B3C4Du

/*
** tshark refuses blocks above the largest packet any link type allows
** (128 MiB, D-Bus) plus the largest EPB header and 128 KiB of options.
*/
#define MAX_BLOCK (32u + 128u * 1024 * 1024 + 131072u)

#define OPT_ENDOFOPT 0
#define OPT_COMMENT  1

/* What a frame takes from its interface, worked out once per IDB. */
struct ng_ifview {
	uint32_t local; /* section-local id */
	uint32_t ifid;
	int linktype, encap;
	const char *name, *descr;
	uint64_t resol;
	int64_t tsoffset;
};

struct ng_priv {
	int swap;
	uint32_t nshb, section;
	uint32_t sec_base; /* global index of the section's first interface */
	uint32_t sec_nif;  /* interfaces in the current section */
	/*
	** A direct source (source_direct): EPBs are read in place at map + at;
	** the source is told (source_skip) only every SYNC bytes, or before
	** read_block takes over at told.
	*/
	const uint8_t *map;
	size_t maplen, at, told;
	/* the current section's interfaces by local id: sec_nif of them */
	struct ng_ifview *sec_if;
	int32_t sec_ifcap;
};

#define SYNC           ((size_t)1 << 20)
#define PREFETCH_AHEAD 2048

static uint32_t pad4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

int cap_pcapng_probe(const uint8_t *head, size_t n)
{
	if (n < 12 || cap_rd32(head, 0) != BT_SHB)
		return 0;
	uint32_t bom = cap_rd32(head + 8, 0);
	return bom == BOM || bom == 0x4D3C2B1Au;
}

/* Walk the options in [o, end); calls fn for each until it returns < 0. */
typedef void (*opt_fn)(struct capture *c, void *ctx, uint16_t code, const uint8_t *v, uint16_t n);

static int walk_options(struct capture *c, uint64_t off, const uint8_t *o, const uint8_t *end,
			int swap, opt_fn fn, void *ctx)
{
	while (end - o >= 4) {
		uint16_t code = cap_rd16(o, swap), n = cap_rd16(o + 2, swap);
		if (code == OPT_ENDOFOPT)
			break;
		if ((size_t)(end - o - 4) < n)
			return cap_fail_bad(
			    c, off, "pcapng: Not enough data to handle option of length %u", n);
		fn(c, ctx, code, o + 4, n);
		o += 4 + pad4(n);
	}
	return 0;
}

/* tshark's minimum block sizes and how it names each block in messages. */
static int check_min(struct capture *c, uint64_t off, uint32_t type, uint32_t len)
{
	static const struct {
		uint32_t type;
		uint32_t min;
		const char *what, *abbrev;
	} mins[] = {
	    {BT_IDB, 20, "an", "IDB"},   {BT_PB, 32, "a", "PB"},        {BT_SPB, 16, "an", "SPB"},
	    {BT_NRB, 16, "an", "NRB"},   {BT_EPB, 32, "an", "EPB"},     {BT_DSB, 20, "a", "DSB"},
	    {BT_CB_COPY, 16, "a", "CB"}, {BT_CB_NOCOPY, 16, "a", "CB"},
	};
	if (type == BT_SJE) {
		if (len < 35)
			return cap_fail_bad(c, off,
					    "pcapng: total block length %u of a systemd journal "
					    "export block is too small (< 35)",
					    len);
		return 0;
	}
	if (type == BT_ISB) {
		if (len < 24)
			return cap_fail_bad(
			    c, off, "pcapng: total block length %u of an ISB is too small (< 24)",
			    len);
		return 0;
	}
	for (size_t i = 0; i < sizeof mins / sizeof mins[0]; i++) {
		if (mins[i].type != type)
			continue;
		if (len < mins[i].min)
			return cap_fail_bad(c, off,
					    "pcapng: total block length %u of %s %s is less than "
					    "the minimum %s size %u",
					    len, mins[i].what, mins[i].abbrev, mins[i].abbrev,
					    mins[i].min);
		return 0;
	}
	if (len < 12)
		return cap_fail_bad(c, off,
				    "pcapng: total block length %u of an unknown block type is "
				    "less than the minimum block size 12",
				    len);
	return 0;
}

static void shb_opt(struct capture *c, void *ctx, uint16_t code, const uint8_t *v, uint16_t n)
{
	struct cap_shb *s = ctx;
	if (code == OPT_COMMENT) {
		xgrow(&s->comments, &s->comcap, s->ncomments + 1, sizeof *s->comments);
		s->comments[s->ncomments++] = cap_strndup(v, n);
		return;
	}
	char **own = code == 2   ? &s->hardware
		     : code == 3 ? &s->os
		     : code == 4 ? &s->userappl
				 : NULL;
	if (own && !*own)
		*own = cap_strndup(v, n);
	char **slot = code == 2   ? &c->shb_hardware
		      : code == 3 ? &c->shb_os
		      : code == 4 ? &c->shb_userappl
				  : NULL;
	if (slot && !*slot)
		*slot = cap_strndup(v, n);
}

static int read_shb(struct capture *c, struct ng_priv *ng, uint64_t off, const uint8_t *p,
		    uint32_t len)
{
	if (len < 28)
		return cap_fail_bad(
		    c, off,
		    "pcapng: total block length %u of an SHB is less than the minimum SHB size 28",
		    len);
	uint16_t major = cap_rd16(p + 12, ng->swap), minor = cap_rd16(p + 14, ng->swap);
	if (major != 1)
		return cap_fail_unsupported(c, off, "pcapng: unknown SHB version %u.%u", major,
					    minor);
	ng->section = ng->nshb++;
	ng->sec_base = (uint32_t)c->nifaces;
	ng->sec_nif = 0;
	xgrow(&c->shbs, &c->shbcap, c->nshbs + 1, sizeof *c->shbs);
	struct cap_shb *s = &c->shbs[c->nshbs++];
	memset(s, 0, sizeof *s);
	return walk_options(c, off, p + 24, p + len - 4, ng->swap, shb_opt, s);
}

/* Name Resolution Block: count the IPv4 (type 1) and IPv6 (type 2) records. */
static void count_nrb(struct capture *c, const struct ng_priv *ng, const uint8_t *q,
		      const uint8_t *end)
{
	while (end - q >= 4) {
		uint16_t type = cap_rd16(q, ng->swap), n = cap_rd16(q + 2, ng->swap);
		if (type == 0)
			break;
		if (type == 1)
			c->nrb_v4++;
		else if (type == 2)
			c->nrb_v6++;
		q += 4 + pad4(n);
	}
}

static uint64_t pow_u64(uint64_t b, unsigned e)
{
	uint64_t r = 1;
	while (e--)
		r *= b;
	return r;
}

static void idb_opt(struct capture *c, void *ctx, uint16_t code, const uint8_t *v, uint16_t n)
{
	struct cap_iface *ifc = ctx;
	const struct ng_priv *ng = c->priv;
	if (code == 2 && !ifc->name) {
		ifc->name = cap_strndup(v, n);
	} else if (code == 3 && !ifc->description) {
		ifc->description = cap_strndup(v, n);
	} else if (code == 11 && n >= 1 && !ifc->filter) {
		if (v[0] == 0)
			ifc->filter = cap_strndup(v + 1, (uint16_t)(n - 1));
	} else if (code == 12 && !ifc->os) {
		ifc->os = cap_strndup(v, n);
	} else if (code == 9 && n >= 1) {
		ifc->has_tsresol = 1;
		/* tshark lets a too-large unit count wrap (2^64 becomes 0): so do we */
		ifc->tsresol_num = pow_u64(v[0] & 0x80u ? 2 : 10, v[0] & 0x7fu);
	} else if (code == 14 && n >= 8) {
		ifc->tsoffset = (int64_t)cap_rd64(v, ng->swap);
	}
}

/* The section's next interface (the one just added) into sec_if. */
static void sec_iface_add(const struct capture *c, struct ng_priv *ng)
{
	uint32_t local = ng->sec_nif;
	xgrow(&ng->sec_if, &ng->sec_ifcap, (int32_t)local + 1, sizeof *ng->sec_if);
	struct ng_ifview *ic = &ng->sec_if[local];
	const struct cap_iface *ifc = &c->ifaces[ng->sec_base + local];
	ic->local = local;
	ic->ifid = ng->sec_base + local;
	/*
	** tshark 4.0 looks the name up in the file-wide interface list with
	** the section-local id, so a later section shows the first section's
	** names; frame.interface_name must agree with it.
	*/
	const struct cap_iface *named = local < (uint32_t)c->nifaces ? &c->ifaces[local] : NULL;
	ic->name = named ? named->name : NULL;
	ic->descr = named ? named->description : NULL;
	ic->linktype = ifc->linktype;
	ic->encap = ifc->encap;
	ic->resol = ifc->tsresol_num;
	ic->tsoffset = ifc->tsoffset;
}

static int read_idb(struct capture *c, struct ng_priv *ng, uint64_t off, const uint8_t *p,
		    uint32_t len)
{
	struct cap_iface ifc = {0};
	ifc.linktype = cap_rd16(p + 8, ng->swap);
	ifc.encap = cap_linktype_to_encap(ifc.linktype);
	ifc.snaplen = cap_rd32(p + 12, ng->swap);
	ifc.tsresol_num = 1000000u;
	ifc.section = ng->section;
	if (walk_options(c, off, p + 16, p + len - 4, ng->swap, idb_opt, &ifc) < 0) {
		free(ifc.name);
		free(ifc.description);
		free(ifc.os);
		free(ifc.filter);
		return -1;
	}
	cap_add_iface(c, &ifc);
	sec_iface_add(c, ng);
	ng->sec_nif++;
	return 0;
}

static void pkt_opt(struct capture *c, void *ctx, uint16_t code, const uint8_t *v, uint16_t n)
{
	(void)c;
	struct cap_frame *f = ctx;
	if (code == OPT_COMMENT && f->ncomments < CAP_MAX_COMMENTS) {
		f->comments[f->ncomments].p = (const char *)v;
		f->comments[f->ncomments].n = n;
		f->ncomments++;
	}
}

static void set_time(struct cap_frame *f, uint64_t u, int64_t tsoffset, uint64_t ts)
{
	/* tshark's arithmetic, wrap-around included, so odd resolutions agree */
	f->has_ts = 1;
	if (u == 1000000u) {
		/* the default unit: divisions by a constant, the same quotients */
		f->sec = (int64_t)(ts / 1000000u) + tsoffset;
		f->nsec = (int32_t)(ts % 1000000u * 1000u);
		return;
	}
	if (u == 0) {
		f->sec = f->nsec = 0; /* a wrapped unit count: tshark shows time 0 */
		return;
	}
	f->sec = (int64_t)(ts / u) + tsoffset;
	f->nsec = (int32_t)(((ts % u) * 1000000000u) / u);
}

static inline void set_iface(struct cap_frame *f, const struct ng_ifview *ic)
{
	f->ifid = ic->ifid;
	f->if_local = ic->local;
	f->has_ifid = 1;
	f->if_name = ic->name;
	f->if_descr = ic->descr;
	f->linktype = ic->linktype;
	f->encap = ic->encap;
}

/*
** tshark checks a packet block's fixed part before reading its data, so a
** bad header wins over a cut-short body: these need only the first 28 bytes.
*/
static int check_pkt(struct capture *c, struct ng_priv *ng, uint64_t off, const uint8_t *p,
		     uint32_t len, int epb)
{
	int sw = ng->swap;
	uint32_t ifid = epb ? cap_rd32(p + 8, sw) : cap_rd16(p + 8, sw);
	uint32_t caplen = cap_rd32(p + 20, sw);
	if (caplen > len - 32)
		return cap_fail_bad(
		    c, off,
		    "pcapng: total block length %u of %s is too small for %u bytes of packet data",
		    len, epb ? "an EPB" : "a PB", caplen);
	if (ifid >= ng->sec_nif)
		return cap_fail_bad(
		    c, off,
		    "pcapng: interface index %u is not less than section interface count %u", ifid,
		    ng->sec_nif);
	if (caplen > CAP_MAX_SNAPLEN)
		return cap_fail_bad(c, off, "pcapng: cap_len %u is larger than %u", caplen,
				    CAP_MAX_SNAPLEN);
	return 0;
}

/* EPB and the obsolete PB differ only in their fixed part (checked by check_pkt). */
static int read_pkt(struct capture *c, struct ng_priv *ng, uint64_t off, const uint8_t *p,
		    uint32_t len, int epb, struct cap_frame *f)
{
	int sw = ng->swap;
	uint32_t ifid = epb ? cap_rd32(p + 8, sw) : cap_rd16(p + 8, sw);
	uint64_t ts = (uint64_t)cap_rd32(p + 12, sw) << 32 | cap_rd32(p + 16, sw);
	uint32_t caplen = cap_rd32(p + 20, sw), wirelen = cap_rd32(p + 24, sw);
	const struct ng_ifview *ic = &ng->sec_if[ifid];
	set_iface(f, ic);
	set_time(f, ic->resol, ic->tsoffset, ts);
	f->data = p + 28;
	f->caplen = caplen;
	f->len = wirelen;
	f->ncomments = 0;
	return walk_options(c, off, p + 28 + pad4(caplen), p + len - 4, sw, pkt_opt, f);
}

/* The SPB's checks, on its first 12 bytes; returns the captured length or -1. */
static int64_t check_spb(struct capture *c, struct ng_priv *ng, uint64_t off, const uint8_t *p,
			 uint32_t len)
{
	if (ng->sec_nif == 0)
		return cap_fail_bad(c, off, "pcapng: SPB appeared before any IDBs in the section");
	uint32_t wirelen = cap_rd32(p + 8, ng->swap);
	uint32_t caplen = wirelen;
	const struct cap_iface *ifc = &c->ifaces[ng->sec_base];
	if (ifc->snaplen != 0 && caplen > ifc->snaplen)
		caplen = ifc->snaplen;
	if (caplen > len - 16)
		return cap_fail_bad(c, off,
				    "pcapng: total block length %u of an SPB is too small for %u "
				    "bytes of packet data",
				    len, caplen);
	if (caplen > CAP_MAX_SNAPLEN)
		return cap_fail_bad(c, off, "pcapng: cap_len %u is larger than %u", caplen,
				    CAP_MAX_SNAPLEN);
	return caplen;
}

static void read_spb(struct ng_priv *ng, const uint8_t *p, uint32_t caplen, struct cap_frame *f)
{
	uint32_t wirelen = cap_rd32(p + 8, ng->swap);
	set_iface(f, &ng->sec_if[0]);
	f->has_ts = 0;
	f->sec = 0;
	f->nsec = 0;
	f->data = p + 12;
	f->caplen = caplen;
	f->len = wirelen;
	f->ncomments = 0;
}

/*
** Read one block.  Returns 1 when it filled f, 0 when it was consumed
** without a frame, 2 at the clean end of the data, -1 on error.
*/
static int read_block(struct capture *c, struct cap_frame *f)
{
	struct ng_priv *ng = c->priv;
	const uint8_t *p;
	uint64_t off = source_offset(c->src);
	size_t got = source_peek(c->src, 12, &p);
	if (got == 0)
		return source_decompress_error(c->src) ? cap_fail_cut_short(c, off) : 2;
	if (got < 8)
		return cap_fail_cut_short(c, off);
	uint32_t type = cap_rd32(p, ng->swap);
	if (type == BT_SHB) {
		/* the byte-order mark decides how to read even the block length */
		if (got < 12)
			return cap_fail_cut_short(c, off);
		uint32_t bom = cap_rd32(p + 8, 0);
		if (bom == BOM)
			ng->swap = 0;
		else if (bom == 0x4D3C2B1Au)
			ng->swap = 1;
		else
			return cap_fail_bad(c, off,
					    "pcapng: unknown byte-order magic number 0x%08x", bom);
	}
	uint32_t len = cap_rd32(p + 4, ng->swap);
	if (type != BT_SHB && check_min(c, off, type, len) < 0)
		return -1;
	if (len > MAX_BLOCK)
		return cap_fail_bad(c, off, "pcapng: total block length %u is too large (> %u)",
				    len, MAX_BLOCK);
	uint32_t padded = pad4(len);
	/* how much of the block tshark reads: all, except for an SPB (see below) */
	uint32_t need = padded;
	int64_t spb_caplen = 0;
	if (type == BT_EPB || type == BT_PB || type == BT_SPB) {
		uint32_t fixed = type == BT_SPB ? 12 : 28;
		if (source_peek(c->src, fixed, &p) < fixed)
			return cap_fail_cut_short(c, off);
		if (type == BT_SPB) {
			spb_caplen = check_spb(c, ng, off, p, padded);
			if (spb_caplen < 0)
				return -1;
			/* an SPB has no options: tshark takes the trailer right after the data */
			need = 12 + pad4((uint32_t)spb_caplen) + 4;
		} else if (check_pkt(c, ng, off, p, padded, type == BT_EPB) < 0) {
			return -1;
		}
	}
	got = source_peek(c->src, need, &p);
	if (got < need)
		return cap_fail_cut_short(c, off);

	int r = 0;
	/* comments[] is read only below ncomments (capture_next's rule) */
	memset(f, 0, offsetof(struct cap_frame, comments));
	f->offset = off;
	uint32_t trailer_at = need - 4;
	switch (type) {
	case BT_SHB:
		r = read_shb(c, ng, off, p, padded);
		break;
	case BT_IDB:
		r = read_idb(c, ng, off, p, padded);
		break;
	case BT_EPB:
	case BT_PB:
		r = read_pkt(c, ng, off, p, padded, type == BT_EPB, f);
		if (r == 0)
			r = 1;
		break;
	case BT_SPB:
		read_spb(ng, p, (uint32_t)spb_caplen, f);
		r = 1;
		break;
	case BT_DSB: {
		/* kept whole (not per packet: secrets are few) so -w and editcap can copy them */
		uint32_t dlen = cap_rd32(p + 12, ng->swap);
		if (dlen <= padded - 20) {
			xgrow(&c->dsbs, &c->dsbcap, c->ndsbs + 1, sizeof *c->dsbs);
			struct cap_dsb *d = &c->dsbs[c->ndsbs++];
			d->type = cap_rd32(p + 8, ng->swap);
			d->len = dlen;
			d->data = xmalloc(dlen ? dlen : 1);
			memcpy(d->data, p + 16, dlen);
		}
		break;
	}
	case BT_ISB: {
		/* capinfos 4.0 files the statistics under the section-local id in the
		 * file-wide interface list (so do we, for its report) */
		uint32_t id = cap_rd32(p + 8, ng->swap);
		if (id < ng->sec_nif)
			c->ifaces[id].nstats++;
		break;
	}
	case BT_NRB:
		count_nrb(c, ng, p + 8, p + len - 4);
		break;
	case BT_SJE: {
		/*
		** tshark refuses an entry without its realtime timestamp (with an
		** odd message); a good entry is skipped here: nothing dissects it.
		*/
		static const char key[] = "__REALTIME_TIMESTAMP=";
		const uint8_t *body = p + 8, *end = p + len - 4;
		int found = 0;
		for (const uint8_t *q = body; !found && end - q >= (ptrdiff_t)(sizeof key - 1); q++)
			found = memcmp(q, key, sizeof key - 1) == 0;
		if (!found)
			r = cap_fail_bad(c, off, "pcapng: entry length %u is too small (< 23)",
					 len);
		break;
	}
	case BT_CB_COPY:
	case BT_CB_NOCOPY:
		f->rectype = CAP_REC_CUSTOM;
		f->custom_copy = type == BT_CB_COPY;
		f->custom_pen = cap_rd32(p + 8, ng->swap);
		f->data = p + 12;
		f->caplen = f->len = len - 16;
		f->encap = CAP_ENCAP_UNKNOWN;
		r = 1;
		break;
	default:
		break;
	}
	if (r < 0)
		return -1;
	uint32_t second = pad4(cap_rd32(p + trailer_at, ng->swap));
	if (second != padded)
		return cap_fail_bad(
		    c, off, "pcapng: total block lengths (first %u and second %u) don't match",
		    padded, second);
	source_skip(c->src, need);
	return r;
}

/* The general reader, from the source's position: blocks until a frame, the end or an error. */
static int next_block(struct capture *c, struct cap_frame *f)
{
	/* capture_next leaves the clearing to us (fills_frame) */
	memset(f, 0, offsetof(struct cap_frame, comments));
	for (;;) {
		int r = read_block(c, f);
		if (r == 2)
			return 0;
		if (r != 0)
			return r;
	}
}

/*
** The block nearly every frame comes in: an EPB that lies whole in
** p[0, left), checked as read_block checks it.  Returns its length with
** every field of f set (no comments yet: epb_opts says whether it has
** options), or 0 for anything those checks would refuse and any other
** block: read_block then reads it and says why.  sw is a constant at each
** call, so the byte order is decided once, not per field.
*/
static inline __attribute__((always_inline)) uint32_t epb_fast(const struct ng_priv *ng,
							       struct cap_frame *f,
							       const uint8_t *p, size_t left,
							       uint64_t off, int sw)
{
	if (left < 32)
		return 0;
	uint32_t len = cap_rd32(p + 4, sw);
	if (cap_rd32(p, sw) != BT_EPB || len < 32 || len > MAX_BLOCK || pad4(len) > left)
		return 0;
	uint32_t padded = pad4(len);
	uint32_t ifid = cap_rd32(p + 8, sw), caplen = cap_rd32(p + 20, sw);
	if (caplen > padded - 32 || ifid >= ng->sec_nif || caplen > CAP_MAX_SNAPLEN ||
	    pad4(cap_rd32(p + padded - 4, sw)) != padded)
		return 0;
	const struct ng_ifview *ic = &ng->sec_if[ifid];
	set_iface(f, ic);
	set_time(f, ic->resol, ic->tsoffset,
		 (uint64_t)cap_rd32(p + 12, sw) << 32 | cap_rd32(p + 16, sw));
	f->data = p + 28;
	f->caplen = caplen;
	f->len = cap_rd32(p + 24, sw);
	f->rectype = CAP_REC_PACKET;
	f->custom_copy = 0;
	f->custom_pen = 0;
	f->offset = off;
	f->ncomments = 0;
	return padded;
}

/* Does the EPB of length n that epb_fast took have options after its data? */
static inline int epb_opts(const struct cap_frame *f, uint32_t n)
{
	return 28 + pad4(f->caplen) < n - 4;
}

/* Its options (comments), as read_pkt walks them: 0, or -1 with the error set. */
static int epb_walk(struct capture *c, const struct ng_priv *ng, struct cap_frame *f,
		    const uint8_t *p, uint32_t n)
{
	return walk_options(c, f->offset, p + 28 + pad4(f->caplen), p + n - 4, ng->swap, pkt_opt,
			    f);
}

/* A buffered source (stdin, gzip, zstd): in place when the block is already in the buffer. */
static int next_buffered(struct capture *c, struct cap_frame *f)
{
	struct ng_priv *ng = c->priv;
	const uint8_t *p;
	size_t left = source_avail(c->src, &p);
	uint32_t n = epb_fast(ng, f, p, left, source_offset(c->src), ng->swap);
	if (n == 0)
		return next_block(c, f);
	if (epb_opts(f, n) && epb_walk(c, ng, f, p, n) < 0)
		return -1;
	source_skip(c->src, n);
	return 1;
}

/*
** On a direct source the fast path calls nothing but these (tail calls), so
** it needs no registers saved: the source catching up with at ...
*/
static __attribute__((noinline)) int direct_sync(struct capture *c)
{
	struct ng_priv *ng = c->priv;
	source_skip(c->src, ng->at - ng->told);
	ng->told = ng->at;
	return 1;
}

/* ... an EPB with options, in place ... */
static __attribute__((noinline)) int direct_opts(struct capture *c, struct cap_frame *f, uint32_t n)
{
	struct ng_priv *ng = c->priv;
	if (epb_walk(c, ng, f, ng->map + ng->at, n) < 0) {
		direct_sync(c);
		return -1;
	}
	ng->at += n;
	return direct_sync(c);
}

/* ... and read_block for everything else, from the source's position. */
static __attribute__((noinline)) int direct_slow(struct capture *c, struct cap_frame *f)
{
	struct ng_priv *ng = c->priv;
	direct_sync(c);
	int r = next_block(c, f);
	ng->at = ng->told = (size_t)source_offset(c->src);
	return r;
}

static int next_direct(struct capture *c, struct cap_frame *f)
{
	struct ng_priv *ng = c->priv;
	size_t left = ng->maplen - ng->at;
	const uint8_t *p = ng->map + ng->at;
	uint32_t n =
	    ng->swap ? epb_fast(ng, f, p, left, ng->at, 1) : epb_fast(ng, f, p, left, ng->at, 0);
	if (n == 0)
		return direct_slow(c, f);
	if (epb_opts(f, n))
		return direct_opts(c, f, n);
	/* the blocks a frame or two on: the dissectors then find them in cache */
	if (left - n > PREFETCH_AHEAD)
		__builtin_prefetch(p + n + PREFETCH_AHEAD);
	ng->at += n;
	if (ng->at - ng->told >= SYNC)
		return direct_sync(c);
	return 1;
}

static void pcapng_free(struct capture *c)
{
	struct ng_priv *ng = c->priv;
	free(ng->sec_if);
	free(ng);
}

/* The first SHB and the IDBs right after it. */
static int read_header_blocks(struct capture *c)
{
	struct ng_priv *ng = c->priv;
	struct cap_frame f;
	if (read_block(c, &f) < 0)
		return -1;
	/*
	** tshark's open goes on through the IDBs that follow the first SHB, so
	** damage there is reported as a failure to open ("... or other data").
	*/
	for (;;) {
		const uint8_t *p;
		size_t got = source_peek(c->src, 8, &p);
		if (got == 0)
			return 0;
		if (got >= 8 && cap_rd32(p, ng->swap) != BT_IDB)
			return 0;
		if (read_block(c, &f) < 0)
			return -1;
	}
}

int cap_pcapng_open(struct capture *c)
{
	struct ng_priv *ng = calloc(1, sizeof *ng);
	if (!ng)
		return cap_fail_bad(c, 0, "out of memory");
	c->priv = ng;
	c->free_priv = pcapng_free;
	c->ft = CAP_FT_PCAPNG;
	c->fills_frame = 1;
	c->next = next_buffered;
	ng->map = source_direct(c->src, &ng->maplen);
	if (read_header_blocks(c) < 0)
		return -1;
	if (ng->map) {
		ng->at = ng->told = (size_t)source_offset(c->src);
		c->next = next_direct;
	}
	return 0;
}
