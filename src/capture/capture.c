/*
** capture.c -- opening a capture: source, probe, reader; error messages of
** tshark's shape; the interface table shared by the readers.
*/
#include "capture.h"

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "capture_int.h"

static void add_offset_line(struct capture *c, size_t n, uint64_t off)
{
	if (n < sizeof c->err)
		snprintf(c->err + n, sizeof c->err - n, "\n(at byte offset %llu)",
			 (unsigned long long)off);
}

/* tshark names stdin differently from a file. */
static int subject(char *buf, size_t n, const char *path)
{
	if (strcmp(path, "-") == 0)
		return snprintf(buf, n, "The standard input");
	return snprintf(buf, n, "The file \"%s\"", path);
}

static int fail_with(struct capture *c, uint64_t off, const char *first, const char *fmt,
		     va_list ap)
{
	char who[512];
	subject(who, sizeof who, c->path);
	int n = snprintf(c->err, sizeof c->err, "%s %s\n(", who, first);
	if (n < 0 || (size_t)n >= sizeof c->err)
		n = (int)sizeof c->err - 1;
	int m = vsnprintf(c->err + n, sizeof c->err - (size_t)n, fmt, ap);
	size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
	if (len > sizeof c->err - 2)
		len = sizeof c->err - 2;
	c->err[len++] = ')';
	c->err[len] = 0;
	add_offset_line(c, len, off);
	c->failed = 1;
	c->err_rc = 2;
	return -1;
}

int cap_fail_cut_short(struct capture *c, uint64_t off)
{
	const char *why = source_decompress_error(c->src);
	char who[512];
	subject(who, sizeof who, c->path);
	int n;
	if (why)
		n = snprintf(c->err, sizeof c->err,
			     "%s cannot be decompressed; it may be damaged or corrupt.\n(%s)", who,
			     why);
	else
		/* tshark's words differ while it is still reading the file header */
		n = snprintf(c->err, sizeof c->err,
			     "%s appears to have been cut short in the middle of a packet%s.", who,
			     c->opening ? " or other data" : "");
	add_offset_line(c, n < 0 ? 0 : (size_t)n, off);
	c->failed = 1;
	c->err_rc = 2;
	return -1;
}

int cap_fail_bad(struct capture *c, uint64_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fail_with(c, off, "appears to be damaged or corrupt.", fmt, ap);
	va_end(ap);
	return r;
}

int cap_fail_unsupported(struct capture *c, uint64_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = fail_with(c, off, "contains record data that TShark doesn't support.", fmt, ap);
	va_end(ap);
	return r;
}

uint32_t cap_add_iface(struct capture *c, const struct cap_iface *ifc)
{
	xgrow(&c->ifaces, &c->ifcap, c->nifaces + 1, sizeof *c->ifaces);
	c->ifaces[c->nifaces] = *ifc;
	return (uint32_t)c->nifaces++;
}

char *cap_strndup(const uint8_t *p, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = 0;
	/* options may be NUL padded inside their length */
	return s;
}

static struct capture *open_on(struct source *src, const char *path, char *err, size_t errlen)
{
	struct capture *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->src = src;
	const uint8_t *head;
	size_t n = source_peek(src, CAP_PROBE_LEN, &head);
	if (n == 0 && !source_decompress_error(src)) {
		/* tshark reads an empty file as a capture without packets */
		c->ft = CAP_FT_UNKNOWN;
		c->next = NULL;
		return c;
	}
	if (cap_ext_open(c, 1))
		return c;
	const struct cap_format *fmt = cap_ext_forced() ? NULL : cap_probe(head, n);
	if (!fmt && cap_ext_open(c, 0))
		return c;
	if (!fmt) {
		char who[512];
		subject(who, sizeof who, path);
		snprintf(err, errlen, "%s isn't a capture file in a format TShark understands.",
			 who);
		capture_close(c);
		return NULL;
	}
	c->ft = fmt->ft;
	c->opening = 1;
	int r = fmt->open(c);
	c->opening = 0;
	if (r < 0) {
		snprintf(err, errlen, "%s", c->err);
		capture_close(c);
		return NULL;
	}
	return c;
}

struct capture *capture_open(const char *path, char *err, size_t errlen)
{
	struct source *src = source_open_path(path, err, errlen);
	if (!src)
		return NULL;
	return open_on(src, path, err, errlen);
}

struct capture *capture_open_mem(const uint8_t *p, size_t n, char *err, size_t errlen)
{
	return open_on(source_open_mem(p, n), "(memory)", err, errlen);
}

int capture_next(struct capture *c, struct cap_frame *f)
{
	if (c->failed)
		return -1;
	if (!c->next)
		return 0;
	/*
	 * readers fill only what their format has; the rest must read as absent
	 * (comments[] is read only below ncomments: not cleared for every record)
	 */
	if (!c->fills_frame) {
		/* a copy of a constant, not memset: a few vector stores, not a rep stos a frame */
		static const struct cap_frame blank;
		memcpy(f, &blank, offsetof(struct cap_frame, comments));
	}
	return c->next(c, f);
}

int capture_next_reuse(struct capture *c, struct cap_frame *f)
{
	if (c->failed)
		return -1;
	return c->next ? c->next(c, f) : 0;
}

const char *capture_error(const struct capture *c)
{
	return c->errs ? c->errs : c->err;
}

int capture_error_rc(const struct capture *c)
{
	return c->err_rc;
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	if (c->free_priv)
		c->free_priv(c);
	source_close(c->src);
	for (int32_t i = 0; i < c->nifaces; i++) {
		free(c->ifaces[i].name);
		free(c->ifaces[i].description);
		free(c->ifaces[i].os);
		free(c->ifaces[i].filter);
	}
	for (int32_t i = 0; i < c->nshbs; i++) {
		struct cap_shb *s = &c->shbs[i];
		for (int32_t k = 0; k < s->ncomments; k++)
			free(s->comments[k]);
		free(s->comments);
		free(s->hardware);
		free(s->os);
		free(s->userappl);
	}
	free(c->shbs);
	free(c->ifaces);
	for (int32_t i = 0; i < c->ndsbs; i++)
		free(c->dsbs[i].data);
	free(c->dsbs);
	free(c->shb_hardware);
	free(c->shb_os);
	free(c->shb_userappl);
	free(c->path);
	free(c->errs);
	free(c);
}

enum cap_filetype capture_filetype(const struct capture *c)
{
	return c->ft;
}

int capture_frames_stable(const struct capture *c)
{
	return (c->ft == CAP_FT_PCAP || c->ft == CAP_FT_PCAP_NSEC) && c->src &&
	       source_mapped(c->src);
}

int capture_frames_uniform(const struct capture *c)
{
	return c->uniform;
}

cap_reader_fn capture_reader(const struct capture *c)
{
	return c->uniform && !c->failed ? c->next_own : NULL;
}

enum cap_compress capture_compression(const struct capture *c)
{
	return c->src ? source_compression(c->src) : c->comp;
}

int capture_iface_count(const struct capture *c)
{
	return c->nifaces;
}

const struct cap_iface *capture_iface(const struct capture *c, int i)
{
	return i >= 0 && i < c->nifaces ? &c->ifaces[i] : NULL;
}

const char *capture_path(const struct capture *c)
{
	return c->path;
}

const char *capture_shb_hardware(const struct capture *c)
{
	return c->shb_hardware;
}

int capture_shb_count(const struct capture *c)
{
	return c->nshbs;
}

const struct cap_shb *capture_shb(const struct capture *c, int i)
{
	return i >= 0 && i < c->nshbs ? &c->shbs[i] : NULL;
}

uint64_t capture_nrb_count(const struct capture *c, int ipv6)
{
	return ipv6 ? c->nrb_v6 : c->nrb_v4;
}

const char *capture_shb_os(const struct capture *c)
{
	return c->shb_os;
}

const char *capture_shb_userappl(const struct capture *c)
{
	return c->shb_userappl;
}

int capture_dsb_count(const struct capture *c)
{
	return c->ndsbs;
}

const struct cap_dsb *capture_dsb(const struct capture *c, int i)
{
	return i >= 0 && i < c->ndsbs ? &c->dsbs[i] : NULL;
}
