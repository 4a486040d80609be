/*
** expert.h -- expert info items (tshark's "Expert Info" in the tree, -z expert).
**
** An item is stored in the frame's fieldset, as tshark does, so -e/-Y and the
** expert tap all see the same thing: a `_ws.expert` item (its text is the
** short name of the protocol that raised it) with `_ws.expert.message`,
** `_ws.expert.severity` and `_ws.expert.group` children.  Nothing is stored
** unless somebody wants `_ws.expert` (the -z expert tap, a filter, -V).
*/
#ifndef WS_EXPERT_H
#define WS_EXPERT_H

#include <stdint.h>

#include "arena.h"
#include "fieldset.h"

/* Severities and groups: tshark's values (they show up in -T fields). */
enum {
	PI_COMMENT = 0x00100000,
	PI_CHAT = 0x00200000,
	PI_NOTE = 0x00400000,
	PI_WARN = 0x00600000,
	PI_ERROR = 0x00800000,
};
enum {
	PI_CHECKSUM = 0x01000000,
	PI_SEQUENCE = 0x02000000,
	PI_RESPONSE_CODE = 0x03000000,
	PI_REQUEST_CODE = 0x04000000,
	PI_UNDECODED = 0x05000000,
	PI_REASSEMBLE = 0x06000000,
	PI_MALFORMED = 0x07000000,
	PI_DEBUG = 0x08000000,
	PI_PROTOCOL = 0x09000000,
	PI_SECURITY = 0x0a000000,
	PI_COMMENTS_GROUP = 0x0b000000,
	PI_DECRYPTION = 0x0c000000,
	PI_ASSUMPTION = 0x0d000000,
	PI_DEPRECATED = 0x0e000000,
};

/* Register the _ws.expert fields; once, before field_seal(). */
void expert_register(void);

/*
** Add an expert item under the current tree parent.  proto is the short name
** of the protocol raising it ("TCP"); the message is formatted into arena a
** only when wanted.  Returns the _ws.expert item index or -1.
*/
int expert_add(struct fieldset *fs, struct arena *a, int severity, int group, const char *proto,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
** Set before dissection when the -z expert table is all that reads the
** items (no filter, field output, tree, Lua or other tap): the _ws.expert
** item then carries its expert_rec as its value (flagged FI_NONE_VALUE, so
** it is still a valueless protocol item to everything else) and has no
** children.
*/
extern int expert_compact;
struct expert_rec {
	int32_t severity, group;
	uint32_t n;
	char msg[]; /* n bytes and a NUL */
};

/* Field ids (-1 before expert_register()). */
extern int hf_expert, hf_expert_msg, hf_expert_severity, hf_expert_group;

/* Names as -z expert prints them ("Warns", "Sequence"); NULL when unknown. */
const char *expert_severity_title(int severity);
const char *expert_group_name(int group);

#endif
