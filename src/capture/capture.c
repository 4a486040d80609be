/*
** capture.c -- TEMPORARY minimal pcap reader over a whole-file read, so the
** pipeline runs end to end.  To be replaced by source.c (mmap, gzip, zstd,
** stdin), probe.c, pcap.c and pcapng.c.
*/
#include "capture.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

struct capture {
	char *path;
	uint8_t *buf;
	size_t size, pos;
	int swap, nsec;
	struct cap_iface iface;
	char err[512];
};

static uint32_t rd32(const struct capture *c, size_t at)
{
	const uint8_t *p = c->buf + at;
	if (c->swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

struct capture *capture_open(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "The file \"%s\" doesn't exist.", path);
		return NULL;
	}
	struct capture *c = xcalloc(1, sizeof *c);
	size_t cap = 1 << 20;
	c->buf = xmalloc(cap);
	size_t n;
	while ((n = fread(c->buf + c->size, 1, cap - c->size, f)) > 0) {
		c->size += n;
		if (c->size == cap)
			c->buf = xrealloc(c->buf, cap *= 2);
	}
	fclose(f);
	c->path = xstrdup(path);
	if (c->size < 24) {
		snprintf(err, errlen, "The file \"%s\" isn't a capture file in a format TShark understands.", path);
		capture_close(c);
		return NULL;
	}
	uint32_t magic = (uint32_t)c->buf[0] | (uint32_t)c->buf[1] << 8 | (uint32_t)c->buf[2] << 16 |
			 (uint32_t)c->buf[3] << 24;
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
		c->nsec = magic == 0xa1b23c4d;
	} else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
		c->swap = 1;
		c->nsec = magic == 0x4d3cb2a1;
	} else {
		snprintf(err, errlen, "The file \"%s\" isn't a capture file in a format TShark understands.", path);
		capture_close(c);
		return NULL;
	}
	c->iface.snaplen = rd32(c, 16);
	c->iface.linktype = (int)(rd32(c, 20) & 0x03ffffff);
	c->iface.tsresol_num = c->nsec ? 1000000000 : 1000000;
	c->pos = 24;
	return c;
}

int capture_next(struct capture *c, struct cap_frame *f)
{
	if (c->pos == c->size)
		return 0;
	if (c->size - c->pos < 16) {
		snprintf(c->err, sizeof c->err,
			 "The file \"%s\" appears to have been cut short in the middle of a packet.",
			 c->path);
		return -1;
	}
	uint32_t caplen = rd32(c, c->pos + 8);
	if (caplen > 262144 * 4) {
		snprintf(c->err, sizeof c->err,
			 "The file \"%s\" appears to be damaged or corrupt.\n(pcap: File has %u-byte packet, bigger than maximum of 262144)",
			 c->path, caplen);
		return -1;
	}
	if (c->size - c->pos - 16 < caplen) {
		snprintf(c->err, sizeof c->err,
			 "The file \"%s\" appears to have been cut short in the middle of a packet.",
			 c->path);
		return -1;
	}
	memset(f, 0, sizeof *f);
	f->sec = rd32(c, c->pos);
	f->nsec = (int32_t)(rd32(c, c->pos + 4) * (c->nsec ? 1 : 1000));
	f->has_ts = 1;
	f->caplen = caplen;
	f->len = rd32(c, c->pos + 12);
	f->linktype = c->iface.linktype;
	f->offset = c->pos;
	f->data = c->buf + c->pos + 16;
	c->pos += 16 + caplen;
	return 1;
}

const char *capture_error(const struct capture *c)
{
	return c->err;
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	free(c->buf);
	free(c->path);
	free(c);
}

enum cap_filetype capture_filetype(const struct capture *c)
{
	return c->nsec ? CAP_FT_PCAP_NSEC : CAP_FT_PCAP;
}
enum cap_compress capture_compression(const struct capture *c)
{
	(void)c;
	return CAP_COMP_NONE;
}
int capture_iface_count(const struct capture *c)
{
	(void)c;
	return 1;
}
const struct cap_iface *capture_iface(const struct capture *c, int i)
{
	(void)i;
	return &c->iface;
}
const char *capture_path(const struct capture *c)
{
	return c->path;
}
const char *capture_shb_hardware(const struct capture *c)
{
	(void)c;
	return NULL;
}
const char *capture_shb_os(const struct capture *c)
{
	(void)c;
	return NULL;
}
const char *capture_shb_userappl(const struct capture *c)
{
	(void)c;
	return NULL;
}
struct capture *capture_open_mem(const uint8_t *p, size_t n, char *err, size_t errlen)
{
	(void)p;
	(void)n;
	snprintf(err, errlen, "not implemented");
	return NULL;
}
