# mk/static.mk -- build/ckafka-offsets-static: the tool as one fully static
# binary for an appliance, with no shared library and no NSS.
# Included by the top-level Makefile; uses its BUILD, STD, WARN, INC,
# HOST_DEFS, LIB_SRC and TOOL_SRC.
#
#   make static   $(BUILD)/ckafka-offsets-static
#
# musl (Debian's musl-tools: musl-gcc) instead of glibc: glibc's static
# getaddrinfo still loads NSS modules at run time, musl's resolver is built
# in. musl-gcc sees only musl's headers, so BearSSL is compiled from the
# Debian source package the firmware build already fetches
# (scripts/fetch-third-party.sh), and jsmn's header comes from there too.
# The binary is stripped: it is what gets copied onto the appliance.

STATIC_CC   ?= musl-gcc
STATIC_DIR  := $(BUILD)/static
STATIC_BIN  := $(BUILD)/ckafka-offsets-static
STATIC_BEARSSL := third_party/bearssl
STATIC_CFLAGS = $(STD) $(WARN) $(INC) -O2 $(HOST_DEFS) \
                -I$(STATIC_BEARSSL)/inc -Ithird_party/jsmn
# BearSSL's own code: its flags, not our warnings.
STATIC_BEARSSL_CFLAGS := -O2 -I$(STATIC_BEARSSL)/inc -I$(STATIC_BEARSSL)/src

STATIC_BEARSSL_SRC = $(wildcard $(STATIC_BEARSSL)/src/*.c $(STATIC_BEARSSL)/src/*/*.c)
STATIC_BEARSSL_OBJ = $(patsubst $(STATIC_BEARSSL)/%.c,$(STATIC_DIR)/bearssl/%.o,$(STATIC_BEARSSL_SRC))
STATIC_OBJ := $(patsubst %.c,$(STATIC_DIR)/obj/%.o,$(LIB_SRC) $(TOOL_SRC))

.PHONY: static static-deps static-build
static-deps:
	@scripts/install-deps.sh --static

# The BearSSL file list exists only after the fetch: one more make.
static: static-deps lwip-fetch
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) static-build

static-build: $(STATIC_BIN)

$(STATIC_DIR)/bearssl/%.o: $(STATIC_BEARSSL)/%.c
	@mkdir -p $(dir $@)
	@$(STATIC_CC) $(STATIC_BEARSSL_CFLAGS) -c $< -o $@

$(STATIC_DIR)/libbearssl.a: $(STATIC_BEARSSL_OBJ)
	@rm -f $@
	@echo "  STATIC-AR $@"
	@ar rcs $@ $^

$(STATIC_DIR)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(STATIC_CC) $(STATIC_CFLAGS) -c $< -o $@

$(STATIC_BIN): $(STATIC_OBJ) $(STATIC_DIR)/libbearssl.a
	$(STATIC_CC) -static -s -o $@ $(STATIC_OBJ) $(STATIC_DIR)/libbearssl.a
