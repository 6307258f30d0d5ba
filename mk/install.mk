# mk/install.mk -- make install / make uninstall: the tool, the library,
# its public headers, ckafka.pc and the man page, in the usual places
# under $(DESTDIR)$(PREFIX).
# Included by the top-level Makefile; uses its BUILD and the release
# build's $(BUILD)/libckafka.a and $(BUILD)/ckafka-offsets.
#
#   make install   [PREFIX=/usr/local] [DESTDIR=]
#     bin/ckafka-offsets
#     lib/libckafka.a
#     include/ckafka/*.h               (#include <ckafka/ck_client.h>)
#     lib/pkgconfig/ckafka.pc
#     share/man/man1/ckafka-offsets.1
#   make uninstall  removes exactly those files (and include/ckafka/ when
#                   that leaves it empty)
#
# The version is core/ck_version.h's, for --version, ckafka.pc and the man
# page alike.

PREFIX  ?= /usr/local
DESTDIR ?=
CK_VERSION_NUMBER := $(shell sed -n 's/^\#define CK_VERSION "\(.*\)"/\1/p' core/ck_version.h)

# The library's interface: the client and what its declarations need
# (ck_client.h includes the rest with quotes, so one folder holds them),
# the version, and the host transports libckafka.a carries (socket, TLS,
# trust anchors). The request path's own pieces (encoder internals, JSON,
# HTTP date, calendar, text) and the lwIP stream, which the library does
# not contain, stay out.
PUBLIC_HDRS := core/ck_api_error.h core/ck_client.h core/ck_config.h \
               core/ck_http_response.h core/ck_json_string.h \
               core/ck_platform.h \
               core/ck_request_encoder.h core/ck_response_decoder.h \
               core/ck_result.h core/ck_span.h core/ck_tc3_signer.h \
               core/ck_transport.h core/ck_version.h \
               port/ck_posix_socket.h port/ck_tls_client.h \
               port/ck_tls_hello_scan.h port/ck_trust_anchors.h

INST_BIN := $(DESTDIR)$(PREFIX)/bin
INST_LIB := $(DESTDIR)$(PREFIX)/lib
INST_INC := $(DESTDIR)$(PREFIX)/include/ckafka
INST_PC  := $(DESTDIR)$(PREFIX)/lib/pkgconfig
INST_MAN := $(DESTDIR)$(PREFIX)/share/man/man1

MAN_PAGE := $(BUILD)/ckafka-offsets.1

.PHONY: install uninstall man

man: $(MAN_PAGE)

# The page's source carries @VERSION@; the version comes from one place.
$(MAN_PAGE): docs/ckafka-offsets.1.in core/ck_version.h
	@mkdir -p $(dir $@)
	sed 's/@VERSION@/$(CK_VERSION_NUMBER)/g' $< > $@

# Debian's BearSSL ships no .pc file to require: -lbearssl goes in
# Libs.private, so `pkg-config --static --libs ckafka` links.
install: $(BUILD)/libckafka.a $(BUILD)/ckafka-offsets $(MAN_PAGE)
	install -d $(INST_BIN) $(INST_LIB) $(INST_INC) $(INST_PC) $(INST_MAN)
	install -m 0755 $(BUILD)/ckafka-offsets $(INST_BIN)/ckafka-offsets
	install -m 0644 $(BUILD)/libckafka.a $(INST_LIB)/libckafka.a
	install -m 0644 $(PUBLIC_HDRS) $(INST_INC)/
	install -m 0644 $(MAN_PAGE) $(INST_MAN)/ckafka-offsets.1
	printf '%s\n' \
		'prefix=$(PREFIX)' \
		'exec_prefix=$${prefix}' \
		'libdir=$${exec_prefix}/lib' \
		'includedir=$${prefix}/include' \
		'' \
		'Name: ckafka' \
		'Description: zero-heap C client for Tencent Cloud CKafka BatchModifyGroupOffsets' \
		'Version: $(CK_VERSION_NUMBER)' \
		'Cflags: -I$${includedir}' \
		'Libs: -L$${libdir} -lckafka' \
		'Libs.private: -lbearssl' > $(INST_PC)/ckafka.pc
	chmod 0644 $(INST_PC)/ckafka.pc

uninstall:
	rm -f $(INST_BIN)/ckafka-offsets $(INST_LIB)/libckafka.a \
		$(INST_PC)/ckafka.pc $(INST_MAN)/ckafka-offsets.1 \
		$(addprefix $(INST_INC)/,$(notdir $(PUBLIC_HDRS)))
	rmdir $(INST_INC) 2>/dev/null || true
