/*
** conv.h -- conversation table: (addresses, ports, transport) -> state.
**
** Both directions of a flow share one entry: the key is stored with the
** smaller endpoint first and `dir` tells the caller which way the packet
** went.  Only the latest conversation of a key is reachable, which is what
** tshark's lookup returns in a single pass (the one with the greatest setup
** frame); a port reuse replaces the value in place.  Memory is one slot per
** flow; nothing is kept per packet.
*/
#ifndef WS_CONV_H
#define WS_CONV_H

#include <stdint.h>
#include <string.h>

enum conv_proto { CONV_TCP = 1, CONV_UDP = 2 };

struct conv_key {
	uint8_t proto;
	uint8_t atype; /* caller's address type, so IPv4 never meets IPv6 */
	uint8_t alen;
	uint8_t pad;
	uint16_t port_a, port_b;
	uint8_t addr_a[16], addr_b[16];
};

struct conv_table;

struct conv_table *conv_table_new(void);
/* free_val (may be NULL) is called on every stored value. */
void conv_table_free(struct conv_table *t, void (*free_val)(void *));

/*
** Build a normalised key.  *dir is 0 when (src, sport) became endpoint A,
** 1 otherwise.  alen is at most 16.
*/
void conv_key_make(struct conv_key *k, uint8_t proto, uint8_t atype, uint8_t alen,
		   const uint8_t *src, const uint8_t *dst, uint16_t sport, uint16_t dport,
		   int *dir);

/*
** conv_key_make for 4-byte addresses (IPv4), the same key, inline: TCP
** makes one per segment.
*/
static inline void conv_key_make4(struct conv_key *k, uint8_t proto, uint8_t atype,
				  const uint8_t *src, const uint8_t *dst, uint16_t sport,
				  uint16_t dport, int *dir)
{
	uint32_t a =
	    (uint32_t)src[0] << 24 | (uint32_t)src[1] << 16 | (uint32_t)src[2] << 8 | src[3];
	uint32_t b =
	    (uint32_t)dst[0] << 24 | (uint32_t)dst[1] << 16 | (uint32_t)dst[2] << 8 | dst[3];
	int swap = a != b ? a > b : sport > dport;
	memset(k, 0, sizeof *k);
	k->proto = proto;
	k->atype = atype;
	k->alen = 4;
	memcpy(k->addr_a, swap ? dst : src, 4);
	memcpy(k->addr_b, swap ? src : dst, 4);
	k->port_a = swap ? dport : sport;
	k->port_b = swap ? sport : dport;
	*dir = swap;
}

/*
** The value slot of key k: NULL when absent and !create; with create a new
** slot holding NULL is made.  The pointer stays valid for the table's life:
** entries live in fixed blocks that growing never moves (tcp_analysis.c's
** recent-slot cache relies on it).
*/
void **conv_slot(struct conv_table *t, const struct conv_key *k, int create);

uint32_t conv_count(const struct conv_table *t);

/* Call fn on every stored value, in creation order. */
void conv_table_each(struct conv_table *t, void (*fn)(void *val, void *arg), void *arg);

#endif
