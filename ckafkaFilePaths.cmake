# ckafkaFilePaths.cmake -- the ckafka-offsets library's source files and
# include folders, in variables, for a firmware project that builds with
# CMake (Zephyr, ESP-IDF, the Pico SDK, most vendor SDKs) and keeps this
# repository as a subfolder:
#
#     include(path/to/ckafka-offsets/ckafkaFilePaths.cmake)
#     target_sources(app PRIVATE ${CKAFKA_CORE_SOURCES}
#                                ${CKAFKA_TLS_SOURCES}
#                                ${CKAFKA_TLS_PROFILE_MINIMAL_SOURCES}
#                                ${CKAFKA_LWIP_TCP_SOURCES})
#     target_include_directories(app PRIVATE ${CKAFKA_INCLUDE_PUBLIC_DIRS})
#
# The project brings the dependencies: BearSSL's headers and library (the
# TLS transport) and jsmn's single header (jsmn.h, for the core), and,
# for the lwIP stream, lwIP with an lwipopts.h. Capacities are set with
# -D (core/ck_config.h), the same for every file; enums may be of any size
# (no struct of the library holds one: see README, "Embedding").
#
# Files of this repository's own tools, tests and boards are not listed.
# The lists are checked against the tree by make test (tests/install).

# The client: encoding, signing, HTTP, decoding, retries. Freestanding C11.
set( CKAFKA_CORE_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_api_error.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_buf.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_calendar.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_client.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_deadline.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_http_date.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_http_request.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_http_response.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_json_string.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_json_validator.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_json_writer.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_request_encoder.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_response_decoder.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_result.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_secure_zero.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_tc3_signer.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_template.c"
     "${CMAKE_CURRENT_LIST_DIR}/core/ck_text.c" )

# BearSSL TLS 1.2 as a ck_transport over any byte stream, and trust
# anchors from PEM. Add one of the two profiles below.
set( CKAFKA_TLS_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_tls_client.c"
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_tls_hello_scan.c"
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_trust_anchors.c" )

# The TLS algorithms: the firmware's minimal profile (ECDHE, AES-GCM,
# P-256), or BearSSL's full one (hosts).
set( CKAFKA_TLS_PROFILE_MINIMAL_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_tls_profile_minimal.c" )
set( CKAFKA_TLS_PROFILE_FULL_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_tls_profile_full.c" )

# The byte stream under TLS: lwIP's raw TCP API (firmware), or POSIX
# sockets (hosts).
set( CKAFKA_LWIP_TCP_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_lwip_tcp.c" )
set( CKAFKA_POSIX_SOCKET_SOURCES
     "${CMAKE_CURRENT_LIST_DIR}/port/ck_posix_socket.c" )

# Include folders of the library's interface (core, port).
set( CKAFKA_INCLUDE_PUBLIC_DIRS
     "${CMAKE_CURRENT_LIST_DIR}/core"
     "${CMAKE_CURRENT_LIST_DIR}/port" )
