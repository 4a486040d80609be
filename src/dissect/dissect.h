/*
** dissect.h -- the dissection entry point and the dispatch tables.
**
** Dissectors never call each other directly: a dissector reads its header
** through the cursor, adds its fields, narrows the cursor to its payload and
** calls dissect_next() with a table and a key (ethertype, ip.proto, port).
** That way a table entry added by a Lua script works exactly like a C one.
**
** Each protocol file provides register_<name>() (fields and experts) and
** handoff_<name>() (table entries); protocols.def lists them in order.
*/
#ifndef WS_DISSECT_H
#define WS_DISSECT_H

#include <stdint.h>

#include "packet.h"

/*
** A dissector returns the number of bytes it consumed, 0 when the payload is
** not its protocol (heuristics and "try" lookups then go on), or -1 on a
** malformed packet after it has reported it.
*/
typedef int (*dissector_fn)(struct packet *pk, struct cursor *c);

struct dissector {
	const char *name; /* as in tshark's dissector tables, e.g. "http" */
	dissector_fn fn;
	int proto_id;
};

enum dtable {
	DT_WTAP_ENCAP, /* link types (LINKTYPE_* values) */
	DT_ETHERTYPE,
	DT_IP_PROTO,
	DT_TCP_PORT,
	DT_UDP_PORT,
	DT_PPP_PROTO,
	DT_SLL_LTYPE,
	DT_NULL_FAMILY,
	DT_LLC_CISCO_PID, /* SNAP PIDs under Cisco's OUI 00000c (CDP, ...) */
	DT_LLC_DSAP,      /* LLC without SNAP, by DSAP (0x42: spanning tree) */
	DT_COUNT
};

enum htable { HT_TCP, HT_UDP, HT_COUNT };

void dtable_add(enum dtable t, uint32_t key, const struct dissector *d);
void dtable_remove(enum dtable t, uint32_t key);
const struct dissector *dtable_get(enum dtable t, uint32_t key);
void heur_add(enum htable t, const struct dissector *d);
void heur_add_front(enum htable t, const struct dissector *d); /* lua hook */

/*
** Conversation hooks (docs/ARCHITECTURE.md "Lean statistics jobs"): a dissector
** whose work can change what L2-L4 outputs show -- renumbering tcp.stream
** (tcp_conversation_restart), or keeping state that decides whether a later
** payload reaches such a dissector (FTP's data-connection expectations) --
** registers a pre-check with the table it hangs off.  The lean mode
** (tcp_lean.h) skips a payload's hand-off only when every pre-check of the
** table returns 0, so a pre-check must return 1 for every payload (or any
** part of one) on which its dissector could do such a thing.
*/
typedef int (*conv_hook_fn)(const struct cursor *pl, uint16_t sp, uint16_t dp);
void conv_hook_add(enum htable t, conv_hook_fn may_change);
/*
** The same with what the hook tests first, kept in conv_hook_fires so that a
** payload the hooks would all answer 0 costs no call (TCP asks on every
** payload segment; two calls a segment were ~3% of a lean conv,tcp's Ir):
** conv_hook_add_min's hook returns 0 below min captured bytes; a port hook
** returns 1 exactly when either port is that port, and needs no function.
*/
void conv_hook_add_min(enum htable t, conv_hook_fn may_change, uint32_t min);
void conv_hook_add_port(enum htable t, uint16_t port);
/* conv_hook_add's, read-only after the handoffs; inline: TCP asks on every segment */
extern conv_hook_fn *conv_hooks[HT_COUNT];
extern int conv_nhooks[HT_COUNT];
extern uint32_t conv_hook_min[HT_COUNT];  /* the least min of a table's hooks */
extern uint32_t conv_hook_port[HT_COUNT]; /* conv_hook_add_port's (one a table), 0 when none */
static inline int conv_hook_fires(enum htable t, const struct cursor *pl, uint16_t sp, uint16_t dp)
{
	uint32_t port = conv_hook_port[t];
	if (port && (sp == port || dp == port))
		return 1;
	int n = conv_nhooks[t];
	if (n == 0 || cur_avail(pl) < conv_hook_min[t])
		return 0;
	conv_hook_fn *h = conv_hooks[t];
	for (int i = 0; i < n; i++)
		if (h[i](pl, sp, dp))
			return 1;
	return 0;
}

/*
** lua hooks: the table entry being called (a Lua dissector finds its script
** through its proto id), and the post-dissector pass after the last layer.
** Every call through a table sets dissect_current first and the Lua entry
** points read it on entry only, so nothing restores it after a call: the
** restore cost a register and two thread-local moves a hand-off, and it kept
** the hand-off from being a tail call.
*/
extern _Thread_local const struct dissector *dissect_current; /* per worker thread */
extern void (*dissect_postdissector_hook)(struct packet *pk);

/* dtable_add's tables, each indexed by its 16-bit key (never NULL: an empty table at first) */
#define DISSECT_TABLE_KEYS 65536
extern const struct dissector **dissect_tables[DT_COUNT];

/*
** Hand the cursor's view to the dissector registered for key.  Returns what
** the dissector returned, or 0 when none is registered or it declined.
** Inline: every layer of every frame goes through it.
*/
static inline int dissect_next(struct packet *pk, enum dtable t, uint32_t key, struct cursor *c)
{
	const struct dissector *d = key < DISSECT_TABLE_KEYS ? dissect_tables[t][key] : NULL;
	if (!d)
		return 0;
	dissect_current = d; /* lua hook */
	return d->fn(pk, c);
}

/* Try the heuristic dissectors of a table, in registration order. */
int dissect_heur(struct packet *pk, enum htable t, struct cursor *c);
/* lua hook: the dissector a script set for this packet's conversation, 0 when none/declined */
extern const struct dissector *(*dissect_conv_hook)(struct packet *pk);
int dissect_conversation(struct packet *pk, struct cursor *c);
/* Undissected payload: the "data" protocol (data.data, data.len). */
int dissect_data(struct packet *pk, struct cursor *c);

/* Every protocol file's register_<name>() and handoff_<name>(). */
#define X(name)                                                                                    \
	void register_##name(void);                                                                \
	void handoff_##name(void);
#include "protocols.def"
#undef X

/* Register every built-in protocol; call once, before field_seal(). */
void dissect_init(void);

struct dissect_ctx *dissect_ctx_new(void);
void dissect_ctx_free(struct dissect_ctx *ctx);

/*
** Long-lived state of a protocol for this worker (conversation tables,
** reassembly), created by make() on first use and destroyed with the context.
** key is normally the protocol's proto id.
*/
struct state_slot {
	void *p;
	void (*destroy)(void *);
};
struct dissect_ctx {
	struct state_slot *slots;
	int32_t nslots, cap;
};
void *dissect_state_make(struct packet *pk, int key, void *(*make)(void), void (*destroy)(void *));
/* inline: TCP asks for its state on every segment */
static inline void *dissect_state(struct packet *pk, int key, void *(*make)(void),
				  void (*destroy)(void *))
{
	const struct dissect_ctx *ctx = pk->ctx;
	if (key < ctx->nslots && ctx->slots[key].p)
		return ctx->slots[key].p;
	return dissect_state_make(pk, key, make, destroy);
}

/*
** Native protocols that step aside when a script defines a protocol of the
** same name (TRADE, Aerospike: the seeds' Lua dissectors must run unchanged).
** retire() removes the native table entries and hides its fields.
** dissect_yield() returns 1 when a native protocol named abbrev retired.
*/
void dissect_register_yieldable(const char *abbrev, void (*retire)(void));
int dissect_yield(const char *abbrev);

/* Dissect one packet.  pk must have its capture fields, fs, arena and ctx. */
void dissect_packet(struct packet *pk);

/* Report a truncated/malformed cursor as tshark does; returns -1. */
int dissect_report_error(struct packet *pk, const struct cursor *c, int proto_id);

/* proto ids of the generic protocols, for other layers */
extern int proto_frame, proto_data, proto_malformed;
/* tree: a text-only item ("Timestamps"): label in fitem.text, children below it */
extern int hf_text_item;

#endif
