/*
 * public_structs.c -- one object of every struct the library's users
 * allocate or read: the core's, the port's, and (firmware) the board
 * interface's. tests/abi/check_struct_layouts.sh compiles this file with
 * and without -fshort-enums and compares every member's offset and size,
 * as the debugger reads them off the two objects.
 *
 * Each ABI(type) line names a type the script checks.
 */
#include "ck_client.h"
#include "ck_http_request.h"
#include "ck_json_validator.h"
#include "ck_json_writer.h"
#include "ck_tc3_signer.h"
#include "ck_tls_client.h"
#include "ck_tls_hello_scan.h"
#include "ck_trust_anchors.h"
#ifdef CK_ABI_FIRMWARE
#include "ck_api_settings.h"
#include "ck_board.h"
#include "ck_lwip_tcp.h"
#else
#include "ck_posix_socket.h"
#endif

#define ABI(type) type abi_##type;

ABI(ck_span)
ABI(ck_buf)
ABI(ck_platform)
ABI(ck_transport)
ABI(ck_client_config)
ABI(ck_client)
ABI(ck_partition_offset)
ABI(ck_offsets_request)
ABI(ck_json_token)
ABI(ck_offsets_response)
ABI(ck_http_request_head)
ABI(ck_http_response)
ABI(ck_json_writer)
ABI(ck_tc3_key_cache)
ABI(ck_tc3_input)
ABI(ck_tls_config)
ABI(ck_tls_client)
ABI(ck_tls_hello_scan)
ABI(ck_trust_anchors_report)
ABI(ck_trust_anchors)
#ifdef CK_ABI_FIRMWARE
ABI(ck_api_settings)
ABI(ck_board_eth_piece)
ABI(ck_board_eth_buffer)
ABI(ck_board_ipv4)
ABI(ck_board_api_config)
ABI(ck_board_request)
ABI(ck_board_report)
ABI(ck_lwip_tcp_hooks)
ABI(ck_lwip_tcp)
#else
ABI(ck_posix_socket)
#endif
