/*
** tcp_reasm.c -- byte store of a multi-segment PDU.
*/
#include "tcp_reasm.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

/* per thread: each worker has its own flows, and so its own budget */
_Thread_local size_t tcp_msp_held_bytes;
#define held tcp_msp_held_bytes
/* bytes the open PDUs' buffers really hold (phys), which presizing may put above held */
static _Thread_local size_t real;

/*
** A PDU of known length gets its whole buffer when its second fragment
** comes (a TLS record or an HTTP body came in by a dozen realloc copies),
** up to TCP_MSP_PRESIZE, and while the real bytes stay within
** TCP_MSP_SLACK_MAX of what the budget counts: PDUs that never complete
** cannot hold memory the budget does not see.
*/
#define TCP_MSP_PRESIZE   (2u << 20)
#define TCP_MSP_SLACK_MAX ((size_t)32 << 20)

struct tcp_msp *tcp_msp_new(uint32_t seq, uint32_t nxtpdu, uint32_t frame)
{
	/* malloc and a literal: calloc takes glibc's slow path, and every PDU comes here */
	struct tcp_msp *m = xmalloc(sizeof *m);
	*m = (struct tcp_msp){.seq = seq,
			      .nxtpdu = nxtpdu,
			      .first_frame = frame,
			      .last_frame = frame,
			      .frags = m->inl,
			      .fphys = TCP_MSP_INL};
	return m;
}

void tcp_msp_free(struct tcp_msp *m)
{
	if (!m)
		return;
	held -= m->cap + (size_t)m->fcap * sizeof *m->frags;
	real -= m->phys;
	free(m->buf);
	if (m->frags != m->inl)
		free(m->frags);
	free(m);
}

uint32_t tcp_msp_contiguous(const struct tcp_msp *m)
{
	uint32_t end = 0;
	for (int32_t i = 0; i < m->nfrags; i++) {
		if (m->frags[i].off > end)
			break;
		uint32_t e = m->frags[i].off + m->frags[i].len;
		if (e > end)
			end = e;
	}
	return end;
}

/*
** The budget's view of the buffer: the first fragment gets just its size
** (rounded to 64): most open PDUs on a big capture are a few dozen bytes of
** a header waiting for the rest, forever when the capture ends first, and a
** 2 KiB minimum made them most of the heap.  Later growth doubles.  The
** budget sweeps by this count, so it must not change with the real size.
*/
static void count_growth(struct tcp_msp *m, uint32_t end)
{
	uint32_t nc = m->cap ? m->cap * 2 : 0;
	if (nc < end)
		nc = (end + 63) & ~63u;
	held += nc - m->cap;
	m->cap = nc;
}

/* The PDU's whole length once its second fragment comes, or 0. */
static uint32_t presize_for(const struct tcp_msp *m, uint32_t end)
{
	uint32_t len = m->nxtpdu - m->seq;
	if (!m->phys || m->entire_segment || len < end || len > TCP_MSP_PRESIZE)
		return 0;
	uint32_t want = (len + 63) & ~63u;
	if (real + (want - m->phys) > held + TCP_MSP_SLACK_MAX)
		return 0;
	return want;
}

/* The real buffer: doubling as the count does, or the PDU's whole length. */
static void grow_buf(struct tcp_msp *m, uint32_t end)
{
	uint32_t np = m->phys ? m->phys * 2 : 0;
	if (np < end)
		np = (end + 63) & ~63u;
	uint32_t want = presize_for(m, end);
	if (want > np)
		np = want;
	m->buf = xrealloc(m->buf, np);
	real += np - m->phys;
	m->phys = np;
}

void tcp_msp_rebuf(struct tcp_msp *m)
{
	uint8_t *b = xmalloc(m->phys ? m->phys : 1);
	if (m->hi)
		memcpy(b, m->buf, m->hi);
	m->buf = b;
}

/* past the buffer the count or the real bytes allow: out of line, rare */
static __attribute__((noinline)) void grow(struct tcp_msp *m, uint32_t end)
{
	if (end > m->cap)
		count_growth(m, end);
	if (end > m->phys)
		grow_buf(m, end);
	m->room = m->cap < m->phys ? m->cap : m->phys;
}

/* a full fragment list: out of line, rare */
static __attribute__((noinline)) void grow_frags(struct tcp_msp *m)
{
	if (m->nfrags == m->fcap) {
		/*
		 * The budget counts the list as one doubling from two entries
		 * (what it was before the list moved into the PDU), so its
		 * sweeps drop the same PDUs at the same frames.
		 */
		int32_t nf = m->fcap ? m->fcap * 2 : 2;
		held += (size_t)(nf - m->fcap) * sizeof *m->frags;
		m->fcap = nf;
	}
	if (m->nfrags == m->fphys) {
		/*
		 * Past the inline entries straight to 64, then by four: a
		 * byte-at-a-time flow's PDU takes a byte a segment and ends
		 * with the capture at about fifty (a realloc each at 16).
		 */
		int32_t np = m->frags == m->inl ? 64 : m->fphys * 4;
		if (m->frags == m->inl) {
			m->frags = xmalloc((size_t)np * sizeof *m->frags);
			memcpy(m->frags, m->inl, sizeof m->inl);
		} else {
			m->frags = xrealloc(m->frags, (size_t)np * sizeof *m->frags);
		}
		m->fphys = np;
	}
	m->froom = m->fcap < m->fphys ? m->fcap : m->fphys;
}

/* 1 to 16 bytes without a call: two overlapping fixed-size moves */
static inline void copy_small(uint8_t *d, const uint8_t *p, uint32_t n)
{
	if (n >= 8) {
		memcpy(d, p, 8);
		memcpy(d + n - 8, p + n - 8, 8);
	} else if (n >= 4) {
		memcpy(d, p, 4);
		memcpy(d + n - 4, p + n - 4, 4);
	} else {
		d[0] = p[0];
		d[n / 2] = p[n / 2];
		d[n - 1] = p[n - 1];
	}
}

static __attribute__((noinline)) int add_any(struct tcp_msp *m, uint32_t frame, uint32_t off,
					     const uint8_t *p, uint32_t n, int last)
{
	if (off >= TCP_MSP_STORE_MAX)
		return 0;
	if (n > TCP_MSP_STORE_MAX - off)
		n = TCP_MSP_STORE_MAX - off;
	uint32_t end = off + n;
	if (end > m->room)
		grow(m, end);
	if (n)
		memcpy(m->buf + off, p, n);
	if (end > m->hi)
		m->hi = end;
	if (m->nfrags == m->froom)
		grow_frags(m);
	int32_t i = m->nfrags;
	while (i > 0 && m->frags[i - 1].off > off) {
		m->frags[i] = m->frags[i - 1];
		i--;
	}
	m->frags[i].frame = frame;
	m->frags[i].off = off;
	m->frags[i].len = n;
	m->nfrags++;
	m->last_frame = frame;
	if (last) {
		m->have_last = 1;
		m->last_end = end;
	}
	return m->have_last && tcp_msp_contiguous(m) >= m->last_end;
}

/*
** Most fragments are a few bytes appended to an open PDU that has room (a
** byte-at-a-time protocol whose PDU never completes is a third of some
** captures): that case calls nothing, so it saves no registers; the rest
** goes to add_any.
*/
int tcp_msp_add(struct tcp_msp *m, uint32_t frame, uint32_t off, const uint8_t *p, uint32_t n,
		int last)
{
	uint32_t end = off + n;
	int32_t i = m->nfrags;
	/* 1 to 16 bytes wholly below TCP_MSP_STORE_MAX (no clipping) that fit */
	if (n - 1 < 16 && off <= TCP_MSP_STORE_MAX - 16 && end <= m->room && i < m->froom &&
	    (!i || m->frags[i - 1].off <= off) && !(last | m->have_last)) {
		/* what add_any does for it: no growth, no shifting, not complete */
		copy_small(m->buf + off, p, n);
		if (end > m->hi)
			m->hi = end;
		m->frags[i].frame = frame;
		m->frags[i].off = off;
		m->frags[i].len = n;
		m->nfrags = i + 1;
		m->last_frame = frame;
		return 0;
	}
	return add_any(m, frame, off, p, n, last);
}
