/*
** addr_put.h -- addr_set (column.c) for a type known where it is called,
** inline: every frame sets four addresses, and the call, the length lookup
** and a memset of its own were a visible share of a conversation job.
*/
#ifndef WS_ADDR_PUT_H
#define WS_ADDR_PUT_H

#include <string.h>

#include "packet.h"

/*
** Straight into *a: building the address on the stack and copying it over cost
** a second pair of 16-byte moves (four addresses a frame).  The bytes past len
** are zeroed all the same: addr_cmp and the hashes read all 16.
*/
static inline void addr_put(struct address *a, enum addr_type t, uint8_t len, const uint8_t *p)
{
	a->type = (uint8_t)t;
	a->len = len;
	memset(a->a, 0, sizeof a->a);
	memcpy(a->a, p, len);
}

static inline void addr_put_ether(struct address *a, const uint8_t *p)
{
	addr_put(a, AT_ETHER, 6, p);
}

static inline void addr_put_ipv4(struct address *a, const uint8_t *p)
{
	addr_put(a, AT_IPv4, 4, p);
}

static inline void addr_put_ipv6(struct address *a, const uint8_t *p)
{
	addr_put(a, AT_IPv6, 16, p);
}

#endif
