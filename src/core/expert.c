#include "expert.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int hf_expert = -1, hf_expert_msg = -1, hf_expert_severity = -1, hf_expert_group = -1;

static const struct value_string severity_vals[] = {
    {PI_COMMENT, "Comment"}, {PI_CHAT, "Chat"},   {PI_NOTE, "Note"},
    {PI_WARN, "Warning"},    {PI_ERROR, "Error"}, {0, NULL},
};

static const struct value_string group_vals[] = {
    {PI_CHECKSUM, "Checksum"},
    {PI_SEQUENCE, "Sequence"},
    {PI_RESPONSE_CODE, "Response"},
    {PI_REQUEST_CODE, "Request"},
    {PI_UNDECODED, "Undecoded"},
    {PI_REASSEMBLE, "Reassemble"},
    {PI_MALFORMED, "Malformed"},
    {PI_DEBUG, "Debug"},
    {PI_PROTOCOL, "Protocol"},
    {PI_SECURITY, "Security"},
    {PI_COMMENTS_GROUP, "Comment"},
    {PI_DECRYPTION, "Decryption"},
    {PI_ASSUMPTION, "Assumption"},
    {PI_DEPRECATED, "Deprecated"},
    {0, NULL},
};

enum { F_MSG, F_SEVERITY, F_GROUP, F_COUNT };
static const struct field_def fields[F_COUNT] = {
    [F_MSG] = {"_ws.expert.message", "Message", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_SEVERITY] = {"_ws.expert.severity", "Severity level", FT_UINT32, BASE_HEX, severity_vals, 0,
		    NULL},
    [F_GROUP] = {"_ws.expert.group", "Group", FT_UINT32, BASE_HEX, group_vals, 0, NULL},
};

void expert_register(void)
{
	if (hf_expert >= 0)
		return;
	hf_expert = proto_register("Expert Info", "Expert", "_ws.expert");
	int hf = field_register(fields, F_COUNT);
	hf_expert_msg = hf + F_MSG;
	hf_expert_severity = hf + F_SEVERITY;
	hf_expert_group = hf + F_GROUP;
}

static void put(char *buf, size_t cap, size_t *n, const char *s, size_t len)
{
	if (*n < cap) {
		size_t k = cap - *n < len ? cap - *n : len;
		memcpy(buf + *n, s, k);
	}
	*n += len;
}

/*
** vsnprintf's text when fmt uses only %u, %s and %% (TCP's "Duplicate ACK (#%u)" is one
** item in ten), without its cost: the full length, or -1 at any other conversion.
*/
static int format_simple(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t n = 0, cap = size - 1;
	for (const char *f = fmt; *f;) {
		const char *pc = strchr(f, '%');
		size_t lit = pc ? (size_t)(pc - f) : strlen(f);
		put(buf, cap, &n, f, lit);
		if (!pc)
			break;
		if (pc[1] == 'u') {
			char d[16];
			int k = sizeof d;
			unsigned v = va_arg(ap, unsigned);
			do
				d[--k] = (char)('0' + v % 10);
			while (v /= 10);
			put(buf, cap, &n, d + k, sizeof d - (size_t)k);
		} else if (pc[1] == 's') {
			const char *a = va_arg(ap, const char *);
			if (!a)
				a = "(null)";
			put(buf, cap, &n, a, strlen(a));
		} else if (pc[1] == '%') {
			put(buf, cap, &n, "%", 1);
		} else {
			return -1;
		}
		f = pc + 2;
	}
	buf[n < cap ? n : cap] = 0;
	return (int)n;
}

int expert_compact;

/*
** The item's message into tmp (240 bytes, tshark's ITEM_LABEL_LENGTH) or, for
** a fixed text, left where it is: *src and the length.
*/
static uint32_t message(char *tmp, size_t size, const char **src, const char *fmt, va_list ap)
{
	int n;
	*src = tmp;
	if (!strcmp(fmt, "%s")) { /* most items are fixed texts: no vsnprintf */
		*src = va_arg(ap, const char *);
		if (!*src)
			*src = "(null)";
		n = (int)strnlen(*src, size - 1);
	} else {
		va_list again;
		va_copy(again, ap);
		n = format_simple(tmp, size, fmt, ap);
		if (n < 0)
			n = vsnprintf(tmp, size, fmt, again);
		va_end(again);
	}
	if (n < 0)
		n = 0;
	if ((size_t)n >= size)
		n = (int)size - 1;
	return (uint32_t)n;
}

/*
** The -z expert table alone reads the item: one store instead of four (a
** tenth of the frames raise items, some several), the record in the arena.
*/
static int add_compact(struct fieldset *fs, struct arena *a, int severity, int group,
		       const char *proto, const char *src, uint32_t n)
{
	struct expert_rec *r = arena_alloc(a, sizeof *r + n + 1);
	r->severity = severity;
	r->group = group;
	r->n = n;
	memcpy(r->msg, src, n);
	r->msg[n] = 0;
	int it = fs_store_u(fs, hf_expert, 0, 0, (uint64_t)(uintptr_t)r, FI_NONE_VALUE);
	if (it >= 0)
		fs->items[it].text = proto;
	return it;
}

int expert_add(struct fieldset *fs, struct arena *a, int severity, int group, const char *proto,
	       const char *fmt, ...)
{
	if (hf_expert < 0 || !fs_wants(fs, hf_expert))
		return -1;
	char tmp[240];
	const char *src;
	va_list ap;
	if (expert_compact) {
		va_start(ap, fmt);
		uint32_t n = message(tmp, sizeof tmp, &src, fmt, ap);
		va_end(ap);
		return add_compact(fs, a, severity, group, proto, src, n);
	}
	int it = fs_add_none(fs, hf_expert, 0, 0);
	if (it < 0)
		return -1;
	fs->items[it].text = proto;
	int prev = fs_push(fs, it);
	if (fs_wants(fs, hf_expert_msg)) {
		va_start(ap, fmt);
		uint32_t n = message(tmp, sizeof tmp, &src, fmt, ap);
		va_end(ap);
		const char *s = arena_strndup(a, src, n);
		fs_add_bytes(fs, hf_expert_msg, 0, 0, (const uint8_t *)s, n);
	}
	fs_add_uint(fs, hf_expert_severity, 0, 0, (uint64_t)severity);
	fs_add_uint(fs, hf_expert_group, 0, 0, (uint64_t)group);
	fs_pop(fs, prev);
	return it;
}

const char *expert_severity_title(int severity)
{
	switch (severity) {
	case PI_ERROR:
		return "Errors";
	case PI_WARN:
		return "Warns";
	case PI_NOTE:
		return "Notes";
	case PI_CHAT:
		return "Chats";
	case PI_COMMENT:
		return "Comments";
	}
	return NULL;
}

const char *expert_group_name(int group)
{
	return vals_lookup(group_vals, (uint32_t)group);
}
