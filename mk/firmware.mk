# mk/firmware.mk -- the Cortex-M4 firmware image, the freestanding checks of
# the core, and the size report.
# Included by the top-level Makefile; uses its CC, BUILD, STD, WARN and
# PYTHON, and lwip-fetch from mk/lwip.mk.
#
#   make firmware     $(BUILD)/firmware/ckafka-fw.elf (16 KiB TLS records),
#                     checked to contain no allocator, `make firmware-qemu`
#                     and `make freestanding`
#   make firmware-qemu the images for QEMU's mps2-an386 board (16 KiB and
#                     2 KiB TLS records) and build/ckafka-offsets-qemu, the
#                     tool that runs them (platform/qemu/)
#   make freestanding compile every core/*.c with -ffreestanding and no C
#                     library for Cortex-M4, rv32imac and rv64imac
#                     (arm-none-eabi-gcc, riscv64-unknown-elf-gcc; compile
#                     only)
#   make size         both stub images ($(BUILD)/firmware and, with 2 KiB
#                     TLS records, $(BUILD)/firmware-mfl2k) and the QEMU
#                     image, then flash, static RAM and worst-case stack per
#                     component against the budgets (stub images only),
#                     and what running the QEMU image measures (stack
#                     high-water mark, instructions per step); also
#                     $(BUILD)/firmware*/size.json. Exits 0: a budget that
#                     does not hold says FAIL, it is a report.
#   make cross-deps   install the cross compilers (scripts/install-deps.sh --cross)
#
# Settings (make VAR=...):
#   FW_BOARD   the board: a folder of platform/cortex-m/boards/ with its
#              board.mk (FW_BOARD_SRC, FW_BOARD_DEFS) and memory.ld
#              (default stub: no hardware, measured by make size)
#   FW_MFL2K   1 for 2 KiB TLS records (max_fragment_length), default 0
#   FW_CA      PEM files whose certificates become the compiled-in trust
#              anchors (default: the two DigiCert roots below)
#   FW_DNS     1 to build lwIP with DNS, so the image resolves the API host
#              itself (default 0: the board gives a numeric address)
#   FW_DHCP    1 to build lwIP with DHCP (default 0: static settings)
#
# Sources come from scripts/fetch-third-party.sh (lwip-fetch), so these
# targets re-enter make once they are there, as `make lwip` does. Each
# image is one sub-make with FW_BOARD and FW_MFL2K set; they run one after
# the other because all share $(BUILD)/firmware/libbearssl.a. An image's
# folder is $(BUILD)/firmware, plus -<board> for any board but the stub,
# plus -mfl2k for 2 KiB records.

FW_PREFIX  ?= arm-none-eabi-
FW_CC      := $(FW_PREFIX)gcc
FW_AR      := $(FW_PREFIX)ar
FW_NM      := $(FW_PREFIX)nm
RV_CC      ?= riscv64-unknown-elf-gcc

# Tencent Cloud's API endpoints chain to DigiCert: Global Root G2 (current
# certificates) and Global Root CA (older ones). See README "Embedding".
FW_CA      ?= /etc/ssl/certs/DigiCert_Global_Root_G2.pem \
              /etc/ssl/certs/DigiCert_Global_Root_CA.pem
FW_DNS     ?= 0
FW_DHCP    ?= 0

# Soft float: nothing in the image uses floating point, so the FPU stays
# off (no CPACR set-up, no lazy FPU stacking) and the image runs on
# Cortex-M4 parts with or without one, and on an M3.
#
# Enums are arm-none-eabi's default size (the smallest that fits), as a
# vendor's build of board code has them: no public struct of the library
# holds an enum (they are fixed-width fields), the decoder reads jsmn's
# tokens only as jsmntok_t, and AAPCS widens an enum argument or result
# to 32 bits either way, so code built with or without -fshort-enums links
# against this image safely (tests/abi/check_struct_layouts.sh).
FW_ARCH    := -mthumb -mcpu=cortex-m4 -mfloat-abi=soft
# -fstack-usage and -fcallgraph-info feed the stack report; -g only adds
# debug sections, never flash.
FW_OPT     := -Os -g -ffunction-sections -fdata-sections \
              -fstack-usage -fcallgraph-info=su

FW_BEARSSL := third_party/bearssl
FW_JSMN    := third_party/jsmn
FW_LWIPSRC := third_party/lwip/src

# The client's capacities on firmware (core/ck_config.h; README
# "Embedding" says what each still holds). Both variants use them.
FW_CK_DEFS := -DCK_REQUEST_BODY_MAX=1024 -DCK_MAX_PARTITIONS=16 \
              -DCK_MAX_TOPICS=4 -DCK_HTTP_HEAD_MAX=1024 \
              -DCK_HTTP_HEADER_LINE_MAX=512 -DCK_HTTP_HEADERS_MAX=4096 \
              -DCK_RESPONSE_BODY_MAX=1024 -DCK_JSON_MAX_TOKENS=48

# The board, and the records: 16 KiB (full) or 2 KiB (max_fragment_length,
# with a smaller TCP window).
FW_BOARD   ?= stub
FW_MFL2K   ?= 0
FW_BOARD_DIR := platform/cortex-m/boards/$(FW_BOARD)
ifeq ($(wildcard $(FW_BOARD_DIR)/board.mk),)
$(error FW_BOARD=$(FW_BOARD): no $(FW_BOARD_DIR)/board.mk)
endif
include $(FW_BOARD_DIR)/board.mk
FW_VARIANT := firmware$(if $(filter-out stub,$(FW_BOARD)),-$(FW_BOARD))$(if $(filter 1,$(FW_MFL2K)),-mfl2k)
ifeq ($(FW_MFL2K),1)
FW_VARIANT_DEFS := -DCK_TLS_IOBUF_SIZE=2373
FW_LWIPOPTS_DIR := platform/cortex-m/lwip-mfl2k
else
FW_VARIANT_DEFS :=
FW_LWIPOPTS_DIR := platform/cortex-m/lwip
endif
FW_QEMU_BOARD := qemu-mps2-an386

FW_OUT     := $(BUILD)/$(FW_VARIANT)
FW_LIBDIR  := $(BUILD)/firmware
FW_ELF     := $(FW_OUT)/ckafka-fw.elf
FW_MAP     := $(FW_OUT)/ckafka-fw.map

# LWIP_NOASSERT: lwIP's assertions guard against misuse of its API and
# cost 10 KiB of flash (code and file-name strings); the one user of that
# API here is port/ck_lwip_tcp.c, whose use is tested on the host with
# assertions on (make lwip-test).
FW_LWIP_DEFS := -DCK_LWIP_DNS=$(FW_DNS) -DCK_LWIP_DHCP=$(FW_DHCP) -DLWIP_NOASSERT
# Our lwipopts.h overlay first, then the shared one's directory (arch/cc.h).
FW_LWIP_INC  := -I$(FW_LWIPOPTS_DIR) -Iplatform/lwip -I$(FW_LWIPSRC)/include

FW_CFLAGS  := $(STD) $(WARN) $(FW_ARCH) $(FW_OPT) $(FW_CK_DEFS) \
              $(FW_VARIANT_DEFS) $(FW_LWIP_DEFS) $(FW_BOARD_DEFS) \
              -Icore -Iport -Iplatform/cortex-m -Iplatform/common \
              -I$(FW_BOARD_DIR) -I$(FW_OUT)/gen \
              $(FW_LWIP_INC) -I$(FW_BEARSSL)/inc -I$(FW_JSMN)
# Third-party code: its own warnings are not ours to fix (no -Werror).
FW_LWIP_CFLAGS := $(STD) -Wall -Wextra $(FW_ARCH) $(FW_OPT) \
              $(FW_LWIP_DEFS) $(FW_LWIP_INC)
# No OS time or randomness: newlib's headers define _POSIX_C_SOURCE, which
# BearSSL would take for a Unix and call time() (pulling in newlib's
# gettimeofday stubs). Time and entropy come from the board hooks instead.
FW_BEARSSL_CFLAGS := $(FW_ARCH) $(FW_OPT) -DBR_ARMEL_CORTEXM_GCC \
              -DBR_USE_UNIX_TIME=0 -DBR_USE_URANDOM=0 \
              -I$(FW_BEARSSL)/src -I$(FW_BEARSSL)/inc
FW_LDFLAGS := $(FW_ARCH) --specs=nano.specs -nostartfiles \
              -Tplatform/cortex-m/ckafka-fw.ld -L$(FW_BOARD_DIR) \
              -Wl,--gc-sections \
              -Wl,-Map=$(FW_MAP) -Wl,--cref

# What goes in: the whole core; of port/ the TLS client, the minimal
# profile and the lwIP stream (the PEM loader is not needed: the anchors
# are compiled in); the settings struct the host tools share; the
# application, the weak board defaults, startup, and the board's files.
FW_OUR_SRC := $(wildcard core/*.c) port/ck_tls_client.c port/ck_tls_hello_scan.c \
              port/ck_tls_profile_minimal.c port/ck_lwip_tcp.c \
              platform/common/ck_api_settings.c \
              platform/cortex-m/app.c platform/cortex-m/board_stub.c \
              platform/cortex-m/startup.c $(FW_BOARD_SRC)
FW_OUR_HDRS := $(wildcard core/*.h port/*.h platform/cortex-m/*.h \
              platform/cortex-m/*/lwipopts.h platform/lwip/*.h \
              platform/lwip/arch/*.h $(FW_BOARD_DIR)/*.h \
              platform/common/ck_api_settings.h) $(FW_BOARD_DIR)/board.mk
FW_OUR_OBJ := $(patsubst %.c,$(FW_OUT)/obj/%.o,$(FW_OUR_SRC)) \
              $(FW_OUT)/obj/gen/ck_fw_trust_anchors.o

FW_BEARSSL_SRC := $(wildcard $(FW_BEARSSL)/src/*.c $(FW_BEARSSL)/src/*/*.c)
FW_BEARSSL_OBJ := $(patsubst $(FW_BEARSSL)/%.c,$(FW_LIBDIR)/bearssl/%.o,\
                  $(FW_BEARSSL_SRC))
FW_LWIP_OBJ    := $(patsubst %.c,$(FW_OUT)/lwip/%.o,$(LWIP_SRC))

# Anything of these in the image means something allocates (the one list,
# which the firmware and lwIP tests read too).
FW_EMPTY :=
FW_SPACE := $(FW_EMPTY) $(FW_EMPTY)
FW_HEAP_SYMBOLS := $(shell sed -e 's/\#.*//' mk/heap-symbols.txt)

.PHONY: firmware firmware-qemu freestanding size cross-deps fw-image

cross-deps:
	@scripts/install-deps.sh --cross

FW_SUBMAKE := $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

firmware: lwip-fetch cross-deps
	@$(FW_SUBMAKE) FW_BOARD=stub FW_MFL2K=0 fw-image
	@$(FW_SUBMAKE) firmware-qemu
	@$(FW_SUBMAKE) freestanding

firmware-qemu: lwip-fetch cross-deps
	@$(FW_SUBMAKE) FW_BOARD=$(FW_QEMU_BOARD) FW_MFL2K=0 fw-image
	@$(FW_SUBMAKE) FW_BOARD=$(FW_QEMU_BOARD) FW_MFL2K=1 fw-image
	@$(FW_SUBMAKE) $(BUILD)/ckafka-offsets-qemu

size: lwip-fetch cross-deps
	@$(FW_SUBMAKE) FW_BOARD=stub FW_MFL2K=0 fw-image
	@$(FW_SUBMAKE) FW_BOARD=stub FW_MFL2K=1 fw-image
	@$(FW_SUBMAKE) firmware-qemu
	@$(PYTHON) tests/firmware/measure_qemu.py $(BUILD)/ckafka-offsets-qemu \
		$(BUILD)/firmware-$(FW_QEMU_BOARD)
	@$(PYTHON) platform/cortex-m/size_report.py \
		--image default=$(BUILD)/firmware \
		--image mfl2k=$(BUILD)/firmware-mfl2k \
		--image qemu=$(BUILD)/firmware-$(FW_QEMU_BOARD)

fw-image: $(FW_ELF)

# Objects are rebuilt when the flags change (FW_DNS=1, another variant...).
FW_FLAGS_STAMP := $(FW_OUT)/flags
$(FW_FLAGS_STAMP): FORCE_FW_FLAGS
	@mkdir -p $(dir $@)
	@echo '$(FW_CFLAGS) | $(FW_LWIP_CFLAGS)' | cmp -s - $@ \
		|| echo '$(FW_CFLAGS) | $(FW_LWIP_CFLAGS)' > $@
.PHONY: FORCE_FW_FLAGS

# --- BearSSL: every source into an archive; --gc-sections keeps what is used -
$(FW_LIBDIR)/bearssl/%.o: $(FW_BEARSSL)/%.c mk/firmware.mk
	@mkdir -p $(dir $@)
	@$(FW_CC) $(FW_BEARSSL_CFLAGS) -c $< -o $@

$(FW_LIBDIR)/libbearssl.a: $(FW_BEARSSL_OBJ)
	@rm -f $@
	@echo "  FW-AR   $@"
	@$(FW_AR) rcs $@ $^

# --- lwIP with our lwipopts.h ---------------------------------------------------
$(FW_OUT)/lwip/%.o: %.c $(FW_OUR_HDRS) $(FW_FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@$(FW_CC) $(FW_LWIP_CFLAGS) -c $< -o $@

$(FW_OUT)/liblwip.a: $(FW_LWIP_OBJ)
	@rm -f $@
	@echo "  FW-AR   $@"
	@$(FW_AR) rcs $@ $^

# --- trust anchors: generated from FW_CA by a host tool ---------------------
$(FW_LIBDIR)/tools/ck_ta_gen: platform/cortex-m/tools/ck_ta_gen.c \
		port/ck_trust_anchors.c port/ck_trust_anchors.h core/ck_result.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) -O2 -Icore -Iport -D_POSIX_C_SOURCE=200809L \
		-o $@ platform/cortex-m/tools/ck_ta_gen.c port/ck_trust_anchors.c \
		-lbearssl

# Regenerated when the list of files changes, not only their contents.
FW_CA_STAMP := $(FW_OUT)/gen/ca-files
$(FW_CA_STAMP): FORCE_FW_CA
	@mkdir -p $(dir $@)
	@echo '$(FW_CA)' | cmp -s - $@ || echo '$(FW_CA)' > $@
.PHONY: FORCE_FW_CA

$(FW_OUT)/gen/ck_fw_trust_anchors.c: $(FW_LIBDIR)/tools/ck_ta_gen \
		$(FW_CA_STAMP) $(FW_CA)
	$(FW_LIBDIR)/tools/ck_ta_gen $@ $(FW_CA)

$(FW_OUT)/obj/gen/%.o: $(FW_OUT)/gen/%.c platform/cortex-m/ck_fw_trust_anchors.h \
		$(FW_FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FW-CC   $<"
	@$(FW_CC) $(FW_CFLAGS) -c $< -o $@

# --- ours ------------------------------------------------------------------------
$(FW_OUT)/obj/%.o: %.c $(FW_OUR_HDRS) $(FW_FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FW-CC   $<"
	@$(FW_CC) $(FW_CFLAGS) -c $< -o $@

# --- the image, and the proof that it has no heap ---------------------------
$(FW_ELF): $(FW_OUR_OBJ) $(FW_OUT)/liblwip.a $(FW_LIBDIR)/libbearssl.a \
		platform/cortex-m/ckafka-fw.ld $(FW_BOARD_DIR)/memory.ld
	@echo "  FW-LD   $@"
	@$(FW_CC) $(FW_LDFLAGS) -o $@ $(FW_OUR_OBJ) $(FW_OUT)/liblwip.a \
		$(FW_LIBDIR)/libbearssl.a
	@found=$$($(FW_NM) $@ | awk '{ print $$NF }' | \
		grep -x -E '$(subst $(FW_SPACE),|,$(strip $(FW_HEAP_SYMBOLS)))'); \
	if [ -n "$$found" ]; then \
		echo "firmware: allocator linked into $@:" $$found >&2; \
		rm -f $@; exit 1; \
	fi; \
	echo "firmware: $@ has no allocator ($(strip $(FW_HEAP_SYMBOLS)) absent)"

# --- the core, freestanding ---------------------------------------------------
# Compile only. platform/freestanding/string.h stands in for a libc: it
# declares just the functions the core may use, so the check also proves
# the core needs nothing else.
FW_FREESTANDING_FLAGS := -ffreestanding -Os -std=c11 -Wall -Wextra -Werror \
              -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wcast-align -Wpointer-arith \
              -nostdinc -isystem platform/freestanding \
              -Icore -I$(FW_BEARSSL)/inc -I$(FW_JSMN)
FW_CORE_SRC := $(wildcard core/*.c)
# name:compiler and target flags. The RISC-V compiler is checked for a
# 32-bit microcontroller (rv32imac) and for its native rv64.
FW_FREESTANDING_TARGETS := \
	arm-cortex-m4:$(FW_CC)~$(subst $(FW_SPACE),~,$(FW_ARCH)) \
	riscv32:$(RV_CC)~-march=rv32imac_zicsr~-mabi=ilp32 \
	riscv64:$(RV_CC)~-march=rv64imac_zicsr~-mabi=lp64

freestanding: lwip-fetch cross-deps
	@set -e; for t in $(FW_FREESTANDING_TARGETS); do \
		name=$${t%%:*}; cc=$$(echo "$${t#*:}" | tr '~' ' '); \
		inc=$$($${cc%% *} -print-file-name=include); \
		out=$(BUILD)/freestanding/$$name; mkdir -p $$out; \
		for f in $(FW_CORE_SRC); do \
			$$cc $(FW_FREESTANDING_FLAGS) -isystem $$inc \
				-c $$f -o $$out/$$(basename $$f .c).o; \
		done; \
		echo "freestanding: $(words $(FW_CORE_SRC)) core files compile for $$name ($$cc -ffreestanding)"; \
	done

# --- the firmware as a tool: build/ckafka-offsets-qemu ------------------------
# A host program (platform/qemu/) with the tools' command line that runs the
# QEMU board's image for each call. It is compiled with the firmware's
# capacities (FW_CK_DEFS), so the command line refuses exactly what the
# image cannot hold. The sanitizer build is the one the tests run.
QEMU_TOOL_SRC := platform/qemu/main_qemu.c platform/qemu/ck_qemu_run.c \
                 platform/common/ck_cli.c platform/common/ck_api_settings.c \
                 platform/common/ck_exit_status.c platform/common/ck_ca_file.c \
                 platform/common/ck_plan.c platform/common/ck_credentials.c \
                 platform/posix/ck_posix_platform.c port/ck_trust_anchors.c \
                 platform/cortex-m/boards/$(FW_QEMU_BOARD)/ck_qemu_job.c \
                 $(wildcard core/*.c)
QEMU_TOOL_HDRS := $(wildcard core/*.h platform/common/*.h platform/posix/*.h \
                 platform/qemu/*.h platform/cortex-m/*.h \
                 platform/cortex-m/boards/$(FW_QEMU_BOARD)/*.h)
QEMU_TOOL_FLAGS = $(STD) $(WARN) $(CFLAGS) $(HOST_DEFS) $(FW_CK_DEFS) \
                 -Icore -Iport -Iplatform/posix -Iplatform/common \
                 -Iplatform/qemu -Iplatform/cortex-m \
                 -Iplatform/cortex-m/boards/$(FW_QEMU_BOARD) \
                 -DCK_QEMU_DEFAULT_IMAGE='"$(abspath $(BUILD))/firmware-$(FW_QEMU_BOARD)/ckafka-fw.elf"'

$(BUILD)/qemu-tool/obj/%.o: %.c $(QEMU_TOOL_HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(QEMU_TOOL_FLAGS) -c $< -o $@

$(BUILD)/san/qemu-tool/obj/%.o: %.c $(QEMU_TOOL_HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(QEMU_TOOL_FLAGS) $(SAN) -c $< -o $@

$(BUILD)/ckafka-offsets-qemu: $(patsubst %.c,$(BUILD)/qemu-tool/obj/%.o,$(QEMU_TOOL_SRC))
	$(CC) $(QEMU_TOOL_FLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/san/ckafka-offsets-qemu: $(patsubst %.c,$(BUILD)/san/qemu-tool/obj/%.o,$(QEMU_TOOL_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(QEMU_TOOL_FLAGS) $(SAN) -o $@ $^ $(LDLIBS)
