/*
** filter_int.h -- what the lexer, parser, checker and evaluator share.
*/
#ifndef WS_FILTER_INT_H
#define WS_FILTER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/field.h"
#include "filter.h"

/* Caps that keep hostile filters (fuzzing, typos) from exhausting the stack or memory. */
#define DF_MAX_DEPTH  200
#define DF_MAX_TEXT   65536
#define DF_MAX_RANGES 64

enum tok {
	T_EOF,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_LBRACE,
	T_RBRACE,
	T_DOTDOT,
	T_DOLLAR,
	T_ANY,
	T_ALL,
	T_EQ,
	T_NE,
	T_AEQ,
	T_ANE,
	T_GT,
	T_GE,
	T_LT,
	T_LE,
	T_CONTAINS,
	T_MATCHES,
	T_NOT,
	T_AND,
	T_OR,
	T_IN,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_PCT,
	T_BAND,
	T_LAYER,  /* "#3" or "#[...]": text is what follows '#' */
	T_SLICE,  /* "[...]": text is the inside */
	T_STRING, /* decoded bytes in sval */
	T_CHAR,   /* value in ival */
	T_UNPARSED,
	T_LITERAL,   /* ":aa:bb" forced literal */
	T_FIELDONLY, /* ".name": must be a field */
};

struct token {
	enum tok t;
	int pos, len;     /* span in the filter text */
	const char *text; /* for words: points into the filter text (len bytes) */
	int tlen;
	uint8_t *sval; /* T_STRING: decoded, malloc'd */
	size_t slen;
	uint64_t ival;
};

struct lexer {
	const char *s;
	size_t n, i;
	struct token *toks;
	int ntok, cap;
};

/* Value kinds during evaluation. */
enum vkind { V_INT, V_UINT, V_DBL, V_BYTES, V_IP4, V_IP6, V_TIME, V_BOOL };

struct dval {
	uint8_t k;      /* enum vkind */
	uint8_t prefix; /* V_IP4 / V_IP6 */
	uint32_t n;     /* V_BYTES length */
	union {
		int64_t i;
		uint64_t u;
		double d;
		const uint8_t *p;
		uint8_t a[16];
		struct {
			int64_t sec;
			int32_t nsec;
		} t;
	} v;
};

/* The checker's category of a field type. */
enum cat {
	C_NONE,
	C_PROTO,
	C_BOOL,
	C_INT,
	C_UINT,
	C_DBL,
	C_BYTES,
	C_STR,
	C_IP4,
	C_IP6,
	C_ABST,
	C_RELT
};

enum ntype {
	N_FIELD,
	N_LIT,
	N_SLICE,
	N_FUNC,
	N_ARITH,
	N_NEG,
	N_REL,
	N_IN,
	N_AND,
	N_OR,
	N_NOT,
	N_EXISTS,
	N_TRUTH,
	N_REF,
	N_CONST
};

struct range {
	int32_t start, len; /* len: INT32_MAX = to the end */
};

struct node {
	enum ntype t;
	int pos, len;       /* span for error carets */
	int op;             /* enum tok of the operator */
	int quant;          /* 0 default, T_ANY, T_ALL */
	int opos, olen;     /* N_REL: the operator's span */
	int borrowed;       /* a is shared with the previous link of a chain a < b < c */
	struct node *a, *b; /* operands */
	struct node **args; /* function args, set elements (pairs lo,hi; hi NULL) */
	int nargs;
	/* N_FIELD */
	int id;
	struct range *layers;
	int nlayers;
	/* N_LIT: the token it came from */
	struct token tok;
	/* N_SLICE */
	struct range *ranges;
	int nranges;
	/* N_FUNC */
	int fn;
	/* after checking: the value category this node yields */
	enum cat cat;
	int ftype; /* field type for the category (range checks), -1 */
	/* N_CONST: the converted literal */
	struct dval cv;
	uint8_t *cbuf; /* owned bytes for cv */
	void *re;      /* pcre2_code for matches */
	void *md;      /* pcre2_match_data */
};

struct filter {
	struct node *root;
	char *text;
	/* evaluation scratch, reused from frame to frame */
	struct dval *vals;
	size_t nvals, capvals;
	uint8_t *buf;
	size_t nbuf, capbuf;
	const struct fieldset *fs;
	const uint8_t *data;
	uint32_t caplen;
	int overflow; /* scratch full: grow before the next frame */
};

struct dferr {
	struct filter_error *e;
	int set;
};

void df_error(struct dferr *e, int pos, int len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* lexer.c */
int df_lex(const char *text, struct lexer *lx, struct dferr *e);
void df_lex_free(struct lexer *lx);

/* parser.c */
struct node *df_parse(struct lexer *lx, const char *text, struct dferr *e);
struct node *df_node(enum ntype t, int pos, int len);
void df_node_free(struct node *n);
int df_parse_ranges(const char *s, int n, int pos, struct range **out, int *nout, struct dferr *e);

/* check.c */
int df_check(struct node *root, const char *text, struct dferr *e);
enum cat df_cat(int ftype);

/* eval.c */
int df_eval(struct filter *f, struct node *n);

void df_re_free(struct node *n);

/* functions */
enum { FN_LEN, FN_COUNT, FN_UPPER, FN_LOWER, FN_STRING, FN_MAX, FN_MIN, FN_ABS };

#endif
