# ckafka-offsets: a zero-heap C client for CKafka BatchModifyGroupOffsets.
#
#   make            library build/libckafka.a and tool build/ckafka-offsets
#   make demo       the tool against the bundled stand-in endpoint
#   make test       every test: both compilers, unit (ASan+UBSan, 64- and
#                   32-bit), zero-heap, end-to-end, the lwIP suites (fetches
#                   lwIP's source), the firmware image and a fuzz run
#   make fuzz       run every libFuzzer target FUZZ_SECONDS (default 300)
#   make lwip-tool  build/ckafka-offsets-lwip: the tool over lwIP on a TAP
#   make firmware   the Cortex-M4 images (stub board, QEMU board) and
#                   build/ckafka-offsets-qemu; make size their size report
#   make unit32     the unit tests as a 32-bit (i386) build (part of make test)
#   make unit-short-enums  the unit tests built with -fshort-enums (make test)
#   make bench      instructions and wall time per step of the request path
#   make static     build/ckafka-offsets-static: one fully static binary
#   make install    the tool, libckafka.a, headers, ckafka.pc and the man
#                   page under $(DESTDIR)$(PREFIX); make uninstall
#   make deps       install missing Debian packages (root)
#
# CC=clang works for every target.

CC      ?= gcc
PYTHON  ?= python3
BUILD   ?= build

WARN    := -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wcast-align -Wpointer-arith
STD     := -std=c11
INC     := -Icore -Iport -Iplatform/posix -Iplatform/common
CFLAGS  ?= -O2 -g
# 64-bit time_t and off_t on 32-bit glibc hosts too (no-ops on 64-bit), so
# the host tools keep their clock after 2038.
HOST_DEFS := -D_POSIX_C_SOURCE=200809L -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64
ALL_CFLAGS = $(STD) $(WARN) $(INC) $(CFLAGS) $(HOST_DEFS)
LDLIBS  := -lbearssl

SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

CORE_SRC  := $(wildcard core/*.c)
# The lwIP stream needs lwIP headers: it is built by mk/lwip.mk. Hosts link
# the full TLS profile; the minimal one is the firmware's (mk/firmware.mk).
PORT_SRC  := $(filter-out port/ck_lwip_%.c port/ck_tls_profile_minimal.c,$(wildcard port/*.c))
LIB_SRC   := $(CORE_SRC) $(PORT_SRC)
TOOL_SRC  := $(wildcard platform/posix/*.c platform/common/*.c)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_HDRS := $(wildcard tests/unit/*.h)
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/san/tests/%,$(UNIT_SRC))
CLI_HDRS  := $(wildcard platform/common/*.h)
HDRS      := $(wildcard core/*.h port/*.h platform/posix/*.h) $(CLI_HDRS)

.PHONY: all deps qemu-deps demo test unit heap e2e compilers fuzz clean
all: $(BUILD)/libckafka.a $(BUILD)/ckafka-offsets

deps:
	@scripts/install-deps.sh

# The emulator and Java runtime the firmware's end-to-end tests run on.
qemu-deps: | deps
	@scripts/install-deps.sh --qemu

# --- the release build ------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libckafka.a: $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/ckafka-offsets: $(patsubst %.c,$(BUILD)/obj/%.o,$(TOOL_SRC)) $(BUILD)/libckafka.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# --- the sanitizer build, for tests -----------------------------------------
$(BUILD)/san/obj/%.o: %.c $(HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c $< -o $@

$(BUILD)/san/libckafka.a: $(patsubst %.c,$(BUILD)/san/obj/%.o,$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/san/ckafka-offsets: $(patsubst %.c,$(BUILD)/san/obj/%.o,$(TOOL_SRC)) $(BUILD)/san/libckafka.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

# A unit test of code outside the library names what else it compiles in.
UNIT_EXTRA_test_qemu_job := -Iplatform/cortex-m \
	-Iplatform/cortex-m/boards/qemu-mps2-an386 \
	platform/cortex-m/boards/qemu-mps2-an386/ck_qemu_job.c \
	platform/common/ck_api_settings.c
$(BUILD)/san/tests/test_qemu_job $(BUILD)/i386/tests/test_qemu_job: \
	$(wildcard platform/cortex-m/boards/qemu-mps2-an386/ck_qemu_job.*) \
	platform/cortex-m/ck_board.h

$(BUILD)/san/tests/%: tests/unit/%.c $(UNIT_HDRS) $(BUILD)/san/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(UNIT_EXTRA_$*) $(BUILD)/san/libckafka.a -lcmocka $(LDLIBS)

# The unit tests of the tools' shared code (platform/common) link it as
# well as the library: test_ca_file the CA file reader alone.
CA_FILE_TEST_SRC := platform/common/ck_ca_file.c platform/posix/ck_posix_platform.c
CLI_TEST_SRC := $(wildcard platform/common/*.c) platform/posix/ck_posix_platform.c

$(BUILD)/san/tests/test_ca_file: tests/unit/test_ca_file.c $(UNIT_HDRS) $(patsubst %.c,$(BUILD)/san/obj/%.o,$(CA_FILE_TEST_SRC)) $(BUILD)/san/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $(filter %.c %.o %.a,$^) -lcmocka $(LDLIBS)

# test_cli the whole command line (not the mains), test_plan the plan
# files, test_credentials the credential chain.
CLI_TESTS := test_cli test_plan test_credentials

$(patsubst %,$(BUILD)/san/tests/%,$(CLI_TESTS)): $(BUILD)/san/tests/%: tests/unit/%.c $(UNIT_HDRS) $(patsubst %.c,$(BUILD)/san/obj/%.o,$(CLI_TEST_SRC)) $(BUILD)/san/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $(filter %.c %.o %.a,$^) -lcmocka $(LDLIBS)

# Unit tests of the command line both tools share (tests/unit/test_cli_*.c)
# link it, and the host platform it signs a dry run with, too.
# Static pattern rules: explicit, so they win over the generic rule above.
CLI_UNIT_SRC  := $(wildcard platform/common/*.c) platform/posix/ck_posix_platform.c
CLI_UNIT_TEST := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_cli_*.c))
$(patsubst %,$(BUILD)/san/tests/%,$(CLI_UNIT_TEST)): $(BUILD)/san/tests/%: \
		tests/unit/%.c $(UNIT_HDRS) \
		$(patsubst %.c,$(BUILD)/san/obj/%.o,$(CLI_UNIT_SRC)) $(BUILD)/san/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< \
		$(patsubst %.c,$(BUILD)/san/obj/%.o,$(CLI_UNIT_SRC)) \
		$(BUILD)/san/libckafka.a -lcmocka $(LDLIBS)

# --- the zero-heap proof: no sanitizer (it would own malloc) ----------------
$(BUILD)/heap/test_zero_heap: tests/heap/test_zero_heap.c $(patsubst %.c,$(BUILD)/obj/%.o,$(filter-out platform/posix/main.c,$(TOOL_SRC))) $(BUILD)/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# --- fuzzing (libFuzzer, clang) ---------------------------------------------
# Every target links the core; the ones below need more of the tree.
# FUZZ_SECONDS per target is the campaign README records (make fuzz); make
# test runs each for FUZZ_SMOKE_SECONDS (10) from the committed seeds.
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN     := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 300

$(BUILD)/fuzz/fuzz_trust_anchors: FUZZ_EXTRA := port/ck_trust_anchors.c
$(BUILD)/fuzz/fuzz_json_validator: FUZZ_EXTRA := tests/fuzz/jsmn_default.c
$(BUILD)/fuzz/fuzz_cli: FUZZ_EXTRA := $(wildcard platform/common/*.c) \
	platform/posix/ck_posix_platform.c port/ck_trust_anchors.c

$(BUILD)/fuzz/%: tests/fuzz/%.c $(CORE_SRC) $(PORT_SRC) $(TOOL_SRC) $(HDRS) \
		tests/fuzz/jsmn_default.c | deps
	@mkdir -p $(dir $@)
	clang $(STD) $(WARN) $(INC) -O1 -g -D_POSIX_C_SOURCE=200809L \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(CORE_SRC) $(FUZZ_EXTRA) $(LDLIBS)

# --- test targets ------------------------------------------------------------
# Both compilers must build everything warning-free.
compilers: | deps
	$(MAKE) --no-print-directory CC=gcc   BUILD=$(BUILD)/gcc   all
	$(MAKE) --no-print-directory CC=clang BUILD=$(BUILD)/clang all

unit: $(UNIT_BIN)
heap: $(BUILD)/heap/test_zero_heap

# The firmware image is part of the test: its link proves zero heap on the
# target, and the freestanding compiles prove the core needs no libc.
test: compilers $(UNIT_BIN) $(BUILD)/heap/test_zero_heap $(BUILD)/san/ckafka-offsets firmware static \
      $(BUILD)/libckafka.a $(BUILD)/ckafka-offsets man \
      $(BUILD)/san/ckafka-offsets-qemu qemu-deps \
      $(FUZZ_BIN)
	@BUILD=$(BUILD) PYTHON=$(PYTHON) tests/run_all.sh

# Each target runs FUZZ_SECONDS from its committed seeds
# (tests/fuzz/corpus/) and its corpus kept in build/fuzz/ between runs
# (make test runs them 10 s each).
fuzz: $(FUZZ_BIN)
	@tests/fuzz/run_fuzz.sh $(BUILD) $(FUZZ_SECONDS)

demo: $(BUILD)/ckafka-offsets
	@PYTHON=$(PYTHON) tests/demo.sh $(BUILD)/ckafka-offsets

clean:
	rm -rf $(BUILD)

# lwIP from Debian's source package with our lwipopts.h, and the lwIP stream.
include mk/lwip.mk

# The Cortex-M firmware image, freestanding checks and size report.
include mk/firmware.mk

# One fully static binary for an appliance (musl).
include mk/static.mk

# make install / make uninstall (PREFIX, DESTDIR).
include mk/install.mk

# --- benchmarks (make bench; not part of make test) ---------------------------
# The core's CPU cost per call, step by step, no network: instructions per
# operation under callgrind (skipped without valgrind) and wall-clock ns/op.
# Release flags, against the release library; writes $(BUILD)/bench.json.
BENCH_BIN := $(BUILD)/bench/bench_request_path

$(BENCH_BIN): tests/bench/bench_request_path.c $(HDRS) $(BUILD)/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libckafka.a $(LDLIBS)

.PHONY: bench
bench: $(BENCH_BIN)
	@$(PYTHON) tests/bench/run_bench.py --cc "$(CC)" $(BENCH_BIN) $(BUILD)/bench.json

# --- 32-bit unit tests (i386; make unit32, part of make test) -----------------
# The firmware is 32-bit (Cortex-M4), so the unit tests are built once more
# with -m32 and ASan+UBSan: 64-bit timestamps and offsets must not lean on a
# 64-bit long, size_t or pointer. Every tests/unit/test_*.c is included: the
# core and the host port (sockets, BearSSL TLS; the same LIB_SRC as the host
# build) build and pass on i386. i386 cmocka and BearSSL come from Debian
# multiarch (scripts/install-deps.sh --i386). tests/unit32/run_unit32.sh runs
# them, under qemu-i386 where the kernel runs no 32-bit code.
M32        := -m32
UNIT32_BIN := $(patsubst tests/unit/%.c,$(BUILD)/i386/tests/%,$(UNIT_SRC))

.PHONY: deps-i386 unit32
deps-i386: | deps
	@scripts/install-deps.sh --i386

$(BUILD)/i386/obj/%.o: %.c $(HDRS) | deps-i386
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(M32) $(SAN) -c $< -o $@

$(BUILD)/i386/libckafka.a: $(patsubst %.c,$(BUILD)/i386/obj/%.o,$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/i386/tests/%: tests/unit/%.c $(UNIT_HDRS) $(BUILD)/i386/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(M32) $(SAN) -Itests/unit -o $@ $< $(UNIT_EXTRA_$*) $(BUILD)/i386/libckafka.a -lcmocka $(LDLIBS)

$(BUILD)/i386/tests/test_ca_file: tests/unit/test_ca_file.c $(UNIT_HDRS) $(patsubst %.c,$(BUILD)/i386/obj/%.o,$(CA_FILE_TEST_SRC)) $(BUILD)/i386/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(M32) $(SAN) -Itests/unit -o $@ $(filter %.c %.o %.a,$^) -lcmocka $(LDLIBS)

$(patsubst %,$(BUILD)/i386/tests/%,$(CLI_TESTS)): $(BUILD)/i386/tests/%: tests/unit/%.c $(UNIT_HDRS) $(patsubst %.c,$(BUILD)/i386/obj/%.o,$(CLI_TEST_SRC)) $(BUILD)/i386/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(M32) $(SAN) -Itests/unit -o $@ $(filter %.c %.o %.a,$^) -lcmocka $(LDLIBS)

$(patsubst %,$(BUILD)/i386/tests/%,$(CLI_UNIT_TEST)): $(BUILD)/i386/tests/%: \
		tests/unit/%.c $(UNIT_HDRS) \
		$(patsubst %.c,$(BUILD)/i386/obj/%.o,$(CLI_UNIT_SRC)) $(BUILD)/i386/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(M32) $(SAN) -Itests/unit -o $@ $< \
		$(patsubst %.c,$(BUILD)/i386/obj/%.o,$(CLI_UNIT_SRC)) \
		$(BUILD)/i386/libckafka.a -lcmocka $(LDLIBS)

unit32: $(UNIT32_BIN)
test: $(UNIT32_BIN)

# --- the unit tests with -fshort-enums (make unit-short-enums, make test) -----
# arm-none-eabi's default enum size, which a vendor's board code is built
# with: the library and the tests all built so must pass as they do
# without it (the decoder's tokens, the structs' fixed-width fields).
# tests/abi/check_struct_layouts.sh compares the structs' layouts.
# Built with clang, so the unit tests also run under the other compiler's
# sanitizers (clang's UBSan checks pointer arithmetic on NULL, gcc's not).
.PHONY: unit-short-enums
unit-short-enums: | deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/short-enums CC=clang \
		CFLAGS="$(CFLAGS) -fshort-enums" unit
test: unit-short-enums
