/*
** taprec.h -- the records a conversation/endpoint tap sees in one frame.
**
** tshark's conv and endpoints taps get one record per protocol header (an
** IP-in-IP frame gives two IPv4 records; a header quoted inside an ICMP error
** gives none).  We read them from the fieldset: every top-level item of the
** protocol is one record, its address/port children are the record's values,
** and a TCP/UDP record takes its addresses from the IP header before it.
** TCP and UDP records come straight from the packet instead (pk->l4rec, filled
** by tcp.c and udp.c), which stores no field; WIRESIFT_TAPREC_CHECK=1 makes both
** and aborts where they differ (tests/golden/taprec.sh).
*/
#ifndef WS_TAPREC_H
#define WS_TAPREC_H

#include <stdint.h>

#include "stats.h"

struct taprec {
	struct address src, dst;
	uint16_t sport, dport;
	uint32_t conv_id; /* tcp.stream / udp.stream, 0 when absent */
};

#define TAPREC_MAX 16

/* Mark the fields the records of type t are read from. */
void taprec_want(enum conv_type t);
/* Fill out[] with the frame's records of type t; returns how many. */
int taprec_get(const struct packet *pk, enum conv_type t, struct taprec *out, int max);
/*
** May a TCP/UDP tap read the records in place, pk->l4rec's entries of its
** port type (no copy per frame)?  Not for other types, nor when the check
** mode wants every record through taprec_get.
*/
int taprec_direct(enum conv_type t);
/* Short protocol name for table titles ("IPv4", "TCP"). */
const char *taprec_title(enum conv_type t);
/* Does the type have ports? */
static inline int taprec_has_ports(enum conv_type t)
{
	return t == CT_TCP || t == CT_UDP;
}

#endif
