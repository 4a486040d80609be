/*
** filter.c -- the public face: compile (lex, parse, check), match, free.
*/
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter_int.h"

struct filter *filter_compile(const char *text, struct filter_error *err)
{
	struct filter_error dummy;
	if (!err)
		err = &dummy;
	memset(err, 0, sizeof *err);
	err->loc = -1;
	struct dferr e = {err, 0};
	if (!text)
		text = "";
	size_t n = strlen(text);
	if (n > DF_MAX_TEXT) {
		df_error(&e, -1, 0, "Filter expression is too long (more than %d bytes).",
			 DF_MAX_TEXT);
		return NULL;
	}
	struct lexer lx;
	if (df_lex(text, &lx, &e) < 0) {
		df_lex_free(&lx);
		return NULL;
	}
	struct node *root = df_parse(&lx, text, &e);
	df_lex_free(&lx);
	if (e.set) {
		df_node_free(root);
		return NULL;
	}
	if (root && df_check(root, text, &e) < 0) {
		df_node_free(root);
		return NULL;
	}
	struct filter *f = calloc(1, sizeof *f);
	if (!f)
		abort();
	f->root = root;
	return f;
}

int filter_match_data(struct filter *f, const struct fieldset *fs, const uint8_t *data,
		      uint32_t caplen)
{
	if (!f->root)
		return 1;
	f->fs = fs;
	f->data = data;
	f->caplen = caplen;
	f->nvals = 0;
	f->nbuf = 0;
	return df_eval(f, f->root);
}

int filter_match(struct filter *f, const struct fieldset *fs)
{
	return filter_match_data(f, fs, NULL, 0);
}

static void walk(const struct node *n, void (*cb)(int, void *), void *arg)
{
	if (!n)
		return;
	if ((n->t == N_FIELD || n->t == N_REF) && n->id >= 0) {
		cb(n->id, arg);
		int p = field_parent_proto(n->id);
		if (p >= 0 && p != n->id)
			cb(p, arg); /* layer numbers count the protocol items */
	}
	if (!n->borrowed)
		walk(n->a, cb, arg);
	walk(n->b, cb, arg);
	for (int i = 0; i < n->nargs; i++)
		walk(n->args[i], cb, arg);
}

void filter_wanted_fields(const struct filter *f, void (*cb)(int id, void *arg), void *arg)
{
	if (f)
		walk(f->root, cb, arg);
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	df_node_free(f->root);
	free(f->vals);
	free(f->buf);
	free(f);
}

void filter_print_error(void *file, const char *text, const struct filter_error *err)
{
	FILE *out = file;
	fprintf(out, "tshark: %s\n", err->msg);
	if (err->loc < 0)
		return;
	fprintf(out, "    %s\n    %*s^", text, err->loc, "");
	for (int i = 1; i < err->len; i++)
		fputc('~', out);
	fputc('\n', out);
}
