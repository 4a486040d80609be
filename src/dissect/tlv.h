/*
** tlv.h -- the TLV list CDP and EIGRP share: 16-bit type, 16-bit length that
** counts the 4-byte header, values back to back up to the message's length.
*/
#ifndef WS_TLV_H
#define WS_TLV_H

#include <stdint.h>

#include "dissect.h"

/* a TLV's value, [o, end) of the message at start; it is the TLV's tree item */
typedef void (*tlv_value_fn)(struct packet *pk, struct cursor *c, uint32_t start, uint16_t type,
			     uint32_t o, uint32_t end, int it);

struct tlv16_list {
	const struct value_string *names; /* the TLV item's label by type */
	const char *unknown;              /* the label of a type not in names */
	int hf_type, hf_len;
	tlv_value_fn value;
};

/*
** The TLVs from o to total.  A length below 4 ends the list (it cannot
** advance); one past the message's length marks the cursor malformed, past
** the captured bytes truncated, and ends it too: the caller reports c->err.
*/
void tlv16_walk(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o, uint32_t total,
		const struct tlv16_list *l);

#endif
