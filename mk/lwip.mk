# mk/lwip.mk -- lwIP from source with our lwipopts.h, the lwIP transport
# (port/ck_lwip_tcp.c), its host harness over a TAP device, and the tool on
# top of them (ckafka-offsets-lwip).
# Included by the top-level Makefile; uses its CC, BUILD, STD, WARN, CFLAGS,
# SAN, PYTHON, LDLIBS, HDRS, LIB_SRC and TOOL_SRC, and adds to INC and to
# the prerequisites of `test`.
#
#   make lwip        fetch the pinned sources if needed, then build
#                    $(BUILD)/lwip/liblwip.a, the transport object and
#                    $(BUILD)/lwip/lwip_echo_test{,_dns} (ASan+UBSan; the
#                    second with lwIP's resolver, CK_LWIP_DNS=1)
#   make lwip-test   the above, then tests/lwip/run_lwip_tests.sh (needs
#                    root and network namespaces; otherwise it says SKIP)
#   make lwip-tool   fetch if needed, then build the tool over lwIP:
#                    $(BUILD)/ckafka-offsets-lwip (release),
#                    $(BUILD)/lwip/san/ckafka-offsets-lwip (ASan+UBSan, for
#                    tests) and $(BUILD)/lwip/full/ckafka-offsets-lwip
#                    (ASan+UBSan, lwIP with DNS and DHCP: CK_LWIP_DNS=1,
#                    CK_LWIP_DHCP=1)
#
# `make test` depends on lwip-tool and lwip-build (see the end of this file).
#
# Nothing here uses Debian's liblwip (its Hurd build is unsafe on Linux).
# Sources come from scripts/fetch-third-party.sh, so `make lwip` re-enters
# make once they are there: the file lists below come from lwIP's own
# src/Filelists.mk, which exists only after the fetch.

LWIP_SRCDIR := third_party/lwip/src

# Our lwipopts.h and arch/cc.h must be found before anything else.
LWIP_INC := -Iplatform/lwip -I$(LWIP_SRCDIR)/include

# The parts of our tree that need lwIP's headers; the main library must
# leave them out (see PORT_SRC in the Makefile).
LWIP_PORT_SRC := port/ck_lwip_tcp.c
# The TAP harness only: the tool's own files there (main_lwip.c,
# ck_lwip_stack.c) are listed with the tool below.
LWIP_HOST_SRC := platform/lwip/host/ck_tapif.c platform/lwip/host/ck_host_sys.c
LWIP_OUR_HDRS := $(wildcard platform/lwip/*.h platform/lwip/arch/*.h \
                   platform/lwip/host/*.h) port/ck_lwip_tcp.h \
                 core/ck_result.h core/ck_transport.h

ifneq ($(wildcard $(LWIP_SRCDIR)/Filelists.mk),)
LWIPDIR := $(LWIP_SRCDIR)
include $(LWIP_SRCDIR)/Filelists.mk
endif
# NO_SYS=1, IPv4, Ethernet: the core, IPv4 and the Ethernet layer only.
LWIP_SRC := $(COREFILES) $(CORE4FILES) $(LWIP_SRCDIR)/netif/ethernet.c

# lwIP's own files: our standard and defines, -Wall -Wextra but never
# -Werror (lwIP 2.1.3 is warning-free with gcc 12 and clang 14 here, but a
# new compiler's new warning in third-party code must not break the build).
# Our files keep the full set of warnings and -Werror.
LWIP_DEFS   := -DCK_LWIP_HOST
LWIP_CFLAGS  = $(STD) -Wall -Wextra \
               $(LWIP_INC) $(LWIP_DEFS) $(CFLAGS)
LWIP_OUR_CFLAGS = $(STD) $(WARN) $(LWIP_INC) -Icore -Iport \
               -Iplatform/lwip/host -Iplatform/common -Iplatform/posix \
               $(LWIP_DEFS) $(CFLAGS) -D_POSIX_C_SOURCE=200809L

LWIP_OBJ     := $(patsubst %.c,$(BUILD)/lwip/obj/%.o,$(LWIP_SRC))
LWIP_SAN_OBJ := $(patsubst %.c,$(BUILD)/lwip/san/obj/%.o,$(LWIP_SRC))
LWIP_TEST_SRC := tests/lwip/lwip_echo_test.c $(LWIP_HOST_SRC) \
                 $(LWIP_PORT_SRC) core/ck_result.c core/ck_text.c \
                 core/ck_deadline.c
LWIP_TEST_OBJ := $(patsubst %.c,$(BUILD)/lwip/san/ours/%.o,$(LWIP_TEST_SRC))

.PHONY: lwip lwip-build lwip-test lwip-fetch lwip-tool lwip-tool-build
lwip-fetch:
	@scripts/fetch-third-party.sh

lwip: lwip-fetch
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) lwip-build

lwip-build: $(BUILD)/lwip/liblwip.a $(BUILD)/lwip/ours/port/ck_lwip_tcp.o \
            $(BUILD)/lwip/lwip_echo_test $(BUILD)/lwip/lwip_echo_test_dns \
            $(BUILD)/lwip/lwip_stack_wipe_test

lwip-test: lwip
	@BUILD=$(BUILD) PYTHON=$(PYTHON) tests/lwip/run_lwip_tests.sh

# --- lwIP itself --------------------------------------------------------------
$(BUILD)/lwip/obj/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_CFLAGS) -c $< -o $@

$(BUILD)/lwip/san/obj/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_CFLAGS) $(SAN) -c $< -o $@

$(BUILD)/lwip/liblwip.a: $(LWIP_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lwip/san/liblwip.a: $(LWIP_SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

# --- ours, on top of it ---------------------------------------------------------
# The plain object is what the zero-heap check in run_lwip_tests.sh reads.
$(BUILD)/lwip/ours/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_OUR_CFLAGS) -c $< -o $@

$(BUILD)/lwip/san/ours/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -c $< -o $@

$(BUILD)/lwip/lwip_echo_test: $(LWIP_TEST_OBJ) $(BUILD)/lwip/san/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -o $@ $^

# --- the same test with lwIP's resolver on: its own lwIP build ------------------
LWIP_DNS_OBJ      := $(patsubst %.c,$(BUILD)/lwip/dns/obj/%.o,$(LWIP_SRC))
LWIP_DNS_TEST_OBJ := $(patsubst %.c,$(BUILD)/lwip/dns/ours/%.o,$(LWIP_TEST_SRC))

$(BUILD)/lwip/dns/obj/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_CFLAGS) $(SAN) -DCK_LWIP_DNS=1 -c $< -o $@

$(BUILD)/lwip/dns/ours/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -DCK_LWIP_DNS=1 -c $< -o $@

$(BUILD)/lwip/dns/liblwip.a: $(LWIP_DNS_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lwip/lwip_echo_test_dns: $(LWIP_DNS_TEST_OBJ) $(BUILD)/lwip/dns/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -o $@ $^

# --- the tool over lwIP: ckafka-offsets-lwip ------------------------------------
# platform/common holds the command line both tools share (see the Makefile).

# The library's sources (less the socket transport: lwIP is the only TCP/IP
# stack here) are compiled again with the flags of our lwIP-side files, into
# this tree's own objects and archive, linked the way the POSIX tool links
# libckafka.a: the tool never shares an object or an archive with the
# top-level build, so a parallel `make test` cannot race on them.
LWIP_TOOL_SRC := platform/lwip/host/main_lwip.c \
                 platform/lwip/host/ck_lwip_stack.c \
                 $(LWIP_HOST_SRC) $(LWIP_PORT_SRC) \
                 $(wildcard platform/common/*.c) \
                 platform/posix/ck_posix_platform.c
LWIP_TOOL_LIB_SRC := $(filter-out port/ck_posix_socket.c,$(LIB_SRC))
LWIP_TOOL_HDRS := $(HDRS) $(CLI_HDRS) $(LWIP_OUR_HDRS)
LWIP_TOOL_OBJ      := $(patsubst %.c,$(BUILD)/lwip/ours/%.o,$(LWIP_TOOL_SRC))
LWIP_TOOL_SAN_OBJ  := $(patsubst %.c,$(BUILD)/lwip/san/ours/%.o,$(LWIP_TOOL_SRC))
LWIP_TOOL_FULL_OBJ := $(patsubst %.c,$(BUILD)/lwip/full/ours/%.o,$(LWIP_TOOL_SRC))
LWIP_TOOL_LIB_OBJ      := $(patsubst %.c,$(BUILD)/lwip/ours/%.o,$(LWIP_TOOL_LIB_SRC))
LWIP_TOOL_LIB_SAN_OBJ  := $(patsubst %.c,$(BUILD)/lwip/san/ours/%.o,$(LWIP_TOOL_LIB_SRC))
LWIP_TOOL_LIB_FULL_OBJ := $(patsubst %.c,$(BUILD)/lwip/full/ours/%.o,$(LWIP_TOOL_LIB_SRC))
LWIP_FULL_OBJ      := $(patsubst %.c,$(BUILD)/lwip/full/obj/%.o,$(LWIP_SRC))
LWIP_FULL_DEFS     := -DCK_LWIP_DNS=1 -DCK_LWIP_DHCP=1

$(LWIP_TOOL_OBJ) $(LWIP_TOOL_SAN_OBJ) $(LWIP_TOOL_FULL_OBJ) \
$(LWIP_TOOL_LIB_OBJ) $(LWIP_TOOL_LIB_SAN_OBJ) $(LWIP_TOOL_LIB_FULL_OBJ): \
	$(LWIP_TOOL_HDRS)

$(BUILD)/lwip/ours/libckafka.a: $(LWIP_TOOL_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lwip/san/ours/libckafka.a: $(LWIP_TOOL_LIB_SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lwip/full/ours/libckafka.a: $(LWIP_TOOL_LIB_FULL_OBJ)
	@rm -f $@
	ar rcs $@ $^

lwip-tool: lwip-fetch
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) lwip-tool-build

lwip-tool-build: $(BUILD)/ckafka-offsets-lwip $(BUILD)/lwip/san/ckafka-offsets-lwip \
                 $(BUILD)/lwip/full/ckafka-offsets-lwip

$(BUILD)/ckafka-offsets-lwip: $(LWIP_TOOL_OBJ) $(BUILD)/lwip/ours/libckafka.a \
                              $(BUILD)/lwip/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/lwip/san/ckafka-offsets-lwip: $(LWIP_TOOL_SAN_OBJ) \
                              $(BUILD)/lwip/san/ours/libckafka.a \
                              $(BUILD)/lwip/san/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

# The lwIP stack's deinit must leave no key material (run by
# tests/lwip/run_lwip_tests.sh): the tool's stack without its main.
LWIP_WIPE_TEST_OBJ := $(BUILD)/lwip/san/ours/tests/lwip/lwip_stack_wipe_test.o \
                      $(filter-out %/main_lwip.o,$(LWIP_TOOL_SAN_OBJ))
$(BUILD)/lwip/san/ours/tests/lwip/lwip_stack_wipe_test.o: $(LWIP_TOOL_HDRS)

$(BUILD)/lwip/lwip_stack_wipe_test: $(LWIP_WIPE_TEST_OBJ) \
                              $(BUILD)/lwip/san/ours/libckafka.a \
                              $(BUILD)/lwip/san/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

# With lwIP's resolver and DHCP client: lwIP and our files both see the
# switches, so it is a separate tree.
$(BUILD)/lwip/full/obj/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_CFLAGS) $(SAN) $(LWIP_FULL_DEFS) -c $< -o $@

$(BUILD)/lwip/full/ours/%.o: %.c $(LWIP_OUR_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) $(LWIP_FULL_DEFS) -c $< -o $@

$(BUILD)/lwip/full/liblwip.a: $(LWIP_FULL_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lwip/full/ckafka-offsets-lwip: $(LWIP_TOOL_FULL_OBJ) \
                              $(BUILD)/lwip/full/ours/libckafka.a \
                              $(BUILD)/lwip/full/liblwip.a
	$(CC) $(LWIP_OUR_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

# --- make test --------------------------------------------------------------------
# tests/run_all.sh runs the lwIP tests too, so `make test` builds them.
# The lwIP file lists exist only after the fetch, so this goes through one
# recursive make that fetches first (lwip-fetch is idempotent: a second run
# touches neither apt nor the network). Both compilers build the tool here,
# as `compilers` does for the POSIX one.
.PHONY: lwip-for-tests
lwip-for-tests: lwip-fetch
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) \
		lwip-build lwip-tool-build
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) \
		CC=gcc BUILD=$(BUILD)/gcc $(BUILD)/gcc/ckafka-offsets-lwip
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) \
		CC=clang BUILD=$(BUILD)/clang $(BUILD)/clang/ckafka-offsets-lwip

# make test needs the lwIP sources fetched before it can build these.
test: lwip-for-tests
