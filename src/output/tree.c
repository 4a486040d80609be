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
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"
#include "format.h"
#include "label.h"

int tree_resolve_names;

size_t tree_item_label(const struct fitem *it, char *buf, size_t n)
{
	return label_format(it, buf, n);
}

/* children lists, rebuilt per frame in buffers that only grow */
static int32_t *t_first, *t_next, *t_last;
static int32_t t_cap;

void tree_build_index(const struct fieldset *fs)
{
	if (fs->n > t_cap) {
		int32_t c = t_cap ? t_cap : 256;
		while (c < fs->n)
			c *= 2;
		int32_t *a = realloc(t_first, (size_t)c * sizeof *a), *b = NULL, *d = NULL;
		if (a)
			t_first = a;
		b = realloc(t_next, (size_t)c * sizeof *b);
		if (b)
			t_next = b;
		d = realloc(t_last, (size_t)c * sizeof *d);
		if (d)
			t_last = d;
		if (!a || !b || !d)
			return;
		t_cap = c;
	}
	for (int i = 0; i < fs->n; i++)
		t_first[i] = t_next[i] = t_last[i] = -1;
	for (int i = 0; i < fs->n; i++) {
		int p = fs->items[i].parent;
		if (p < 0 || p >= i)
			continue;
		if (t_last[p] < 0)
			t_first[p] = i;
		else
			t_next[t_last[p]] = i;
		t_last[p] = i;
	}
}

int tree_first_child(int idx)
{
	return idx >= 0 && idx < t_cap ? t_first[idx] : -1;
}

int tree_next_sibling(int idx)
{
	return idx >= 0 && idx < t_cap ? t_next[idx] : -1;
}

static const char *child_str(const struct fieldset *fs, int parent, int id, char *buf, size_t n)
{
	buf[0] = 0;
	for (int i = tree_first_child(parent); i >= 0; i = tree_next_sibling(i))
		if (fs->items[i].id == id) {
			fv_to_str(&fs->items[i], buf, n);
			return buf;
		}
	return buf;
}

static uint64_t child_u(const struct fieldset *fs, int parent, int id)
{
	for (int i = tree_first_child(parent); i >= 0; i = tree_next_sibling(i))
		if (fs->items[i].id == id)
			return fs->items[i].val.v.u;
	return 0;
}

static const char *vals_name(int id, uint64_t v)
{
	const struct field_def *d = field_get(id);
	const char *s = d ? vals_lookup(d->strings, (uint32_t)v) : NULL;
	return s ? s : "Unknown";
}

static int child_idx(const struct fieldset *fs, int parent, const char *abbrev)
{
	int id = field_lookup(abbrev);
	for (int i = tree_first_child(parent); id >= 0 && i >= 0; i = tree_next_sibling(i))
		if (fs->items[i].id == id)
			return i;
	return -1;
}

/*
** Protocol lines the link layer leaves to the tree: the frame line, and the
** Ethernet line with each address followed by its (unresolved) name.
*/
int tree_proto_label(const struct fieldset *fs, int idx, char *lab, size_t n)
{
	const struct fitem *it = &fs->items[idx];
	const struct field_def *d = field_get(it->id);
	if (d->type != FT_PROTOCOL && d->type != FT_NONE)
		return 0;
	if (!strcmp(d->abbrev, "frame")) {
		int num = child_idx(fs, idx, "frame.number"), len = child_idx(fs, idx, "frame.len"),
		    cap = child_idx(fs, idx, "frame.cap_len");
		if (num < 0 || len < 0 || cap < 0)
			return 0;
		unsigned long long l = fs->items[len].val.v.u, c = fs->items[cap].val.v.u;
		snprintf(
		    lab, n,
		    "Frame %llu: %llu bytes on wire (%llu bits), %llu bytes captured (%llu bits)",
		    (unsigned long long)fs->items[num].val.v.u, l, l * 8, c, c * 8);
		int ifid = child_idx(fs, idx, "frame.interface_id");
		if (ifid >= 0) {
			size_t k = strlen(lab);
			int nm = child_idx(fs, ifid, "frame.interface_name");
			char name[256] = "";
			if (nm >= 0)
				fv_to_str(&fs->items[nm], name, sizeof name);
			if (name[0])
				snprintf(lab + k, n - k, " on interface %s, id %llu", name,
					 (unsigned long long)fs->items[ifid].val.v.u);
			else
				snprintf(lab + k, n - k, " on interface %llu",
					 (unsigned long long)fs->items[ifid].val.v.u);
		}
		return 1;
	}
	if (!strcmp(d->abbrev, "tcp.segments")) {
		int cnt = child_idx(fs, idx, "tcp.segment.count"),
		    len = child_idx(fs, idx, "tcp.reassembled.length"),
		    seg = field_lookup("tcp.segment");
		if (cnt < 0 || len < 0)
			return 0;
		int k = snprintf(lab, n, "%llu Reassembled TCP Segments (%llu bytes): ",
				 (unsigned long long)fs->items[cnt].val.v.u,
				 (unsigned long long)fs->items[len].val.v.u);
		const char *sep = "";
		for (int i = tree_first_child(idx); i >= 0 && k > 0 && (size_t)k < n;
		     i = tree_next_sibling(i))
			if (fs->items[i].id == seg) {
				k += snprintf(lab + k, n - (size_t)k, "%s#%llu(%u)", sep,
					      (unsigned long long)fs->items[i].val.v.u,
					      fs->items[i].len);
				sep = ", ";
			}
		return 1;
	}
	if (!strcmp(d->abbrev, "eth") && tree_resolve_names) {
		int s = child_idx(fs, idx, "eth.src"), t = child_idx(fs, idx, "eth.dst");
		if (s < 0 || t < 0)
			return 0;
		char a[64], b[64];
		fv_to_str(&fs->items[s], a, sizeof a);
		fv_to_str(&fs->items[t], b, sizeof b);
		snprintf(lab, n, "Ethernet II, Src: %s (%s), Dst: %s (%s)", a, a,
			 strcmp(b, "ff:ff:ff:ff:ff:ff") ? b : "Broadcast", b);
		return 1;
	}
	return 0;
}

static const uint8_t *t_data;
static uint32_t t_len;

void tree_frame_data(const uint8_t *p, uint32_t n)
{
	t_data = p;
	t_len = n;
}

/* tshark's hex dump of a Data item: offsets from 0, 16 bytes a line, then the ASCII */
static void hex_dump(FILE *out, const uint8_t *p, uint32_t n)
{
	static const char hx[] = "0123456789abcdef";
	int digits = 4; /* as many offset digits as the last offset needs, at least 4 */
	while (digits < 8 && ((n - 1) >> (4 * digits)) != 0)
		digits++;
	for (uint32_t off = 0; off < n; off += 16) {
		char line[96];
		size_t k = 0;
		uint32_t m = n - off < 16 ? n - off : 16;
		k += (size_t)snprintf(line, sizeof line, "%0*x  ", digits, off);
		for (uint32_t i = 0; i < 16; i++) {
			if (i < m) {
				line[k++] = hx[p[off + i] >> 4];
				line[k++] = hx[p[off + i] & 15];
			} else {
				line[k++] = ' ';
				line[k++] = ' ';
			}
			line[k++] = ' ';
		}
		line[k++] = ' ';
		line[k++] = ' ';
		for (uint32_t i = 0; i < m; i++) {
			uint8_t ch = p[off + i];
			line[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
		}
		line[k] = 0;
		fprintf(out, "%s\n", line);
	}
}

static int is_segments(int id)
{
	static int seg = -2;
	if (seg == -2)
		seg = field_lookup("tcp.segments");
	return id == seg;
}

static void print_item(FILE *out, const struct fieldset *fs, int idx, int depth, int expand_all,
		       const int *expand, int nexpand)
{
	const struct fitem *it = &fs->items[idx];
	if ((it->flags & FI_HIDDEN) || label_hidden_by_default(it->id))
		return;
	char lab[4096];
	if (it->id == hf_expert) {
		char msg[2048];
		child_str(fs, idx, hf_expert_msg, msg, sizeof msg);
		const char *sev =
		    vals_name(hf_expert_severity, child_u(fs, idx, hf_expert_severity));
		const char *grp = vals_name(hf_expert_group, child_u(fs, idx, hf_expert_group));
		snprintf(lab, sizeof lab, "Expert Info (%s/%s): %s", sev, grp, msg);
	} else if (it->parent >= 0 && fs->items[it->parent].id == hf_expert &&
		   it->id != hf_expert_msg) {
		snprintf(lab, sizeof lab, "%s: %s", field_get(it->id)->name,
			 vals_name(it->id, it->val.v.u));
	} else if (it->parent >= 0 && fs->items[it->parent].id == hf_expert &&
		   it->id == hf_expert_msg) {
		fv_to_str(it, lab, sizeof lab);
	} else if (!tree_proto_label(fs, idx, lab, sizeof lab))
		tree_item_label(it, lab, sizeof lab);
	int gen = (it->flags & FI_GENERATED) || label_generated_by_default(it->id) ||
		  it->id == hf_expert || is_segments(it->id) ||
		  (it->parent >= 0 && fs->items[it->parent].id == hf_expert);
	fprintf(out, "%*s%s%s%s\n", depth * 4, "", gen ? "[" : "", lab, gen ? "]" : "");
	static int proto_data_id = -2;
	if (proto_data_id == -2)
		proto_data_id = field_lookup("data");
	if (it->id == proto_data_id && it->src == 0 && t_data && it->len &&
	    it->pos + it->len <= t_len) {
		fputc('\n', out);
		hex_dump(out, t_data + it->pos, it->len);
	}
	int open = expand_all;
	if (!open && depth == 0) {
		for (int i = 0; i < nexpand; i++)
			if (expand[i] == it->id)
				open = 1;
	}
	if (!open)
		return;
	for (int i = tree_first_child(idx); i >= 0; i = tree_next_sibling(i))
		print_item(out, fs, i, depth + 1, 1, expand, nexpand);
}

/*
** TCP adds its fragment list after the reassembled PDU was dissected;
** tshark shows it before the first item of the reassembled data.
*/
void tree_print(FILE *out, const struct fieldset *fs, const int *expand, int nexpand)
{
	int done_upto = -1;
	tree_build_index(fs);
	for (int i = 0; i < fs->n; i++) {
		if (fs->items[i].parent >= 0)
			continue;
		if (is_segments(fs->items[i].id) && i <= done_upto)
			continue;
		if (fs->items[i].src != 0 && i > done_upto) {
			for (int j = i + 1; j < fs->n; j++)
				if (fs->items[j].parent < 0 && is_segments(fs->items[j].id)) {
					print_item(out, fs, j, 0, nexpand == 0, expand, nexpand);
					done_upto = j;
					break;
				}
		}
		print_item(out, fs, i, 0, nexpand == 0, expand, nexpand);
	}
	fputc('\n', out);
}
