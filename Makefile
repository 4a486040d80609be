# wiresift -- GNU make build.
#   make            ./wiresift (optimised, -Werror)
#   make test       unit + golden + corpus tests against ./wiresift
#   make asan       ASan+UBSan build in build/asan, then the tests under it
#   make fuzz       libFuzzer targets (clang) in build/fuzz
#   make bench      side-by-side benchmark with tshark (bench/bench.sh)
#   make lint       include rules between layers, banned functions
#   make format     clang-format -i; make check-format verifies
CC ?= cc
PKGS := libpcap zlib libzstd lua5.4 sqlite3 libmaxminddb libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpcap -lz -lzstd -llua5.4 -lsqlite3 -lmaxminddb -lpcre2-8)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
CSTD := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
OPT ?= -O2 -g
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread $(LDLIBS)

SRCS := $(sort $(wildcard src/*/*.c))
MAIN_SRC := src/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))

BUILD ?= build/rel
OBJS := $(patsubst src/%.c,$(BUILD)/%.o,$(LIB_SRCS))
DEPS := $(OBJS:.o=.d) $(BUILD)/cli/main.d

.PHONY: all test unit asan fuzz bench lint format check-format clean corpus-check example
all: wiresift

wiresift: $(BUILD)/wiresift
	cp $< $@

$(BUILD)/wiresift: $(OBJS) $(BUILD)/cli/main.o
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libwiresift.a: $(OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

-include $(DEPS)

# --- tests -----------------------------------------------------------------
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
GEN_SRCS := tests/gen/pktgen.c

$(BUILD)/mkcap: tests/gen/mkcap.c $(GEN_SRCS) tests/gen/pktgen.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ tests/gen/mkcap.c $(GEN_SRCS)

$(BUILD)/unit_tests: $(TEST_SRCS) tests/unit/test.h tests/unit/main.c $(BUILD)/libwiresift.a
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ tests/unit/main.c $(TEST_SRCS) $(BUILD)/libwiresift.a $(LDLIBS_ALL)

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests

test: wiresift $(BUILD)/unit_tests $(BUILD)/mkcap
	WIRESIFT=./wiresift MKCAP=$(BUILD)/mkcap UNIT=$(BUILD)/unit_tests tests/run.sh

corpus-check: wiresift
	WIRESIFT=./wiresift tests/corpus/corpus_check.sh

example: wiresift $(BUILD)/mkcap
	@mkdir -p build/example
	$(BUILD)/mkcap basic build/example/basic.pcap
	./wiresift -r build/example/basic.pcap

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
NPROC := $(shell nproc 2>/dev/null || echo 1)
asan:
	$(MAKE) -j$(NPROC) BUILD=build/asan OPT="$(ASAN_FLAGS)" build/asan/wiresift build/asan/unit_tests build/asan/mkcap
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	WIRESIFT=build/asan/wiresift MKCAP=build/asan/mkcap UNIT=build/asan/unit_tests SANITIZER=1 tests/run.sh

FUZZ_TARGETS := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
# UB aborts (-fno-sanitize-recover): a fuzzer only keeps inputs that crash
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz:
	$(MAKE) CC=clang BUILD=build/fuzzlib OPT="$(FUZZ_FLAGS)" build/fuzzlib/libwiresift.a
	$(MAKE) CC=clang $(FUZZ_TARGETS)
build/fuzz/%: fuzz/%.c build/fuzzlib/libwiresift.a
	@mkdir -p build/fuzz
	clang $(CSTD) $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc $(PKG_CFLAGS) -o $@ $< build/fuzzlib/libwiresift.a $(LDLIBS_ALL)

# bench/walk: the plain record walk (TCP 5-tuples hashed) that bench.sh times as the floor
$(BUILD)/walk: bench/walk.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) -o $@ $<

bench: wiresift $(BUILD)/walk
	WALK=$(BUILD)/walk bench/bench.sh
	bench/analyses_bench.sh

lint:
	tools/lint.sh

format:
	clang-format -i $(SRCS) $(wildcard src/*/*.h) $(wildcard tests/unit/*.c tests/gen/*.[ch] fuzz/*.c)
check-format:
	clang-format --dry-run --Werror $(SRCS) $(wildcard src/*/*.h)

clean:
	rm -rf build wiresift
