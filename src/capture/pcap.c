/*
** pcap.c -- the classic libpcap format: either byte order, microsecond or
** nanosecond magic, and the "modified" (Kuznetzov) variant whose record
** headers carry 8 more bytes.
*/
#include <stdlib.h>

#include "capture_int.h"

#define MAGIC_USEC     0xa1b2c3d4u
#define MAGIC_NSEC     0xa1b23c4du
#define MAGIC_MODIFIED 0xa1b2cd34u
#define FILE_HDR       24
struct pcap_priv;

struct pcap_priv {
	int swap, nsec;
	uint32_t frac_mul; /* the stored fraction to nanoseconds: 1 or 1000 */
	uint32_t rechdr;   /* record header size: 16, or 20/24/28 for old variants */
	int linktype, encap;
	uint16_t minor;
	int old_order; /* version 2.0-2.3: lengths may be swapped */
	/*
	** direct source (source_direct): records are read in place from at; the
	** source is told (source_skip) only every SYNC bytes, or before pcap_next
	** reads it: its window drops pages 16 MiB at a time anyway
	*/
	const uint8_t *map;
	size_t maplen, at, told;
};

/* The two lengths of a record header as tshark reads them. */
static void lengths(const struct pcap_priv *pp, const uint8_t *h, uint32_t *caplen, uint32_t *len)
{
	*caplen = cap_rd32(h + 8, pp->swap);
	*len = cap_rd32(h + 12, pp->swap);
	/* before version 2.3 the two lengths were stored the other way round */
	if (pp->old_order && (pp->minor < 3 || *caplen > *len)) {
		uint32_t t = *caplen;
		*caplen = *len;
		*len = t;
	}
}

/*
** Old variants of the format share the standard magic but have longer
** record headers (the 1999 Red Hat patches: 24 bytes; Nokia: 20).  Like
** tshark, score each layout on the first records -- how many length checks
** fail on the first suspicious record -- and keep the best, the standard one
** on a tie.  This decides what a file damaged in its first records yields.
*/
#define TRY_RECORDS 3
static unsigned layout_demerit(const struct pcap_priv *pp, const uint8_t *p, size_t n,
			       uint32_t rechdr, uint32_t snaplen)
{
	size_t at = FILE_HDR;
	for (int i = 0; i < TRY_RECORDS; i++) {
		if (at == n)
			return 0; /* the file ends cleanly here */
		if (n - at < rechdr)
			return 1;
		uint32_t caplen, len;
		lengths(pp, p + at, &caplen, &len);
		unsigned bad = (caplen > CAP_MAX_SNAPLEN) + (len > 128u * 1024 * 1024) +
			       (caplen > snaplen) + (len < caplen);
		if (bad)
			return bad;
		if (n - at - rechdr < caplen)
			return 1; /* cut short counts against a layout too */
		at += rechdr + caplen;
	}
	return 0;
}

static uint32_t choose_layout(const struct pcap_priv *pp, struct source *src, uint32_t snaplen,
			      int modified)
{
	/* standard magic: standard, Red Hat 6.1 (24), Nokia (20); modified magic: SuSE 6.3 (24),
	 * Red Hat 6.1+ (28) */
	static const uint32_t standard[] = {16, 24, 20}, patched[] = {24, 28};
	const uint32_t *layouts = modified ? patched : standard;
	size_t nlayouts = modified ? 2 : 3;
	const uint8_t *p;
	size_t n = source_peek(src, FILE_HDR + TRY_RECORDS * (24 + (size_t)CAP_MAX_SNAPLEN), &p);
	uint32_t best = layouts[0];
	unsigned best_bad = ~0u;
	for (size_t i = 0; i < nlayouts; i++) {
		unsigned bad = layout_demerit(pp, p, n, layouts[i], snaplen);
		if (bad == 0)
			return layouts[i];
		if (bad < best_bad) {
			best_bad = bad;
			best = layouts[i];
		}
	}
	return best;
}

static int magic_kind(uint32_t m, int *swap)
{
	static const uint32_t known[] = {MAGIC_USEC, MAGIC_NSEC, MAGIC_MODIFIED};
	for (int i = 0; i < 3; i++) {
		uint32_t k = known[i];
		uint32_t sw = (k >> 24) | ((k >> 8) & 0xff00u) | ((k << 8) & 0xff0000u) | (k << 24);
		if (m == k || m == sw) {
			*swap = m == sw;
			return i;
		}
	}
	return -1;
}

int cap_pcap_probe(const uint8_t *head, size_t n)
{
	int swap;
	return n >= 4 && magic_kind(cap_rd32(head, 0), &swap) >= 0;
}

/*
** A record's header and bytes at p as the frame both readers hand out: every
** field, so capture_next need not clear the frame first (fills_frame).
*/
static inline void fill_frame(const struct pcap_priv *pp, struct cap_frame *f, const uint8_t *p,
			      uint32_t caplen, uint32_t len, uint32_t sec, uint32_t frac,
			      uint64_t off)
{
	f->data = p + pp->rechdr;
	f->caplen = caplen;
	f->len = len;
	f->sec = sec;
	/* tshark keeps the stored fraction as is, even when it is >= 1 s */
	f->nsec = (int32_t)(frac * pp->frac_mul);
	f->has_ts = 1;
	f->linktype = pp->linktype;
	f->encap = pp->encap;
	f->ifid = 0;
	f->if_local = 0;
	f->has_ifid = 0;
	f->if_name = f->if_descr = NULL;
	f->rectype = CAP_REC_PACKET;
	f->custom_copy = 0;
	f->custom_pen = 0;
	f->offset = off;
	f->ncomments = 0;
}

static int pcap_next(struct capture *c, struct cap_frame *f)
{
	struct pcap_priv *pp = c->priv;
	const uint8_t *p;
	uint64_t off = source_offset(c->src);
	size_t got = source_peek(c->src, pp->rechdr, &p);
	if (got == 0)
		return source_decompress_error(c->src) ? cap_fail_cut_short(c, off) : 0;
	if (got < pp->rechdr)
		return cap_fail_cut_short(c, off);
	uint32_t sec = cap_rd32(p, pp->swap), frac = cap_rd32(p + 4, pp->swap);
	uint32_t caplen, len;
	lengths(pp, p, &caplen, &len);
	if (caplen > CAP_MAX_SNAPLEN)
		return cap_fail_bad(c, off,
				    "pcap: File has %u-byte packet, bigger than maximum of %u",
				    caplen, CAP_MAX_SNAPLEN);
	size_t need = (size_t)pp->rechdr + caplen;
	got = source_peek(c->src, need, &p);
	if (got < need)
		return cap_fail_cut_short(c, off);
	source_skip(c->src, need);

	fill_frame(pp, f, p, caplen, len, sec, frac, off);
	return 1;
}

#define SYNC           ((size_t)1 << 20)
#define PREFETCH_AHEAD 2048

/*
** Out of line, as pcap_sync below: with every call off the hot path the direct
** readers keep c, f and pp in scratch registers (no saves and restores a record).
*/
static __attribute__((noinline, cold)) int pcap_next_slow(struct capture *c, struct cap_frame *f)
{
	struct pcap_priv *pp = c->priv;
	source_skip(c->src, pp->at - pp->told);
	int r = pcap_next(c, f);
	pp->at = pp->told = source_offset(c->src);
	return r;
}

/* Tell the source how far the direct reader got (every SYNC bytes); 1 for the record read. */
static __attribute__((noinline)) int pcap_sync(struct capture *c, struct pcap_priv *pp)
{
	source_skip(c->src, pp->at - pp->told);
	pp->told = pp->at;
	return 1;
}

/*
** The same on a direct source, without the source's peek calls: the bytes are
** all there, so a whole record is a bounds check.  Anything unusual (a bad
** length, a record cut short, the end) is left to pcap_next, which says why.
** plain: the usual layout (16-byte headers in host order, lengths in their
** place), constant folded; own: f is the frame this reader filled last
** (capture_reader), only the record's own fields change.
*/
static inline __attribute__((always_inline)) int direct_read(struct capture *c, struct cap_frame *f,
							     int plain, int own)
{
	struct pcap_priv *pp = c->priv;
	uint32_t rechdr = plain ? 16 : pp->rechdr;
	int swap = plain ? 0 : pp->swap;
	size_t left = pp->maplen - pp->at;
	if (left < rechdr)
		return pcap_next_slow(c, f);
	const uint8_t *p = pp->map + pp->at;
	uint32_t caplen, len;
	if (plain) {
		caplen = cap_rd32(p + 8, 0);
		len = cap_rd32(p + 12, 0);
	} else {
		lengths(pp, p, &caplen, &len);
	}
	size_t need = (size_t)rechdr + caplen;
	if (caplen > CAP_MAX_SNAPLEN || left < need)
		return pcap_next_slow(c, f);
	/*
	 * the records a frame or two on: the dissectors then find their headers
	 * in cache (the hardware prefetcher stops at each 4 KiB page)
	 */
	if (left - need > PREFETCH_AHEAD)
		__builtin_prefetch(p + need + PREFETCH_AHEAD);
	if (own) {
		f->data = p + rechdr;
		f->caplen = caplen;
		f->len = len;
		f->sec = cap_rd32(p, swap);
		f->nsec = (int32_t)(cap_rd32(p + 4, swap) * pp->frac_mul);
		f->offset = pp->at;
	} else {
		fill_frame(pp, f, p, caplen, len, cap_rd32(p, swap), cap_rd32(p + 4, swap), pp->at);
	}
	pp->at += need;
	if (pp->at - pp->told >= SYNC)
		return pcap_sync(c, pp);
	return 1;
}

static int pcap_next_direct(struct capture *c, struct cap_frame *f)
{
	return direct_read(c, f, 0, 0);
}

static int pcap_next_own(struct capture *c, struct cap_frame *f)
{
	return direct_read(c, f, 0, 1);
}

static int pcap_next_own_plain(struct capture *c, struct cap_frame *f)
{
	return direct_read(c, f, 1, 1);
}

static void pcap_free(struct capture *c)
{
	free(c->priv);
}

int cap_pcap_open(struct capture *c)
{
	const uint8_t *p;
	size_t got = source_peek(c->src, FILE_HDR, &p);
	if (got < FILE_HDR)
		return cap_fail_cut_short(c, 0);
	struct pcap_priv *pp = calloc(1, sizeof *pp);
	if (!pp)
		return cap_fail_bad(c, 0, "out of memory");
	c->priv = pp;
	c->free_priv = pcap_free;
	int kind = magic_kind(cap_rd32(p, 0), &pp->swap);
	pp->nsec = kind == 1;
	pp->frac_mul = pp->nsec ? 1 : 1000;
	pp->rechdr = kind == 2 ? 24 : 16;
	uint16_t major = cap_rd16(p + 4, pp->swap), minor = cap_rd16(p + 6, pp->swap);
	pp->minor = minor;
	pp->old_order = major == 2 && minor <= 3;
	if (major < 2)
		return cap_fail_unsupported(c, 4, "pcap: major version %u unsupported", major);
	uint32_t snaplen = cap_rd32(p + 16, pp->swap);
	/* the top bits carry the FCS length; the link type is the low 16 */
	uint32_t network = cap_rd32(p + 20, pp->swap);
	pp->linktype = (int)(network & 0xffffu);
	pp->encap = cap_linktype_to_encap(pp->linktype);
	if (pp->encap == CAP_ENCAP_UNKNOWN)
		return cap_fail_unsupported(c, 20, "pcap: network type %u unknown or unsupported",
					    (unsigned)pp->linktype);
	if (kind != 1) /* the nanosecond magic has a single layout */
		pp->rechdr = choose_layout(pp, c->src, snaplen, kind == 2);
	source_skip(c->src, FILE_HDR);
	c->ft = pp->nsec ? CAP_FT_PCAP_NSEC : CAP_FT_PCAP;
	struct cap_iface ifc = {0};
	ifc.linktype = pp->linktype;
	ifc.encap = pp->encap;
	ifc.snaplen = snaplen;
	ifc.tsresol_num = pp->nsec ? 1000000000u : 1000000u;
	cap_add_iface(c, &ifc);
	c->next = pcap_next;
	c->fills_frame = 1;
	c->uniform = 1;
	pp->map = source_direct(c->src, &pp->maplen);
	if (pp->map) {
		pp->at = pp->told = source_offset(c->src);
		c->next = pcap_next_direct;
		c->next_own = !pp->swap && !pp->old_order && pp->rechdr == 16 ? pcap_next_own_plain
									      : pcap_next_own;
	}
	return 0;
}
