#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/field.h"
#include "dissect/dissect.h"
#include "test.h"

int test_failures;
static struct {
	const char *name;
	test_fn fn;
} tests[1024];
static int ntests;

void test_register(const char *name, test_fn fn)
{
	if (ntests < 1024) {
		tests[ntests].name = name;
		tests[ntests].fn = fn;
		ntests++;
	}
}

/* Run every test (or those whose name contains argv[1]); the last line is
** "N passed, N failed" so CI can read it. */
int main(int argc, char **argv)
{
	dissect_init();
	field_seal();
	int passed = 0, failed = 0;
	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		int before = test_failures;
		tests[i].fn();
		if (test_failures == before) {
			passed++;
		} else {
			failed++;
			fprintf(stderr, "FAIL %s\n", tests[i].name);
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
