/*
** writer.c -- pcap and pcapng output.
**
** Everything is written little-endian, whatever the input's byte order, as
** tshark and editcap do on the machines they run on.  pcapng interfaces are
** written lazily, but always in table order, so output interface ids equal
** table indices; the ones no frame used are written at close so the file
** still lists every interface of the input.
*/
#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

#define NSEC            1000000000u
#define DEFAULT_SNAPLEN 262144u

struct cap_writer {
	FILE *fp;
	int is_stdout;
	enum cap_wfmt fmt;
	struct cap_shb_info shb;
	int header_done;
	int pcap_linktype;     /* link type in the pcap header, once written */
	uint32_t pcap_snaplen; /* header snaplen when set, else the first interface's */
	struct cap_iface *ifaces;
	int32_t nifaces, ifcap;
	uint32_t idb_written; /* interfaces 0..idb_written-1 are in the file */
	int dsb_synced;       /* reader's secrets blocks already copied */
	uint64_t *out_resol;  /* units per second used in the file, per interface */
	char err[512];
	char *buf;
	const struct cap_ext_writer *ext; /* fmt >= CAP_W_EXT: &ext_copy */
	struct cap_ext_writer ext_copy;   /* a script may deregister it while writing */
	void *ext_h;                      /* its state once the header is written */
};

#define MAX_EXT 32
static struct cap_ext_writer ext_writers[MAX_EXT];
static int next_writers;

int cap_writer_ext_register(const struct cap_ext_writer *x)
{
	if (next_writers == MAX_EXT)
		return -1;
	ext_writers[next_writers++] = *x;
	return 0;
}

void cap_writer_ext_unregister(void *ud)
{
	for (int i = 0; i < next_writers; i++)
		if (ext_writers[i].ud == ud) {
			memmove(&ext_writers[i], &ext_writers[i + 1],
				(size_t)(next_writers - i - 1) * sizeof *ext_writers);
			next_writers--;
			i--;
		}
}

const char *cap_wfmt_name(int fmt)
{
	static const char *const names[] = {"pcap", "nsecpcap", "pcapng"};
	if (fmt >= CAP_W_EXT && fmt - CAP_W_EXT < next_writers)
		return ext_writers[fmt - CAP_W_EXT].name;
	return fmt >= 0 && fmt <= CAP_W_PCAPNG ? names[fmt] : "?";
}

int cap_wfmt_parse(const char *name)
{
	if (!strcmp(name, "pcap"))
		return CAP_W_PCAP;
	if (!strcmp(name, "nsecpcap"))
		return CAP_W_PCAP_NSEC;
	if (!strcmp(name, "pcapng"))
		return CAP_W_PCAPNG;
	for (int i = 0; i < next_writers; i++)
		if (!strcmp(name, ext_writers[i].name))
			return CAP_W_EXT + i;
	return -1;
}

enum cap_wfmt cap_wfmt_of(enum cap_filetype ft)
{
	switch (ft) {
	case CAP_FT_PCAP:
		return CAP_W_PCAP;
	case CAP_FT_PCAP_NSEC:
		return CAP_W_PCAP_NSEC;
	default:
		return CAP_W_PCAPNG;
	}
}

static void put(struct cap_writer *w, const void *p, size_t n)
{
	fwrite(p, 1, n, w->fp);
}

static void put16(struct cap_writer *w, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
	put(w, b, 2);
}

static void put32(struct cap_writer *w, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	put(w, b, 4);
}

static void put64(struct cap_writer *w, uint64_t v)
{
	put32(w, (uint32_t)v);
	put32(w, (uint32_t)(v >> 32));
}

static void pad(struct cap_writer *w, size_t n)
{
	static const uint8_t zero[4];
	if (n & 3u)
		put(w, zero, 4 - (n & 3u));
}

static uint32_t pad4(size_t n)
{
	return (uint32_t)((n + 3u) & ~(size_t)3u);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct cap_writer *cap_writer_open(const char *path, enum cap_wfmt fmt,
				   const struct cap_shb_info *shb, char *err, size_t errlen)
{
	FILE *fp;
	int is_stdout = !strcmp(path, "-");
	if (fmt >= CAP_W_EXT && (int)fmt - CAP_W_EXT >= next_writers) {
		snprintf(err, errlen, "That file format is no longer registered.");
		return NULL;
	}
	if (is_stdout) {
		fp = stdout;
	} else {
		fp = fopen(path, "wb");
		if (!fp) {
			if (errno == ENOENT)
				snprintf(err, errlen, "The path to the file \"%s\" doesn't exist.",
					 path);
			else if (errno == EACCES || errno == EROFS || errno == EPERM)
				snprintf(err, errlen,
					 "You don't have permission to create or write to the file "
					 "\"%s\".",
					 path);
			else if (errno == EISDIR)
				snprintf(err, errlen, "\"%s\" is a directory (folder), not a file.",
					 path);
			else
				snprintf(err, errlen, "The file \"%s\" could not be created: %s.",
					 path, strerror(errno));
			return NULL;
		}
	}
	struct cap_writer *w = xcalloc(1, sizeof *w);
	w->fp = fp;
	w->is_stdout = is_stdout;
	w->fmt = fmt;
	w->pcap_linktype = -1;
	if (fmt >= CAP_W_EXT) {
		w->ext_copy = ext_writers[fmt - CAP_W_EXT];
		w->ext = &w->ext_copy;
	}
	/*
	** One large stdio buffer: packets cost a memcpy, not a write().  stdout
	** keeps its buffer for the life of the process, as stdio wants.
	*/
	if (is_stdout) {
		static char stdout_buf[1u << 20];
		setvbuf(fp, stdout_buf, _IOFBF, sizeof stdout_buf);
	} else {
		w->buf = xmalloc(1u << 20);
		setvbuf(fp, w->buf, _IOFBF, 1u << 20);
	}
	if (shb) {
		w->shb.hardware = dup_or_null(shb->hardware);
		w->shb.os = dup_or_null(shb->os);
		w->shb.userappl = dup_or_null(shb->userappl);
	}
	return w;
}

uint32_t cap_writer_add_iface(struct cap_writer *w, const struct cap_iface *ifc)
{
	xgrow(&w->ifaces, &w->ifcap, w->nifaces + 1, sizeof *w->ifaces);
	struct cap_iface *c = &w->ifaces[w->nifaces];
	*c = *ifc;
	c->name = dup_or_null(ifc->name);
	c->description = dup_or_null(ifc->description);
	c->os = c->filter = NULL; /* the reader's, not ours */
	/* the parallel array grows with the same capacity */
	uint64_t *r = xrealloc(w->out_resol, (size_t)w->ifcap * sizeof *r);
	w->out_resol = r;
	return (uint32_t)w->nifaces++;
}

uint32_t cap_writer_iface_count(const struct cap_writer *w)
{
	return (uint32_t)w->nifaces;
}

void cap_writer_sync_ifaces(struct cap_writer *w, const struct capture *cap)
{
	int n = capture_iface_count(cap);
	for (int i = w->nifaces; i < n; i++)
		cap_writer_add_iface(w, capture_iface(cap, i));
	/* secrets go out before the packets that need them */
	for (; w->dsb_synced < capture_dsb_count(cap); w->dsb_synced++)
		cap_writer_add_dsb(w, capture_dsb(cap, w->dsb_synced));
}

const char *cap_writer_error(const struct cap_writer *w)
{
	return w->err;
}

/* ---- pcap ------------------------------------------------------------- */

void cap_writer_set_pcap_snaplen(struct cap_writer *w, uint32_t snaplen)
{
	w->pcap_snaplen = snaplen;
}

static void pcap_header(struct cap_writer *w, int linktype, uint32_t snaplen)
{
	if (w->pcap_snaplen)
		snaplen = w->pcap_snaplen;
	put32(w, w->fmt == CAP_W_PCAP_NSEC ? 0xa1b23c4du : 0xa1b2c3d4u);
	put16(w, 2);
	put16(w, 4);
	put32(w, 0); /* thiszone */
	put32(w, 0); /* sigfigs */
	put32(w, snaplen);
	put32(w, (uint32_t)linktype);
	w->pcap_linktype = linktype;
	w->header_done = 1;
}

static int pcap_write(struct cap_writer *w, const struct cap_frame *f, const struct cap_iface *ifc)
{
	if (!w->header_done)
		pcap_header(w, ifc ? ifc->linktype : f->linktype, ifc ? ifc->snaplen : 0);
	/* pcap has one link type per file and no room for non-packet records */
	if (f->rectype != CAP_REC_PACKET) {
		snprintf(w->err, sizeof w->err,
			 "has a record type that can't be saved in a \"%s\" file.",
			 w->fmt == CAP_W_PCAP_NSEC ? "nsecpcap" : "pcap");
		return CAP_WRITE_RECTYPE;
	}
	if (f->linktype != w->pcap_linktype) {
		snprintf(w->err, sizeof w->err,
			 "The capture file being read can't be written as a \"%s\" file.",
			 w->fmt == CAP_W_PCAP_NSEC ? "nsecpcap" : "pcap");
		return -1;
	}
	put32(w, (uint32_t)f->sec);
	put32(w, w->fmt == CAP_W_PCAP_NSEC ? (uint32_t)f->nsec : (uint32_t)f->nsec / 1000u);
	put32(w, f->caplen);
	put32(w, f->len);
	put(w, f->data, f->caplen);
	return 0;
}

/* ---- pcapng ----------------------------------------------------------- */

static uint32_t opt_str_len(const char *s)
{
	return s ? 4 + pad4(strlen(s)) : 0;
}

static void opt_str(struct cap_writer *w, uint16_t code, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	put16(w, code);
	put16(w, (uint16_t)n);
	put(w, s, n);
	pad(w, n);
}

static void ng_shb(struct cap_writer *w)
{
	const char *ua = w->shb.userappl;
	if (!w->shb.hardware && !w->shb.os && !ua)
		ua = "wiresift";
	uint32_t opts = opt_str_len(w->shb.hardware) + opt_str_len(w->shb.os) + opt_str_len(ua);
	if (opts)
		opts += 4;
	uint32_t len = 28 + opts;
	put32(w, 0x0A0D0D0Au);
	put32(w, len);
	put32(w, 0x1A2B3C4Du);
	put16(w, 1);
	put16(w, 0);
	put64(w, UINT64_MAX); /* section length not given */
	opt_str(w, 2, w->shb.hardware);
	opt_str(w, 3, w->shb.os);
	opt_str(w, 4, ua);
	if (opts)
		put32(w, 0);
	put32(w, len);
	w->header_done = 1;
}

/* The if_tsresol byte for u units per second; -1 when u is no power of 10 or 2. */
static int resol_code(uint64_t u)
{
	uint64_t p = 1;
	for (int e = 0; e <= 19; e++, p *= 10)
		if (p == u)
			return e;
	for (int e = 0; e < 64; e++)
		if (((uint64_t)1 << e) == u)
			return 0x80 | e;
	return -1;
}

static void ng_idb(struct cap_writer *w, uint32_t i)
{
	const struct cap_iface *ifc = &w->ifaces[i];
	uint64_t u = ifc->tsresol_num;
	int code = resol_code(u);
	/*
	** Frames carry nanoseconds: a resolution up to 1 ns (or a whole
	** multiple of it) gives back the stored units exactly; anything else is
	** written in nanoseconds.
	*/
	if (code < 0 || (u > NSEC && u % NSEC))
		u = NSEC, code = 9;
	w->out_resol[i] = u;
	uint32_t opts = opt_str_len(ifc->name) + opt_str_len(ifc->description);
	if (u != 1000000u)
		opts += 8;
	if (ifc->tsoffset)
		opts += 12;
	if (opts)
		opts += 4;
	uint32_t len = 20 + opts;
	put32(w, 1);
	put32(w, len);
	put16(w, (uint16_t)ifc->linktype);
	put16(w, 0);
	put32(w, ifc->snaplen);
	opt_str(w, 2, ifc->name);
	opt_str(w, 3, ifc->description);
	if (u != 1000000u) {
		uint8_t b[4] = {(uint8_t)code, 0, 0, 0};
		put16(w, 9);
		put16(w, 1);
		put(w, b, 4);
	}
	if (ifc->tsoffset) {
		put16(w, 14);
		put16(w, 8);
		put64(w, (uint64_t)ifc->tsoffset);
	}
	if (opts)
		put32(w, 0);
	put32(w, len);
}

static void ng_idbs_upto(struct cap_writer *w, uint32_t n)
{
	while (w->idb_written < n && w->idb_written < (uint32_t)w->nifaces)
		ng_idb(w, w->idb_written++);
}

static uint64_t ng_units(const struct cap_writer *w, uint32_t ifid, const struct cap_frame *f)
{
	uint64_t u = w->out_resol[ifid];
	uint64_t sec = (uint64_t)(f->sec - w->ifaces[ifid].tsoffset);
	uint64_t ns = (uint64_t)(uint32_t)f->nsec;
	uint64_t frac = u >= NSEC ? ns * (u / NSEC) : (ns * u + NSEC - 1) / NSEC;
	return sec * u + frac;
}

static int ng_write(struct cap_writer *w, const struct cap_frame *f, uint32_t ifid)
{
	if (!w->header_done)
		ng_shb(w);
	if (f->rectype == CAP_REC_CUSTOM) {
		/* only the blocks their author marked as copyable may be written */
		if (!f->custom_copy)
			return 0;
		uint32_t len = 16 + pad4(f->caplen);
		put32(w, 0x00000BADu);
		put32(w, len);
		put32(w, f->custom_pen);
		put(w, f->data, f->caplen);
		pad(w, f->caplen);
		put32(w, len);
		return 0;
	}
	if (ifid >= (uint32_t)w->nifaces) {
		snprintf(w->err, sizeof w->err,
			 "Frame refers to interface %u, which was never described.", ifid);
		return -1;
	}
	ng_idbs_upto(w, (uint32_t)w->nifaces);
	uint32_t opts = 0;
	for (int i = 0; i < f->ncomments; i++)
		opts += 4 + pad4(f->comments[i].n);
	if (opts)
		opts += 4;
	if (!f->has_ts && ifid == 0 && !opts) {
		/* a Simple Packet Block stays one: it has no time to invent */
		uint32_t len = 16 + pad4(f->caplen);
		put32(w, 3);
		put32(w, len);
		put32(w, f->len);
		put(w, f->data, f->caplen);
		pad(w, f->caplen);
		put32(w, len);
		return 0;
	}
	uint64_t ts = f->has_ts ? ng_units(w, ifid, f) : 0;
	uint32_t len = 32 + pad4(f->caplen) + opts;
	put32(w, 6);
	put32(w, len);
	put32(w, ifid);
	put32(w, (uint32_t)(ts >> 32));
	put32(w, (uint32_t)ts);
	put32(w, f->caplen);
	put32(w, f->len);
	put(w, f->data, f->caplen);
	pad(w, f->caplen);
	for (int i = 0; i < f->ncomments; i++) {
		put16(w, 1);
		put16(w, (uint16_t)f->comments[i].n);
		put(w, f->comments[i].p, f->comments[i].n);
		pad(w, f->comments[i].n);
	}
	if (opts)
		put32(w, 0);
	put32(w, len);
	return 0;
}

void cap_writer_add_dsb(struct cap_writer *w, const struct cap_dsb *d)
{
	if (w->fmt != CAP_W_PCAPNG)
		return; /* pcap has no place for secrets */
	if (!w->header_done)
		ng_shb(w);
	uint32_t len = 20 + pad4(d->len);
	put32(w, 10);
	put32(w, len);
	put32(w, d->type);
	put32(w, d->len);
	put(w, d->data, d->len);
	pad(w, d->len);
	put32(w, len);
}

/* ---- external (Lua) writers -------------------------------------------- */

/* The file's header, from the first interface, as Wireshark's wtap_dump_params. */
static int ext_open(struct cap_writer *w)
{
	const struct cap_iface *ifc = w->nifaces ? &w->ifaces[0] : NULL;
	struct cap_ext_info info = {.encap = ifc ? ifc->encap : 1,
				    .linktype = ifc ? ifc->linktype : LINKTYPE_ETHERNET,
				    .snaplen = ifc ? ifc->snaplen : DEFAULT_SNAPLEN,
				    .tsprec = 6,
				    .hardware = (char *)w->shb.hardware,
				    .os = (char *)w->shb.os,
				    .userappl = (char *)w->shb.userappl};
	if (w->pcap_snaplen)
		info.snaplen = w->pcap_snaplen;
	for (int32_t i = 1; i < w->nifaces; i++)
		if (w->ifaces[i].encap != info.encap)
			info.encap = -1; /* WTAP_ENCAP_PER_PACKET */
	if (ifc && ifc->tsresol_num) {
		int d = 0;
		for (uint64_t u = ifc->tsresol_num; u >= 10 && d < 9; u /= 10)
			d++;
		info.tsprec = d;
	}
	w->header_done = 1;
	if (w->ext->can_write && !w->ext->can_write(w->ext->ud, info.encap)) {
		snprintf(w->err, sizeof w->err,
			 "The capture file being read can't be written as a \"%s\" file.",
			 w->ext->name);
		return -1;
	}
	w->ext_h = w->ext->open(w->ext->ud, w->fp, &info, w->err, sizeof w->err);
	return w->ext_h ? 0 : -1;
}

static int ext_write(struct cap_writer *w, const struct cap_frame *f)
{
	if (!w->header_done && ext_open(w) < 0)
		return -1;
	if (!w->ext_h)
		return -1;
	return w->ext->write(w->ext_h, f, w->err, sizeof w->err) < 0 ? CAP_WRITE_INTERNAL : 0;
}

int cap_writer_write(struct cap_writer *w, const struct cap_frame *f, uint32_t ifid)
{
	if (w->ext)
		return ext_write(w, f);
	if (w->fmt == CAP_W_PCAPNG)
		return ng_write(w, f, ifid);
	return pcap_write(w, f, ifid < (uint32_t)w->nifaces ? &w->ifaces[ifid] : NULL);
}

void cap_writer_flush(struct cap_writer *w)
{
	if (!w->header_done && !w->ext && w->fmt == CAP_W_PCAPNG)
		ng_shb(w);
	fflush(w->fp);
}

int cap_writer_close(struct cap_writer *w, char *err, size_t errlen)
{
	if (!w)
		return 0;
	int rc = 0;
	if (w->ext) {
		if (!w->header_done && ext_open(w) < 0) {
			snprintf(err, errlen, "%s", w->err);
			rc = -1;
		}
		if (w->ext_h && w->ext->close(w->ext_h, err, errlen) < 0)
			rc = -1;
	} else if (!w->header_done) {
		if (w->fmt == CAP_W_PCAPNG)
			ng_shb(w);
		else if (w->nifaces > 0)
			pcap_header(w, w->ifaces[0].linktype, w->ifaces[0].snaplen);
		else
			pcap_header(w, LINKTYPE_ETHERNET, DEFAULT_SNAPLEN);
	}
	if (w->fmt == CAP_W_PCAPNG)
		ng_idbs_upto(w, (uint32_t)w->nifaces);
	if ((fflush(w->fp) != 0 || ferror(w->fp)) && rc == 0) {
		snprintf(err, errlen, "An error occurred while writing to the file: %s.",
			 strerror(errno));
		rc = -1;
	}
	if (!w->is_stdout && fclose(w->fp) != 0 && rc == 0) {
		snprintf(err, errlen, "An error occurred while closing the file: %s.",
			 strerror(errno));
		rc = -1;
	}
	for (int32_t i = 0; i < w->nifaces; i++) {
		free(w->ifaces[i].name);
		free(w->ifaces[i].description);
	}
	free(w->ifaces);
	free(w->out_resol);
	free((char *)w->shb.hardware);
	free((char *)w->shb.os);
	free((char *)w->shb.userappl);
	free(w->buf);
	free(w);
	return rc;
}
