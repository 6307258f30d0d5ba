# mk/lwip.mk -- lwIP from source with our lwipopts.h, the lwIP transport
# (port/ck_lwip_tcp.c) and its host harness over a TAP device.
# Included by the top-level Makefile; uses its CC, BUILD, STD, WARN, CFLAGS,
# SAN and PYTHON.
#
#   make lwip        fetch the pinned sources if needed, then build
#                    $(BUILD)/lwip/liblwip.a, the transport object and
#                    $(BUILD)/lwip/lwip_echo_test{,_dns} (ASan+UBSan; the
#                    second with lwIP's resolver, CK_LWIP_DNS=1)
#   make lwip-test   the above, then tests/lwip/run_lwip_tests.sh (needs
#                    root and network namespaces; otherwise it says SKIP)
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
LWIP_HOST_SRC := $(wildcard platform/lwip/host/*.c)
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
               -Iplatform/lwip/host $(LWIP_DEFS) $(CFLAGS) \
               -D_POSIX_C_SOURCE=200809L

LWIP_OBJ     := $(patsubst %.c,$(BUILD)/lwip/obj/%.o,$(LWIP_SRC))
LWIP_SAN_OBJ := $(patsubst %.c,$(BUILD)/lwip/san/obj/%.o,$(LWIP_SRC))
LWIP_TEST_SRC := tests/lwip/lwip_echo_test.c $(LWIP_HOST_SRC) \
                 $(LWIP_PORT_SRC) core/ck_result.c
LWIP_TEST_OBJ := $(patsubst %.c,$(BUILD)/lwip/san/ours/%.o,$(LWIP_TEST_SRC))

.PHONY: lwip lwip-build lwip-test lwip-fetch
lwip-fetch:
	@scripts/fetch-third-party.sh

lwip: lwip-fetch
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) lwip-build

lwip-build: $(BUILD)/lwip/liblwip.a $(BUILD)/lwip/ours/port/ck_lwip_tcp.o \
            $(BUILD)/lwip/lwip_echo_test $(BUILD)/lwip/lwip_echo_test_dns

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
