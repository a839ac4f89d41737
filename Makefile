# basalt — one Makefile for everything (see README.md).
#   make            build build/basalt
#   make run        install deps, build, start basalt server on ./data (HTTP 127.0.0.1:8123)
#   make test       install deps, build, run every test; last line "N passed, N failed"
#   make debug      ASan+UBSan build in build/debug/, then the suite against it
#   make fuzz       clang libFuzzer targets in build/fuzz/ (fuzz-ci: each for FUZZ_SECONDS; fuzz-long: for hours)
#   make bench-load load ClickBench hits (ROWS=1000000) into basalt and ClickHouse (chdb), same run
#   make bench      ClickBench (ROWS=1000000): peers and basalt in one run -> bench/results/ROWS.md
#   make release    the static (static-pie) binary build/release/basalt, no run-time dependencies
#   make image      the OCI image of that binary under build/image/ (no daemon), with its SPDX SBOM

CC      ?= gcc
CSTD    := -std=c11 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-type-limits -Wshadow=local -Wformat=2 -Wno-format-nonliteral
# -O2 alone vectorizes only loops whose trip count is a known multiple of the
# vector width; the dynamic cost model lets the column kernels vectorize too.
OPT     ?= -O2 -g -fvect-cost-model=dynamic
DEPS_PKGS := libpcre2-dev libxxhash-dev liblz4-dev libzstd-dev zlib1g-dev libbrotli-dev libssl-dev libseccomp-dev curl zstd tzdata
# clients and tools the tests drive (tests/compat): not linked, not in the image
TEST_PKGS := clickhouse-client python3-clickhouse-driver tmux file umoci runc python3-jsonschema golang-github-opencontainers-image-spec-dev lz4 zstd
LIBS    := -lpcre2-8 -lxxhash -llz4 -lzstd -lz -lbrotlienc -lbrotlidec -lbrotlicommon -lcrypto -lseccomp -lm -lpthread
BUILD   ?= build
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS) -MMD -MP

SRC_DIRS := src/base src/sql src/column src/func src/analyze src/plan src/exec src/storage src/compress src/format src/server src/cli
SRCS := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
LIB_SRCS := $(filter-out src/cli/main.c,$(SRCS))
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst tests/unit/%.c,$(BUILD)/obj/unit/%.o,$(UNIT_SRCS))
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: FORCE fuzz-ci fuzz-long release image bench-native all deps test-deps run test debug fuzz unit clean bench-load bench test-queries test-unit test-fuzz-corpus

all: $(BUILD)/basalt

VERSION := $(shell sed -n 's/^\#define BASALT_VERSION "\(.*\)"/\1/p' src/base/version.h)

$(BUILD)/basalt: $(OBJS) $(BUILD)/obj/gen/sbom.o $(BUILD)/obj/gen/tzdata.o
	$(CC) $(OPT) $(EXTRA_CFLAGS) $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

# The time zone database, built in (tools/gen-tzdata.sh; base/tz.c).
$(BUILD)/gen/tzdata.c: tools/gen-tzdata.sh
	tools/gen-tzdata.sh $@

$(BUILD)/obj/gen/tzdata.o: $(BUILD)/gen/tzdata.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O0 -c -o $@ $<

# What `basalt --sbom` prints: the libraries linked in, from dpkg (tools/sbom.sh).
$(BUILD)/gen/sbom.c: tools/sbom.sh src/base/version.h
	tools/sbom.sh c $@ $(VERSION)

$(BUILD)/obj/gen/sbom.o: $(BUILD)/gen/sbom.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The release binary: the same objects linked as a static PIE (ASLR still
# works), nothing loaded at run time; the client resolves names without NSS.
RELEASE_OBJS := $(filter-out $(BUILD)/obj/cli/client.o,$(OBJS)) $(BUILD)/obj/cli/client_static.o $(BUILD)/obj/gen/sbom.o $(BUILD)/obj/gen/tzdata.o

$(BUILD)/obj/cli/client_static.o: src/cli/client.c
	$(CC) $(CFLAGS_ALL) -DBASALT_STATIC -c -o $@ $<

release: deps
	@$(MAKE) --no-print-directory $(BUILD)/release/basalt

$(BUILD)/release/basalt: $(RELEASE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -static-pie -s -o $@ $^ $(LIBS)

image: deps
	@$(MAKE) --no-print-directory $(BUILD)/image/index.json

# rebuilt every time: the labels name the current commit (same commit and binary: same bytes)
$(BUILD)/image/index.json: $(BUILD)/release/basalt tools/oci-image.sh tools/sbom.sh FORCE
	tools/oci-image.sh $(BUILD)/release/basalt $(BUILD)/image $(VERSION)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc -c -o $@ $<

$(BUILD)/unit_tests: $(UNIT_OBJS) $(LIB_OBJS)
	$(CC) $(OPT) $(EXTRA_CFLAGS) $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

# Runs a stateless test through the server's HTTP interface (tests/http/stateless.sh).
$(BUILD)/http_suite: tests/http/suite.c $(LIB_OBJS)
	$(CC) $(CFLAGS_ALL) -Isrc $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

# Confines itself as the server does, then tries what the sandbox forbids (tests/sandbox).
$(BUILD)/sandbox_probe: tests/sandbox/probe.c $(LIB_OBJS)
	$(CC) $(CFLAGS_ALL) -Isrc $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

# The server with a test-only SQL function that tries forbidden system calls
# (tests/sandbox/test_hooks.c); build/basalt never contains it.
$(BUILD)/basalt_testhooks: tests/sandbox/test_hooks.c $(OBJS) $(BUILD)/obj/gen/sbom.o $(BUILD)/obj/gen/tzdata.o
	$(CC) $(CFLAGS_ALL) -Isrc $(EXTRA_LDFLAGS) -o $@ $^ $(LIBS)

# Fuzz targets built with the plain compiler replay their corpus (no libFuzzer needed).
$(BUILD)/fuzz_replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(LIB_OBJS)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $^ $(LIBS)

# Installs the Debian build dependencies when one is missing (needs root, as on CI).
test-deps:
	@$(MAKE) --no-print-directory deps DEPS_PKGS="$(TEST_PKGS)"

deps:
	@missing=""; for p in $(DEPS_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null || \
	  { echo "could not install$$missing (run as root?)"; exit 1; }; fi

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/basalt server --path ./data --allow-root 1   # a checkout under /root is out of 65532's reach

# the release binary and its image are checked too (not in the sanitizer build)
TEST_RELEASE ?= 1
test: deps test-deps
	@$(MAKE) --no-print-directory all $(BUILD)/unit_tests $(BUILD)/http_suite $(BUILD)/sandbox_probe $(BUILD)/basalt_testhooks $(patsubst %,$(BUILD)/fuzz_replay_%,$(FUZZ_TARGETS)) \
	  $(if $(TEST_RELEASE),$(BUILD)/image/index.json)
	@BASALT=$(BUILD)/basalt UNIT=$(BUILD)/unit_tests BUILD=$(BUILD) $(if $(TEST_RELEASE),RELEASE=$(BUILD)/release/basalt IMAGE=$(BUILD)/image) tools/run-tests.sh

debug: deps
	@$(MAKE) --no-print-directory BUILD=build/debug OPT="-O1 -g" TEST_RELEASE= \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" test

# libFuzzer targets: the library once with clang's coverage and sanitizers,
# then one binary per target. fuzz-ci runs each for FUZZ_SECONDS (CI), fuzz-long
# for FUZZ_LONG_SECONDS; tools/fuzz-run.sh reports runs per target and keeps
# any finding under build/fuzz/findings/ (fix it, then add it to the corpus).
FUZZ_PKGS := clang
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJS := $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRCS))
FUZZ_SECONDS ?= 30
FUZZ_LONG_SECONDS ?= 3600

FUZZ_BINS := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

$(FUZZ_OBJS): build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BINS): build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -o $@ $^ $(LIBS)

fuzz: deps
	@$(MAKE) --no-print-directory deps DEPS_PKGS="$(FUZZ_PKGS)"
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz-ci: fuzz
	tools/fuzz-run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-long: fuzz
	tools/fuzz-run.sh $(FUZZ_LONG_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf build

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(BUILD)/obj/cli/client_static.d $(wildcard build/fuzz/obj/*/*.d)

ROWS ?= 1000000
bench-load: all
	bench/load.sh $(ROWS)

bench: all
	bench/run.sh $(ROWS)

bench-native: all
	bench/native.sh $(ROWS)

FORCE:
