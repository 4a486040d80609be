/*
** parser.c -- recursive descent over the token array, lowest precedence first:
**   or < and < not < relation < & < + - < * / % < unary - < slice.
** Every nesting level counts against DF_MAX_DEPTH so a hostile filter cannot
** exhaust the stack.
*/
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "filter_int.h"

struct parser {
	struct lexer *lx;
	int i;
	int depth;
	struct dferr *e;
	const char *text;
};

struct node *df_node(enum ntype t, int pos, int len)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n)
		abort();
	n->t = t;
	n->pos = pos;
	n->len = len;
	n->id = -1;
	n->ftype = -1;
	return n;
}

void df_node_free(struct node *n)
{
	if (!n)
		return;
	if (!n->borrowed)
		df_node_free(n->a);
	df_node_free(n->b);
	for (int i = 0; i < n->nargs; i++)
		df_node_free(n->args[i]);
	free(n->args);
	free(n->layers);
	free(n->ranges);
	free(n->tok.sval);
	free(n->cbuf);
	df_re_free(n);
	free(n);
}

static struct token *peek(struct parser *p)
{
	return &p->lx->toks[p->i];
}

static struct token *next(struct parser *p)
{
	struct token *t = &p->lx->toks[p->i];
	if (t->t != T_EOF)
		p->i++;
	return t;
}

static struct node *unexpected(struct parser *p)
{
	struct token *t = peek(p);
	if (t->t == T_EOF)
		df_error(p->e, -1, 0, "Unexpected end of filter expression.");
	else
		df_error(p->e, t->pos, t->len, "\"%.*s\" was unexpected in this context.", t->len,
			 p->text + t->pos);
	return NULL;
}

static int enter(struct parser *p)
{
	if (++p->depth > DF_MAX_DEPTH) {
		df_error(p->e, -1, 0,
			 "Filter expression is nested too deeply (more than %d levels).",
			 DF_MAX_DEPTH);
		return -1;
	}
	return 0;
}

static void add_arg(struct node *n, struct node *a)
{
	struct node **na = realloc(n->args, (size_t)(n->nargs + 1) * sizeof *na);
	if (!na)
		abort();
	n->args = na;
	n->args[n->nargs++] = a;
}

static int parse_int(const char *s, int n, long *out)
{
	char buf[32];
	if (n <= 0 || n >= (int)sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)n);
	buf[n] = 0;
	char *end;
	errno = 0;
	long v = strtol(buf, &end, 10);
	if (*end || errno || v > INT32_MAX / 2 || v < -(INT32_MAX / 2))
		return -1;
	*out = v;
	return 0;
}

/* ranges = range { "," range } ; range = i:j | i-j | i | :j | i: */
int df_parse_ranges(const char *s, int n, int pos, struct range **out, int *nout, struct dferr *e)
{
	*out = NULL;
	*nout = 0;
	int i = 0;
	while (i <= n) {
		int st = i;
		while (i < n && s[i] != ',')
			i++;
		int a = st, b = i;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		const char *r = s + a;
		int rl = b - a;
		struct range rg = {0, INT32_MAX};
		const char *colon = memchr(r, ':', (size_t)rl);
		const char *dash = rl > 1 ? memchr(r + 1, '-', (size_t)rl - 1) : NULL;
		long x = 0, y = 0;
		if (colon) {
			int l1 = (int)(colon - r), l2 = rl - l1 - 1;
			if (l1 && parse_int(r, l1, &x) < 0) {
				df_error(e, pos + a, l1, "\"%.*s\" is not a valid number.", l1, r);
				goto fail;
			}
			if (l2 && parse_int(colon + 1, l2, &y) < 0) {
				df_error(e, pos + a + l1 + 1, l2, "\"%.*s\" is not a valid number.",
					 l2, colon + 1);
				goto fail;
			}
			if (!l1 && !l2) {
				df_error(e, pos + a, rl, "\"%.*s\" is not a valid range.", rl, r);
				goto fail;
			}
			if (l2 && y <= 0) {
				df_error(e, pos + a, rl,
					 "Range %.*s isn't valid because length %ld isn't positive",
					 rl, r, y);
				goto fail;
			}
			rg.start = (int32_t)x;
			rg.len = l2 ? (int32_t)y : INT32_MAX;
		} else if (dash) {
			int l1 = (int)(dash - r), l2 = rl - l1 - 1;
			if (parse_int(r, l1, &x) < 0) {
				df_error(e, pos + a, l1, "\"%.*s\" is not a valid number.", l1, r);
				goto fail;
			}
			if (parse_int(dash + 1, l2, &y) < 0) {
				df_error(e, pos + a + l1 + 1, l2, "\"%.*s\" is not a valid number.",
					 l2, dash + 1);
				goto fail;
			}
			if ((x < 0) != (y < 0) && !(x >= 0 && y >= 0)) {
				df_error(e, pos + a, rl,
					 "Range %.*s isn't valid because %ld and %ld have "
					 "different signs",
					 rl, r, x, y);
				goto fail;
			}
			if (x >= y) {
				df_error(e, pos + a, rl,
					 "Range %.*s isn't valid because %ld is greater or equal "
					 "than %ld",
					 rl, r, x, y);
				goto fail;
			}
			rg.start = (int32_t)x;
			rg.len = (int32_t)(y - x + 1);
		} else {
			if (parse_int(r, rl, &x) < 0) {
				df_error(e, pos + a, rl, "\"%.*s\" is not a valid number.", rl, r);
				goto fail;
			}
			rg.start = (int32_t)x;
			rg.len = 1;
		}
		if (*nout >= DF_MAX_RANGES) {
			df_error(e, pos + a, rl, "Too many ranges (more than %d).", DF_MAX_RANGES);
			goto fail;
		}
		struct range *nr = realloc(*out, (size_t)(*nout + 1) * sizeof *nr);
		if (!nr)
			abort();
		*out = nr;
		(*out)[(*nout)++] = rg;
		i++;
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	*nout = 0;
	return -1;
}

static struct node *parse_or(struct parser *p);
static struct node *parse_arith(struct parser *p);

static int span_end(const struct node *n)
{
	return n->pos + n->len;
}

static struct node *binary(enum ntype t, int op, struct node *a, struct node *b)
{
	struct node *n = df_node(t, a->pos, span_end(b) - a->pos);
	n->op = op;
	n->a = a;
	n->b = b;
	return n;
}

static const struct {
	const char *name;
	int fn, min, max;
} funcs[] = {
    {"len", FN_LEN, 1, 1},     {"count", FN_COUNT, 1, 1},   {"upper", FN_UPPER, 1, 1},
    {"lower", FN_LOWER, 1, 1}, {"string", FN_STRING, 1, 1}, {"max", FN_MAX, 0, 64},
    {"min", FN_MIN, 0, 64},    {"abs", FN_ABS, 1, 1},
};

/* function = NAME "(" [ arith { "," arith } ] ")" */
static struct node *parse_func(struct parser *p, struct token *name)
{
	next(p); /* ( */
	int fi = -1;
	for (size_t k = 0; k < sizeof funcs / sizeof funcs[0]; k++)
		if ((int)strlen(funcs[k].name) == name->len &&
		    !memcmp(funcs[k].name, p->text + name->pos, (size_t)name->len))
			fi = (int)k;
	struct node *n = df_node(N_FUNC, name->pos, name->len);
	n->fn = fi >= 0 ? funcs[fi].fn : -1;
	if (peek(p)->t != T_RPAREN) {
		for (;;) {
			struct node *a = parse_arith(p);
			if (!a)
				goto fail;
			add_arg(n, a);
			if (peek(p)->t == T_COMMA) {
				next(p);
				continue;
			}
			break;
		}
	}
	if (peek(p)->t != T_RPAREN) {
		unexpected(p);
		goto fail;
	}
	next(p);
	if (fi < 0) {
		df_error(p->e, name->pos, name->len, "Function '%.*s' does not exist", name->len,
			 p->text + name->pos);
		goto fail;
	}
	if (n->nargs < funcs[fi].min || n->nargs > funcs[fi].max) {
		if (funcs[fi].min == funcs[fi].max)
			df_error(p->e, name->pos, name->len,
				 "Function %s can only accept %d arguments.", funcs[fi].name,
				 funcs[fi].min);
		else
			df_error(p->e, name->pos, name->len,
				 "Function %s must have at least %d arguments.", funcs[fi].name,
				 funcs[fi].min);
		goto fail;
	}
	return n;
fail:
	df_node_free(n);
	return NULL;
}

static int parse_layer(struct parser *p, struct node *n)
{
	struct token *t = peek(p);
	if (t->t != T_LAYER)
		return 0;
	next(p);
	n->len = t->pos + t->len - n->pos;
	int off = t->text - p->text;
	return df_parse_ranges(t->text, t->tlen, off, &n->layers, &n->nlayers, p->e);
}

/*
** entity = STRING | CHAR | LITERAL | UNPARSED [layer] | FIELDONLY [layer]
**        | function | "{" arith "}" | "$" "{" UNPARSED [layer] "}"
*/
static struct node *parse_entity(struct parser *p)
{
	struct token *t = peek(p);
	struct node *n;
	switch (t->t) {
	case T_STRING:
	case T_CHAR:
	case T_LITERAL:
		next(p);
		n = df_node(N_LIT, t->pos, t->len);
		n->tok = *t;
		if (t->sval) { /* the node owns a copy; the lexer frees its own */
			n->tok.sval = malloc(t->slen + 1);
			if (!n->tok.sval)
				abort();
			memcpy(n->tok.sval, t->sval, t->slen);
		}
		return n;
	case T_UNPARSED:
	case T_FIELDONLY:
		next(p);
		if (t->t == T_UNPARSED && peek(p)->t == T_LPAREN)
			return parse_func(p, t);
		n = df_node(N_LIT, t->pos, t->len);
		n->tok = *t;
		if (parse_layer(p, n) < 0) {
			df_node_free(n);
			return NULL;
		}
		return n;
	case T_LBRACE:
		next(p);
		n = parse_arith(p);
		if (!n)
			return NULL;
		if (peek(p)->t != T_RBRACE) {
			df_node_free(n);
			return unexpected(p);
		}
		next(p);
		return n;
	case T_DOLLAR: {
		next(p);
		if (peek(p)->t != T_LBRACE)
			return unexpected(p);
		next(p);
		struct token *f = peek(p);
		if (f->t != T_UNPARSED && f->t != T_FIELDONLY)
			return unexpected(p);
		next(p);
		n = df_node(N_REF, t->pos, f->pos + f->len - t->pos);
		n->tok = *f;
		if (parse_layer(p, n) < 0 || peek(p)->t != T_RBRACE) {
			if (!p->e->set)
				unexpected(p);
			df_node_free(n);
			return NULL;
		}
		n->len = peek(p)->pos + 1 - t->pos;
		next(p);
		return n;
	}
	default:
		return unexpected(p);
	}
}

/* postfix = entity { "[" ranges "]" } */
static struct node *parse_postfix(struct parser *p)
{
	struct node *n = parse_entity(p);
	while (n && peek(p)->t == T_SLICE) {
		struct token *t = next(p);
		struct node *s = df_node(N_SLICE, n->pos, t->pos + t->len - n->pos);
		s->a = n;
		n = s;
		if (df_parse_ranges(t->text, t->tlen, (int)(t->text - p->text), &s->ranges,
				    &s->nranges, p->e) < 0) {
			df_node_free(n);
			return NULL;
		}
	}
	return n;
}

/* unary = ("-" | "+") unary | postfix */
static struct node *parse_unary(struct parser *p)
{
	struct token *t = peek(p);
	if (t->t != T_MINUS && t->t != T_PLUS)
		return parse_postfix(p);
	if (enter(p) < 0)
		return NULL;
	next(p);
	struct node *a = parse_unary(p);
	p->depth--;
	if (!a)
		return NULL;
	if (t->t == T_PLUS)
		return a;
	struct node *n = df_node(N_NEG, t->pos, span_end(a) - t->pos);
	n->a = a;
	return n;
}

/* mul = unary { ("*" | "/" | "%") unary } */
static struct node *parse_mul(struct parser *p)
{
	struct node *a = parse_unary(p);
	while (a && (peek(p)->t == T_STAR || peek(p)->t == T_SLASH || peek(p)->t == T_PCT)) {
		int op = next(p)->t;
		struct node *b = parse_unary(p);
		if (!b) {
			df_node_free(a);
			return NULL;
		}
		a = binary(N_ARITH, op, a, b);
	}
	return a;
}

/* add = mul { ("+" | "-") mul } */
static struct node *parse_add(struct parser *p)
{
	struct node *a = parse_mul(p);
	while (a && (peek(p)->t == T_PLUS || peek(p)->t == T_MINUS)) {
		int op = next(p)->t;
		struct node *b = parse_mul(p);
		if (!b) {
			df_node_free(a);
			return NULL;
		}
		a = binary(N_ARITH, op, a, b);
	}
	return a;
}

/* arith = add { "&" add } */
static struct node *parse_arith(struct parser *p)
{
	if (enter(p) < 0)
		return NULL;
	struct node *a = parse_add(p);
	while (a && peek(p)->t == T_BAND) {
		next(p);
		struct node *b = parse_add(p);
		if (!b) {
			df_node_free(a);
			a = NULL;
			break;
		}
		a = binary(N_ARITH, T_BAND, a, b);
	}
	p->depth--;
	return a;
}

/* setval = ["+" | "-"] entity ; elem = setval [".." setval] */
static struct node *parse_setval(struct parser *p)
{
	return parse_unary(p);
}

/*
** set = "{" elem { "," elem } "}"
** Wireshark 3.x wrote sets without commas; tshark 4.0 refuses them, we accept both.
*/
static int parse_set(struct parser *p, struct node *in)
{
	if (peek(p)->t != T_LBRACE) {
		unexpected(p);
		return -1;
	}
	next(p);
	for (;;) {
		struct node *lo = parse_setval(p);
		if (!lo)
			return -1;
		struct node *hi = NULL;
		if (peek(p)->t == T_DOTDOT) {
			next(p);
			hi = parse_setval(p);
			if (!hi) {
				df_node_free(lo);
				return -1;
			}
		}
		add_arg(in, lo);
		add_arg(in, hi);
		if (peek(p)->t == T_COMMA) {
			next(p);
			continue;
		}
		if (peek(p)->t == T_RBRACE)
			break;
		if (peek(p)->t == T_EOF) {
			unexpected(p);
			return -1;
		}
	}
	in->len = peek(p)->pos + 1 - in->pos;
	next(p);
	return 0;
}

static int is_cmp(int t)
{
	return t == T_EQ || t == T_NE || t == T_AEQ || t == T_ANE || t == T_GT || t == T_GE ||
	       t == T_LT || t == T_LE;
}

/*
** relation = [ "any" | "all" ] ( arith { CMP arith }
**          | arith ("contains" | "matches") arith | arith ["not"] "in" set | arith )
*/
static struct node *parse_relation(struct parser *p)
{
	int quant = 0;
	int qpos = peek(p)->pos;
	if (peek(p)->t == T_ANY || peek(p)->t == T_ALL)
		quant = next(p)->t;
	struct node *a = parse_arith(p);
	if (!a)
		return NULL;
	struct token *t = peek(p);
	if (is_cmp(t->t)) {
		struct node *res = NULL;
		struct node *lhs = a;
		int owned = 1; /* a chain shares middle operands: the later copy is a reference */
		while (is_cmp(peek(p)->t)) {
			struct token *op = next(p);
			struct node *b = parse_arith(p);
			if (!b) {
				if (owned)
					df_node_free(lhs);
				df_node_free(res);
				return NULL;
			}
			struct node *r = df_node(N_REL, lhs->pos, span_end(b) - lhs->pos);
			r->op = op->t;
			r->quant = quant;
			r->a = lhs;
			r->b = b;
			r->opos = op->pos;
			r->olen = op->len;
			r->borrowed = !owned;
			res = res ? binary(N_AND, T_AND, res, r) : r;
			lhs = b;
			owned = 0;
		}
		if (quant)
			res->pos = qpos;
		return res;
	}
	if (t->t == T_CONTAINS || t->t == T_MATCHES) {
		next(p);
		struct node *b = parse_arith(p);
		if (!b) {
			df_node_free(a);
			return NULL;
		}
		struct node *r = binary(N_REL, t->t, a, b);
		r->quant = quant;
		r->opos = t->pos;
		r->olen = t->len;
		return r;
	}
	int neg = 0;
	if (t->t == T_NOT && p->lx->toks[p->i + 1].t == T_IN) {
		next(p);
		neg = 1;
		t = peek(p);
	}
	if (t->t == T_IN) {
		next(p);
		struct node *in = df_node(N_IN, a->pos, 0);
		in->a = a;
		in->quant = quant;
		int rc = parse_set(p, in);
		if (rc < 0) {
			df_node_free(in);
			return NULL;
		}
		if (!neg)
			return in;
		struct node *n = df_node(N_NOT, in->pos, in->len);
		n->a = in;
		return n;
	}
	/* a bare entity or expression: presence or truth test, decided by the checker */
	struct node *n = df_node(N_TRUTH, a->pos, a->len);
	n->a = a;
	return n;
}

/* not = ("!" | "not") not | "(" or ")" | relation */
static struct node *parse_not(struct parser *p)
{
	if (enter(p) < 0)
		return NULL;
	struct node *r;
	struct token *t = peek(p);
	if (t->t == T_NOT) {
		next(p);
		struct node *a = parse_not(p);
		r = NULL;
		if (a) {
			r = df_node(N_NOT, t->pos, span_end(a) - t->pos);
			r->a = a;
		}
	} else if (t->t == T_LPAREN) {
		next(p);
		r = parse_or(p);
		if (r && peek(p)->t != T_RPAREN) {
			df_node_free(r);
			r = unexpected(p);
		} else if (r)
			next(p);
	} else
		r = parse_relation(p);
	p->depth--;
	return r;
}

/* and = not { ("&&" | "and") not } */
static struct node *parse_and(struct parser *p)
{
	struct node *a = parse_not(p);
	while (a && peek(p)->t == T_AND) {
		next(p);
		struct node *b = parse_not(p);
		if (!b) {
			df_node_free(a);
			return NULL;
		}
		a = binary(N_AND, T_AND, a, b);
	}
	return a;
}

/* or = and { ("||" | "or") and } */
static struct node *parse_or(struct parser *p)
{
	if (enter(p) < 0)
		return NULL;
	struct node *a = parse_and(p);
	while (a && peek(p)->t == T_OR) {
		next(p);
		struct node *b = parse_and(p);
		if (!b) {
			df_node_free(a);
			a = NULL;
			break;
		}
		a = binary(N_OR, T_OR, a, b);
	}
	p->depth--;
	return a;
}

/* filter = [ or ] EOF */
struct node *df_parse(struct lexer *lx, const char *text, struct dferr *e)
{
	struct parser p = {lx, 0, 0, e, text};
	if (peek(&p)->t == T_EOF)
		return NULL;
	struct node *n = parse_or(&p);
	if (n && peek(&p)->t != T_EOF) {
		unexpected(&p);
		df_node_free(n);
		return NULL;
	}
	return n;
}
