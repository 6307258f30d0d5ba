# ckafka-offsets: a zero-heap C client for CKafka BatchModifyGroupOffsets.
#
#   make            library build/libckafka.a and tool build/ckafka-offsets
#   make demo       the tool against the bundled stand-in endpoint
#   make test       every test: both compilers, unit (ASan+UBSan), zero-heap, end-to-end
#   make deps       install missing Debian packages (root)
#
# CC=clang works for every target.

CC      ?= gcc
PYTHON  ?= python3
BUILD   ?= build

WARN    := -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wcast-align -Wpointer-arith
STD     := -std=c11
INC     := -Icore -Iport -Iplatform/posix
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(STD) $(WARN) $(INC) $(CFLAGS) -D_POSIX_C_SOURCE=200809L
LDLIBS  := -lbearssl

SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

CORE_SRC  := $(wildcard core/*.c)
PORT_SRC  := $(wildcard port/*.c)
LIB_SRC   := $(CORE_SRC) $(PORT_SRC)
TOOL_SRC  := $(wildcard platform/posix/*.c)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/san/tests/%,$(UNIT_SRC))
HDRS      := $(wildcard core/*.h port/*.h platform/posix/*.h)

.PHONY: all deps demo test unit heap e2e compilers clean
all: $(BUILD)/libckafka.a $(BUILD)/ckafka-offsets

deps:
	@scripts/install-deps.sh

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

$(BUILD)/san/tests/%: tests/unit/%.c tests/unit/test_support.h $(BUILD)/san/libckafka.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(BUILD)/san/libckafka.a -lcmocka $(LDLIBS)

# --- the zero-heap proof: no sanitizer (it would own malloc) ----------------
$(BUILD)/heap/test_zero_heap: tests/heap/test_zero_heap.c $(BUILD)/libckafka.a $(patsubst %.c,$(BUILD)/obj/%.o,$(filter-out platform/posix/main.c,$(TOOL_SRC)))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $^ -lcmocka $(LDLIBS) -ldl

# --- test targets ------------------------------------------------------------
# Both compilers must build everything warning-free.
compilers: | deps
	$(MAKE) --no-print-directory CC=gcc   BUILD=$(BUILD)/gcc   all
	$(MAKE) --no-print-directory CC=clang BUILD=$(BUILD)/clang all

unit: $(UNIT_BIN)
heap: $(BUILD)/heap/test_zero_heap

test: compilers $(UNIT_BIN) $(BUILD)/heap/test_zero_heap $(BUILD)/san/ckafka-offsets
	@BUILD=$(BUILD) PYTHON=$(PYTHON) tests/run_all.sh

demo: $(BUILD)/ckafka-offsets
	@PYTHON=$(PYTHON) tests/demo.sh $(BUILD)/ckafka-offsets

clean:
	rm -rf $(BUILD)
