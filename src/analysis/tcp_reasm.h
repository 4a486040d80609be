/*
** tcp_reasm.h -- one multi-segment PDU (tshark's MSP) being collected.
**
** A flow direction holds at most one open MSP: the PDU a payload dissector
** asked more bytes for (desegment_offset/len).  Bytes are stored by offset
** from the PDU's first sequence number, with the frame each came from, so
** the reassembling frame can list its segments.  Memory is per PDU and
** capped (TCP_MSP_STORE_MAX), never per packet.
*/
#ifndef WS_TCP_REASM_H
#define WS_TCP_REASM_H

#include <stddef.h>
#include <stdint.h>

#define TCP_MSP_MAX (1u << 20) /* tshark starts no PDU with a longer tail */
/* Our own bound on one PDU's buffer (tshark has none); past it the PDU never completes. */
#define TCP_MSP_STORE_MAX (16u << 20)

/* fragments kept in the PDU itself: most PDUs have two, a few dozen */
#define TCP_MSP_INL 4

struct tcp_frag {
	uint32_t frame, off, len;
};

struct tcp_msp {
	uint32_t seq;    /* raw sequence number of the PDU's first byte */
	uint32_t nxtpdu; /* raw sequence number just past the PDU */
	uint32_t first_frame, last_frame;
	uint8_t entire_segment; /* length unknown: take whole segments */
	uint8_t have_last;      /* the fragment reaching nxtpdu is in */
	uint32_t last_end;      /* end offset of that fragment */
	uint8_t *buf;
	uint32_t cap;           /* as counted in tcp_msp_held: the doubling it always was */
	uint32_t phys;          /* bytes buf really holds: may differ from cap (see tcp_msp_add) */
	uint32_t hi;            /* end of the highest byte stored */
	uint32_t room;          /* min(cap, phys): tcp_msp_add's one test for both */
	struct tcp_frag *frags; /* sorted by offset; inl until it outgrows it */
	int32_t nfrags, fcap;   /* fcap: as counted in tcp_msp_held (see tcp_msp_add) */
	int32_t fphys;          /* entries frags holds */
	int32_t froom;          /* min(fcap, fphys) */
	struct tcp_frag inl[TCP_MSP_INL];
};

/*
** Bytes held by this thread's open PDUs (buffers and fragment lists), so the
** analysis can keep them under a budget on huge captures (tcp_analysis.c).
** Inline: the conversation lookup tests it on every segment, and a call there
** made the lookup save registers.
*/
extern _Thread_local size_t tcp_msp_held_bytes;
static inline size_t tcp_msp_held(void)
{
	return tcp_msp_held_bytes;
}

struct tcp_msp *tcp_msp_new(uint32_t seq, uint32_t nxtpdu, uint32_t frame);
void tcp_msp_free(struct tcp_msp *m);

/*
** Store n bytes at offset off (last: this fragment reaches the PDU's end).
** Returns 1 when the PDU is complete: the last fragment is in and there is
** no hole before it.  Bytes past TCP_MSP_STORE_MAX are dropped.
*/
int tcp_msp_add(struct tcp_msp *m, uint32_t frame, uint32_t off, const uint8_t *p, uint32_t n,
		int last);

/*
** The PDU stays open but its buffer went to the frame arena (a dissector
** may point into it): give it a fresh buffer with the bytes stored so far.
*/
void tcp_msp_rebuf(struct tcp_msp *m);

/* Length of the contiguous data from offset 0. */
uint32_t tcp_msp_contiguous(const struct tcp_msp *m);

#endif
