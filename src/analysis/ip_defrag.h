/*
** ip_defrag.h -- IPv4/IPv6 fragment reassembly state, one table per worker.
**
** Fragments are copied out of frame memory (which dies with the record) and
** held until the datagram is complete: the first tail (more-fragments clear)
** fixes its length, and it completes in the frame whose fragment closes the
** last hole.  That frame gets the whole datagram, copied into its arena.
**
** Overlaps follow offset order: bytes already placed by a fragment with a
** lower offset stay; among fragments at the same offset the latest one is
** placed first (so a retransmitted fragment replaces the original).  Memory
** is bounded: per datagram (fragment count, 64 KiB) and per table (pending
** datagrams, held bytes); when a bound is hit the oldest datagram is dropped
** and a one-time note goes to stderr.
*/
#ifndef WS_IP_DEFRAG_H
#define WS_IP_DEFRAG_H

#include <stdint.h>

#include "../core/arena.h"

#define DEFRAG_MAX_DATAGRAM 65535u              /* bytes of payload a datagram may reach */
#define DEFRAG_MAX_FRAGS    1024                /* fragments held per datagram */
#define DEFRAG_MAX_PENDING  65536               /* datagrams held at once */
#define DEFRAG_MAX_BYTES    (64u * 1024 * 1024) /* fragment bytes held at once */

struct defrag_key {
	uint8_t af; /* 4 or 6 */
	uint8_t proto;
	uint32_t id;
	uint8_t src[16], dst[16];
};

struct defrag_piece {
	uint32_t frame, off, len;
	uint8_t bad; /* conflicting overlap, past the end or a disagreeing tail: fragment.error */
	/* what tshark notes under each fragment */
	uint8_t overlap, conflict, multiple_tails, too_long;
};

struct defrag_result {
	const uint8_t *data; /* the reassembled payload, in the caller's arena */
	uint32_t len;
	int npieces; /* fragments, in offset order */
	const struct defrag_piece *pieces;
	uint8_t overlap, conflict, multiple_tails, too_long;
};

enum defrag_status {
	DEFRAG_HELD,    /* kept; the datagram is not complete yet */
	DEFRAG_DONE,    /* this fragment completed it: see the result */
	DEFRAG_DROPPED, /* refused (bounds); nothing is held for it */
};

struct defrag_table;

struct defrag_table *defrag_new(void);
void defrag_free(struct defrag_table *t);
/* void* signatures for dissect_state() */
void *defrag_make(void);
void defrag_destroy(void *t);

/*
** Add one fragment: payload bytes [off, off+len) of the datagram `key`, with
** `more` the more-fragments flag, seen in frame `frame`.  On DEFRAG_DONE the
** result points into `arena`.
*/
enum defrag_status defrag_add(struct defrag_table *t, const struct defrag_key *key, uint32_t off,
			      int more, const uint8_t *data, uint32_t len, uint32_t frame,
			      struct arena *arena, struct defrag_result *res);

/* Datagrams and bytes currently held (tests check the bounds). */
uint32_t defrag_pending(const struct defrag_table *t);
uint64_t defrag_held_bytes(const struct defrag_table *t);

#endif
