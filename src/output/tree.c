/*
** tree.c -- the packet tree as text (-V, -O).
**
** Items carry a custom label in fitem.text when their dissector built one
** (protocol lines, appended texts); the others get tshark's default
** "Name: value" label here, with value names, true/false strings and the
** bit pattern of masked fields.
*/
#include "tree.h"

#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "format.h"

static int type_bits(enum ftype t)
{
	switch (t) {
	case FT_UINT8:
	case FT_INT8:
	case FT_CHAR:
		return 8;
	case FT_UINT16:
	case FT_INT16:
		return 16;
	case FT_UINT24:
	case FT_INT24:
		return 24;
	case FT_UINT32:
	case FT_INT32:
		return 32;
	case FT_UINT40:
	case FT_INT40:
		return 40;
	case FT_UINT48:
	case FT_INT48:
		return 48;
	case FT_UINT56:
	case FT_INT56:
		return 56;
	default:
		return 64;
	}
}

/* ".... ..01 = " for a masked field, in groups of four bits */
static size_t bit_pattern(char *buf, size_t n, uint64_t mask, uint64_t val, int bits)
{
	size_t k = 0;
	int shift = 0;
	uint64_t m = mask;
	while (m && !(m & 1)) {
		m >>= 1;
		shift++;
	}
	uint64_t raw = val << shift;
	for (int b = bits - 1; b >= 0 && k + 4 < n; b--) {
		uint64_t bit = 1ULL << b;
		buf[k++] = (mask & bit) ? ((raw & bit) ? '1' : '0') : '.';
		if (b && b % 4 == 0)
			buf[k++] = ' ';
	}
	if (k + 4 < n) {
		memcpy(buf + k, " = ", 3);
		k += 3;
	}
	buf[k] = 0;
	return k;
}

static int is_int(enum ftype t)
{
	return t >= FT_CHAR && t <= FT_INT64;
}

size_t tree_item_label(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	if (n == 0)
		return 0;
	buf[0] = 0;
	if (!d)
		return 0;
	int w;
	if (it->text && (d->type == FT_PROTOCOL || d->type == FT_NONE || it->text[0] || 1)) {
		if (it->id == hf_expert)
			goto expert;
		w = snprintf(buf, n, "%s", it->text);
		return w < 0 ? 0 : (size_t)w < n ? (size_t)w : n - 1;
	}
	if (it->id == hf_expert) {
	expert:;
		/* "Expert Info (Error/Malformed): message", from the children's values */
		const char *msg = "", *sev = "", *grp = "";
		(void)msg;
		w = snprintf(buf, n, "Expert Info");
		(void)sev;
		(void)grp;
		return (size_t)w;
	}
	if (d->type == FT_PROTOCOL || d->type == FT_NONE) {
		w = snprintf(buf, n, "%s", d->name);
		return w < 0 ? 0 : (size_t)w < n ? (size_t)w : n - 1;
	}
	char val[2048];
	fv_to_str(it, val, sizeof val);
	char pre[128] = "";
	if (d->bitmask && (is_int(d->type) || d->type == FT_BOOLEAN)) {
		int bits = d->type == FT_BOOLEAN ? (d->base > 0 && d->base <= 64 ? d->base : 8)
						 : type_bits(d->type);
		bit_pattern(pre, sizeof pre, d->bitmask, it->val.v.u, bits);
	}
	if (d->type == FT_BOOLEAN) {
		const struct true_false_string *tf = d->strings;
		const char *s = it->val.v.u ? (tf ? tf->true_string : "True") : (tf ? tf->false_string : "False");
		w = snprintf(buf, n, "%s%s: %s", pre, d->name, s);
	} else if (is_int(d->type) && d->strings) {
		const char *nm = (d->base & BASE_RANGE_STRING) ? rvals_lookup(d->strings, (uint32_t)it->val.v.u)
							       : vals_lookup(d->strings, (uint32_t)it->val.v.u);
		w = snprintf(buf, n, "%s%s: %s (%s)", pre, d->name, nm ? nm : "Unknown", val);
	} else
		w = snprintf(buf, n, "%s%s: %s", pre, d->name, val);
	return w < 0 ? 0 : (size_t)w < n ? (size_t)w : n - 1;
}

static const char *child_str(const struct fieldset *fs, int parent, int id, char *buf, size_t n)
{
	buf[0] = 0;
	for (int i = parent + 1; i < fs->n; i++)
		if (fs->items[i].parent == parent && fs->items[i].id == id) {
			fv_to_str(&fs->items[i], buf, n);
			return buf;
		}
	return buf;
}

static uint64_t child_u(const struct fieldset *fs, int parent, int id)
{
	for (int i = parent + 1; i < fs->n; i++)
		if (fs->items[i].parent == parent && fs->items[i].id == id)
			return fs->items[i].val.v.u;
	return 0;
}

static const char *vals_name(int id, uint64_t v)
{
	const struct field_def *d = field_get(id);
	const char *s = d ? vals_lookup(d->strings, (uint32_t)v) : NULL;
	return s ? s : "Unknown";
}

static void print_item(FILE *out, const struct fieldset *fs, int idx, int depth, int expand_all,
		       const int *expand, int nexpand)
{
	const struct fitem *it = &fs->items[idx];
	if (it->flags & FI_HIDDEN)
		return;
	char lab[4096];
	if (it->id == hf_expert) {
		char msg[2048];
		child_str(fs, idx, hf_expert_msg, msg, sizeof msg);
		const char *sev = vals_name(hf_expert_severity, child_u(fs, idx, hf_expert_severity));
		const char *grp = vals_name(hf_expert_group, child_u(fs, idx, hf_expert_group));
		snprintf(lab, sizeof lab, "Expert Info (%s/%s): %s", sev, grp, msg);
	} else if (it->parent >= 0 && fs->items[it->parent].id == hf_expert && it->id != hf_expert_msg) {
		snprintf(lab, sizeof lab, "%s: %s", field_get(it->id)->name, vals_name(it->id, it->val.v.u));
	} else if (it->parent >= 0 && fs->items[it->parent].id == hf_expert && it->id == hf_expert_msg) {
		fv_to_str(it, lab, sizeof lab);
	} else
		tree_item_label(it, lab, sizeof lab);
	int gen = (it->flags & FI_GENERATED) || it->id == hf_expert ||
		  (it->parent >= 0 && fs->items[it->parent].id == hf_expert);
	fprintf(out, "%*s%s%s%s\n", depth * 4, "", gen ? "[" : "", lab, gen ? "]" : "");
	int open = expand_all;
	if (!open && depth == 0) {
		for (int i = 0; i < nexpand; i++)
			if (expand[i] == it->id)
				open = 1;
	}
	if (!open)
		return;
	for (int i = idx + 1; i < fs->n; i++)
		if (fs->items[i].parent == idx)
			print_item(out, fs, i, depth + 1, 1, expand, nexpand);
}

void tree_print(FILE *out, const struct fieldset *fs, const int *expand, int nexpand)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->items[i].parent < 0)
			print_item(out, fs, i, 0, nexpand == 0, expand, nexpand);
	fputc('\n', out);
}
