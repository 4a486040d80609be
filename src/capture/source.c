/*
** source.c -- byte sources: mmap'ed files, read(2) streams, memory, with
** gzip (zlib) and zstd undone on the fly.
**
** Two modes.  "Direct": the whole (uncompressed) data is addressable -- a
** mapping or caller memory -- and a peek is a pointer into it.  "Buffered":
** bytes are produced into one buffer by read(2) or a decompressor; a peek
** slides the unread tail to the front and grows the buffer only when a
** single request is larger than it, so the buffer size is bounded by the
** largest record the reader accepts, not by the file.
*/
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "../core/util.h"

/* Large reads amortise system calls; 1 MiB keeps a pipe reader busy. */
#define BUF_INITIAL (1u << 20)
#define IN_CHUNK    (1u << 18)
/* zlib counts input in uInt: feed mapped input in slices below 4 GiB. */
#define Z_SLICE (1u << 30)
/*
** A mapping is walked once, front to back: every WINDOW bytes the pages
** behind the reader are dropped (so resident memory stays flat however big
** the file) and the next window is requested ahead (fewer page faults).
*/
#define WINDOW ((size_t)16 << 20)

struct source {
	enum cap_compress comp;

	/* raw input: either addressable (map/mem) or a descriptor */
	const uint8_t *raw;
	size_t rawlen, rawpos;
	int unmap;       /* raw is our mapping */
	size_t win_next; /* raw offset at which the window moves next */
	size_t page;
	int fd; /* -1 when raw is addressable */
	uint8_t *in;
	size_t inlen, inpos;
	int raw_eof;

	/* direct mode: comp == NONE and raw addressable */
	int direct;
	size_t pos;

	/* buffered mode */
	uint8_t *buf;
	size_t cap, start, end;
	int out_eof;
	uint64_t consumed; /* bytes skipped before buf[start] */

	z_stream z;
	int z_live;
	ZSTD_DStream *zs;
	char derr[160];
};

/* Move the window over the mapping once the reader has passed win_next. */
static void window(struct source *s, size_t consumed)
{
	if (!s->unmap || consumed < s->win_next)
		return;
	size_t behind = consumed & ~(s->page - 1);
	/* the current record may start up to one window back: keep that much */
	behind = behind > WINDOW ? behind - WINDOW : 0;
	if (behind > 0)
		madvise((void *)(uintptr_t)s->raw, behind, MADV_DONTNEED);
	size_t ahead = consumed & ~(s->page - 1);
	if (ahead < s->rawlen)
		madvise((void *)(uintptr_t)(s->raw + ahead),
			s->rawlen - ahead < 2 * WINDOW ? s->rawlen - ahead : 2 * WINDOW,
			MADV_WILLNEED);
	s->win_next = consumed + WINDOW;
}

/* Next slice of raw input, or 0 at its end. */
static size_t raw_next(struct source *s, const uint8_t **p)
{
	if (s->fd < 0) {
		size_t n = s->rawlen - s->rawpos;
		if (n > Z_SLICE)
			n = Z_SLICE;
		*p = s->raw + s->rawpos;
		s->rawpos += n;
		return n;
	}
	if (s->inpos < s->inlen) {
		size_t n = s->inlen - s->inpos;
		*p = s->in + s->inpos;
		s->inpos = s->inlen;
		return n;
	}
	if (s->raw_eof)
		return 0;
	for (;;) {
		ssize_t r = read(s->fd, s->in, IN_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			s->raw_eof = 1;
			return 0;
		}
		s->inlen = (size_t)r;
		s->inpos = s->inlen;
		*p = s->in;
		return s->inlen;
	}
}

/* Read from the descriptor into in[] until it holds n bytes or the input ends. */
static void raw_prefill(struct source *s, size_t n)
{
	while (s->inlen < n && !s->raw_eof) {
		ssize_t r = read(s->fd, s->in + s->inlen, IN_CHUNK - s->inlen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			s->raw_eof = 1;
		else
			s->inlen += (size_t)r;
	}
}

/* tshark shows the decompressor's own words, except for its two gzip trailer checks. */
static void set_derr(struct source *s, const char *msg)
{
	if (!msg)
		msg = "decompression error";
	else if (strcmp(msg, "incorrect data check") == 0)
		msg = "bad CRC";
	else if (strcmp(msg, "incorrect length check") == 0)
		msg = "length field wrong";
	snprintf(s->derr, sizeof s->derr, "%s", msg);
	s->out_eof = 1;
}

/* gzip members may be concatenated; anything else after a member ends the data. */
static int gzip_next_member(struct source *s)
{
	if (s->z.avail_in == 0) {
		const uint8_t *p;
		size_t n = raw_next(s, &p);
		if (n == 0)
			return 0;
		s->z.next_in = (Bytef *)(uintptr_t)p;
		s->z.avail_in = (uInt)n;
	}
	if (s->z.avail_in >= 2 && (s->z.next_in[0] != 0x1f || s->z.next_in[1] != 0x8b))
		return 0;
	inflateReset(&s->z);
	return 1;
}

static void produce_gzip(struct source *s)
{
	s->z.next_out = s->buf + s->end;
	s->z.avail_out = (uInt)(s->cap - s->end > Z_SLICE ? Z_SLICE : s->cap - s->end);
	while (s->z.avail_out > 0) {
		if (s->z.avail_in == 0) {
			const uint8_t *p;
			size_t n = raw_next(s, &p);
			if (n == 0) {
				/* a member cut short: the reader reports what it misses */
				s->out_eof = 1;
				break;
			}
			s->z.next_in = (Bytef *)(uintptr_t)p;
			s->z.avail_in = (uInt)n;
		}
		int r = inflate(&s->z, Z_NO_FLUSH);
		if (r == Z_STREAM_END) {
			if (!gzip_next_member(s)) {
				s->out_eof = 1;
				break;
			}
			continue;
		}
		if (r == Z_BUF_ERROR)
			continue; /* wants more input */
		if (r != Z_OK) {
			set_derr(s, s->z.msg);
			break;
		}
		if (s->end != (size_t)(s->z.next_out - s->buf))
			break; /* some output: let the caller look at it */
	}
	s->end = (size_t)(s->z.next_out - s->buf);
}

static void produce_zstd(struct source *s)
{
	ZSTD_outBuffer out = {s->buf, s->cap, s->end};
	while (out.pos < out.size) {
		if (s->inpos >= s->inlen && s->fd >= 0) {
			const uint8_t *p;
			if (raw_next(s, &p) == 0) {
				s->out_eof = 1;
				break;
			}
			s->inpos = 0;
		}
		ZSTD_inBuffer in;
		if (s->fd < 0) {
			if (s->rawpos >= s->rawlen) {
				s->out_eof = 1;
				break;
			}
			in.src = s->raw;
			in.size = s->rawlen;
			in.pos = s->rawpos;
		} else {
			in.src = s->in;
			in.size = s->inlen;
			in.pos = s->inpos;
		}
		size_t before = out.pos;
		size_t r = ZSTD_decompressStream(s->zs, &out, &in);
		if (s->fd < 0)
			s->rawpos = in.pos;
		else
			s->inpos = in.pos;
		if (ZSTD_isError(r)) {
			set_derr(s, ZSTD_getErrorName(r));
			break;
		}
		if (out.pos != before)
			break;
	}
	s->end = out.pos;
}

static void produce_plain(struct source *s)
{
	for (;;) {
		ssize_t r = read(s->fd, s->buf + s->end, s->cap - s->end);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			set_derr(s, strerror(errno));
		if (r <= 0) {
			s->out_eof = 1;
			return;
		}
		s->end += (size_t)r;
		return;
	}
}

static void fill(struct source *s, size_t need)
{
	if (s->end - s->start >= need)
		return;
	if (s->start + need > s->cap) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
		if (need > s->cap) {
			size_t nc = s->cap * 2 > need ? s->cap * 2 : need;
			s->buf = xrealloc(s->buf, nc);
			s->cap = nc;
		}
	}
	while (s->end - s->start < need && !s->out_eof) {
		if (s->fd < 0)
			window(s, s->comp == CAP_COMP_GZIP
				      ? (size_t)(s->z.next_in ? s->z.next_in - s->raw : 0)
				      : s->rawpos);
		if (s->comp == CAP_COMP_GZIP)
			produce_gzip(s);
		else if (s->comp == CAP_COMP_ZSTD)
			produce_zstd(s);
		else
			produce_plain(s);
	}
}

static enum cap_compress sniff(const uint8_t *p, size_t n)
{
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return CAP_COMP_GZIP;
	if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
		return CAP_COMP_ZSTD;
	return CAP_COMP_NONE;
}

/* Decide the mode once the first raw bytes are known. */
static void setup(struct source *s)
{
	/* an empty file has no mapping: peeks still need a valid pointer */
	static const uint8_t empty[1];
	const uint8_t *head;
	size_t n;
	if (s->fd < 0 && !s->raw)
		s->raw = empty;
	if (s->fd < 0) {
		head = s->raw;
		n = s->rawlen;
	} else {
		s->in = xmalloc(IN_CHUNK);
		raw_prefill(s, 4);
		head = s->in;
		n = s->inlen;
	}
	s->comp = sniff(head, n);
	if (s->comp == CAP_COMP_NONE && s->fd < 0) {
		s->direct = 1;
		return;
	}
	s->cap = BUF_INITIAL;
	s->buf = xmalloc(s->cap);
	if (s->comp == CAP_COMP_GZIP) {
		memset(&s->z, 0, sizeof s->z);
		/* 16 + MAX_WBITS: gzip wrapper only, as the magic said */
		if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
			die("zlib: cannot initialise");
		s->z_live = 1;
	} else if (s->comp == CAP_COMP_ZSTD) {
		s->zs = ZSTD_createDStream();
		if (!s->zs || ZSTD_isError(ZSTD_initDStream(s->zs)))
			die("zstd: cannot initialise");
		s->inpos = 0;
	} else {
		/* plain stream: what the sniff read is the first data */
		memcpy(s->buf, s->in, s->inlen);
		s->end = s->inlen;
		s->inpos = s->inlen;
	}
}

static struct source *new_source(void)
{
	struct source *s = xcalloc(1, sizeof *s);
	s->fd = -1;
	return s;
}

struct source *source_open_mem(const uint8_t *p, size_t n)
{
	struct source *s = new_source();
	s->raw = p;
	s->rawlen = n;
	setup(s);
	return s;
}

struct source *source_open_path(const char *path, char *err, size_t errlen)
{
	struct source *s = new_source();
	if (strcmp(path, "-") == 0) {
		s->fd = 0;
		setup(s);
		return s;
	}
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(err, errlen, "The file \"%s\" doesn't exist.", path);
		else if (errno == EACCES)
			snprintf(err, errlen,
				 "The file \"%s\" could not be opened because you don't have "
				 "permission to read it.",
				 path);
		else
			snprintf(err, errlen, "The file \"%s\" could not be opened: %s.", path,
				 strerror(errno));
		free(s);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "\"%s\" is a directory (folder), not a file.", path);
		free(s);
		return NULL;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == EACCES)
			snprintf(err, errlen,
				 "The file \"%s\" could not be opened because you don't have "
				 "permission to read it.",
				 path);
		else
			snprintf(err, errlen, "The file \"%s\" could not be opened: %s.", path,
				 strerror(errno));
		free(s);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= SIZE_MAX) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
			s->raw = m;
			s->rawlen = (size_t)st.st_size;
			s->unmap = 1;
			long pg = sysconf(_SC_PAGESIZE);
			s->page = pg > 0 ? (size_t)pg : 4096;
			window(s, 0);
			setup(s);
			return s;
		}
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		close(fd);
		setup(s);
		return s;
	}
	s->fd = fd;
	setup(s);
	return s;
}

void source_close(struct source *s)
{
	if (!s)
		return;
	if (s->unmap)
		munmap((void *)(uintptr_t)s->raw, s->rawlen);
	if (s->fd > 0)
		close(s->fd);
	if (s->z_live)
		inflateEnd(&s->z);
	if (s->zs)
		ZSTD_freeDStream(s->zs);
	free(s->in);
	free(s->buf);
	free(s);
}

size_t source_peek(struct source *s, size_t n, const uint8_t **p)
{
	if (s->direct) {
		size_t avail = s->rawlen - s->pos;
		*p = s->raw + s->pos;
		return n < avail ? n : avail;
	}
	fill(s, n);
	*p = s->buf + s->start;
	size_t avail = s->end - s->start;
	return n < avail ? n : avail;
}

size_t source_avail(const struct source *s, const uint8_t **p)
{
	if (s->direct) {
		*p = s->raw + s->pos;
		return s->rawlen - s->pos;
	}
	*p = s->buf + s->start;
	return s->end - s->start;
}

void source_skip(struct source *s, size_t n)
{
	if (s->direct) {
		size_t avail = s->rawlen - s->pos;
		s->pos += n < avail ? n : avail;
		window(s, s->pos);
		return;
	}
	size_t avail = s->end - s->start;
	if (n > avail)
		n = avail;
	s->start += n;
	s->consumed += n;
}

int source_mapped(const struct source *s)
{
	return s->direct && s->unmap;
}

const uint8_t *source_direct(const struct source *s, size_t *len)
{
	if (!s->direct)
		return NULL;
	*len = s->rawlen;
	return s->raw;
}

uint64_t source_offset(const struct source *s)
{
	return s->direct ? s->pos : s->consumed;
}

enum cap_compress source_compression(const struct source *s)
{
	return s->comp;
}

const char *source_decompress_error(const struct source *s)
{
	return s->derr[0] ? s->derr : NULL;
}
