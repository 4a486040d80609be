/*
** test.h -- a tiny unit-test harness.
**
** TEST(name) defines a test and registers it (a constructor adds it to the
** list main.c runs).  CHECK reports file:line and the failed expression and
** lets the test go on, so one run shows every failure.
*/
#ifndef WS_TEST_H
#define WS_TEST_H

#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void test_register(const char *name, test_fn fn);
extern int test_failures;

#define TEST(name)                                                            \
	static void test_##name(void);                                        \
	__attribute__((constructor)) static void test_reg_##name(void)        \
	{                                                                     \
		test_register(#name, test_##name);                            \
	}                                                                     \
	static void test_##name(void)

#define CHECK(expr)                                                               \
	do {                                                                      \
		if (!(expr)) {                                                    \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr); \
			test_failures++;                                          \
		}                                                                 \
	} while (0)

#define CHECK_EQ_U64(a, b)                                                              \
	do {                                                                            \
		unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
		if (a_ != b_) {                                                         \
			fprintf(stderr, "%s:%d: %s == %s failed: %llu != %llu\n", __FILE__, \
				__LINE__, #a, #b, a_, b_);                              \
			test_failures++;                                                \
		}                                                                       \
	} while (0)

#define CHECK_STR(a, b)                                                                   \
	do {                                                                              \
		const char *a_ = (a), *b_ = (b);                                          \
		if (strcmp(a_, b_) != 0) {                                                \
			fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, \
				__LINE__, #a, #b, a_, b_);                                \
			test_failures++;                                                  \
		}                                                                         \
	} while (0)

#endif
