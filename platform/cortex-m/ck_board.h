/*
 * ck_board.h -- what a board supplies to the firmware image.
 *
 * The image (platform/cortex-m/app.c with lwIP, BearSSL and the client) is
 * board-independent: everything that touches hardware, and everything a
 * product decides (credentials, which offsets to set and when, what to do
 * with the outcome), goes through the functions below. board_stub.c
 * defines each of them as a weak symbol that does nothing useful, so an
 * image links and can be measured; a board defines the same names in its
 * own files (platform/cortex-m/boards/<name>/, chosen with
 * `make firmware FW_BOARD=<name>`), and the linker takes those instead.
 * No other file needs to change.
 *
 * Calling context: every function is called from the one thread of
 * control that runs the application loop (NO_SYS lwIP), never from an
 * interrupt, and none may call back into lwIP or the client. Interrupt
 * handlers a board needs (Ethernet, SysTick) only set flags or count;
 * the work happens when the loop calls in.
 */
#ifndef CK_BOARD_H
#define CK_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "ck_api_settings.h"
#include "ck_client.h"
#include "ck_result.h"

/* --- start ------------------------------------------------------------------ */

/*
 * Called once, first thing in main(): clocks, the millisecond timer, a
 * console. Every other hook may assume it has run.
 */
void ck_board_init(void);

/* --- Ethernet -------------------------------------------------------------- */

/*
 * Largest frame exchanged with the board: destination MAC through payload
 * of a 1500-byte MTU, without FCS (the MAC adds and strips it).
 */
#define CK_BOARD_ETH_FRAME_MAX 1514

/* One piece of an outgoing frame (lwIP keeps a frame in a buffer chain). */
typedef struct {
	const uint8_t *data;
	size_t len;
} ck_board_eth_piece;

/*
 * Bring up the MAC and PHY and write the interface's 6-byte MAC address
 * to `mac`. Returns false when there is no usable interface; the
 * application then stops. Called once, before any other ck_board_eth_*.
 */
bool ck_board_eth_init(uint8_t mac[6]);

/*
 * Send one frame, given as `count` pieces (1..8) that follow each other;
 * their total is at most CK_BOARD_ETH_FRAME_MAX bytes, and the board pads
 * short frames to 60 bytes if its MAC does not. Returns true once the
 * board has taken its own copy (into DMA memory, say): the pieces may
 * change as soon as it returns. Returns false when the frame cannot be
 * sent now (no free descriptor, link down); the frame is then dropped and
 * TCP retransmits it. Must not block for long (bounded by the hardware).
 */
bool ck_board_eth_output(const ck_board_eth_piece *pieces, size_t count);

/* One piece of the buffer a received frame is copied into. */
typedef struct {
	uint8_t *data;
	size_t len;
} ck_board_eth_buffer;

/*
 * If a received frame is waiting, copy it (destination MAC through
 * payload, no FCS) into the `count` buffers (1..8), filling each one
 * before the next, and return its length; return 0 when none is waiting.
 * The buffers together always hold at least CK_BOARD_ETH_FRAME_MAX bytes
 * (lwIP's pool buffers may be smaller than a frame, so a frame can span
 * several); the board drops longer frames itself, and frames with a bad
 * FCS. Never blocks. The application calls this only when it has buffers
 * to spare, so a board should keep frames in its own ring meanwhile.
 */
size_t ck_board_eth_receive(const ck_board_eth_buffer *bufs, size_t count);

/* --- network settings ------------------------------------------------------ */

/* IPv4 settings; each address as 4 bytes, most significant first. */
typedef struct {
	uint8_t addr[4];
	uint8_t netmask[4];
	uint8_t gateway[4];
	uint8_t dns[4];        /* used only when the image has DNS */
} ck_board_ipv4;

/*
 * Fill `out` with static IPv4 settings and return true, or return false
 * to take an address by DHCP (images built with CK_LWIP_DHCP=1; without
 * it, false stops the application).
 */
bool ck_board_ipv4_settings(ck_board_ipv4 *out);

/* --- the API: where, as whom, and what to ask ------------------------------- */

/*
 * Where and as whom to call the API. Strings are NUL-terminated, owned by
 * the board and must stay valid (in flash, or in RAM read from a secure
 * element or a provisioning channel) for as long as the application runs.
 */
typedef struct {
	/*
	 * Endpoint (NULL = CK_DEFAULT_ENDPOINT), region, SecretId, SecretKey
	 * (required), session token and language (may be NULL), timeout_ms
	 * (0 = the client's default): the same settings the host tools take
	 * from their command line.
	 */
	ck_api_settings api;

	/*
	 * The address to connect to: numeric IPv4 ("203.0.113.7"), or NULL
	 * for the endpoint itself (needs an image built with CK_LWIP_DNS=1).
	 * TLS still checks the certificate against the endpoint's name.
	 */
	const char *connect_host;
	uint16_t connect_port;           /* 0 = 443 */

	/*
	 * Trust anchors, or NULL (count 0) for the anchors compiled into the
	 * image (ck_fw_trust_anchors.h). They must outlive the application.
	 */
	const br_x509_trust_anchor *anchors;
	size_t anchor_count;
} ck_board_api_config;

/*
 * Fill `out` and return CK_OK; or return why there are no usable settings
 * (CK_ERR_MISSING_FIELD when the board has no credentials,
 * CK_ERR_TRUST_ANCHORS when its anchors cannot be read, ...) with *what
 * naming the step or source that failed, for the report. Called once,
 * before the first request is carried out.
 */
ck_result ck_board_api_settings(ck_board_api_config *out, const char **what);

/* One request for the application to carry out. */
typedef struct {
	ck_offsets_request request; /* must stay valid until request_done */
	/*
	 * Only encode and sign the request, as it would be sent now, and
	 * report it (ck_board_report.head/body); send nothing. What the host
	 * tools call --dry-run.
	 */
	bool prepare_only;
} ck_board_request;

/*
 * The next request to carry out: fill `out` and return true, or return
 * false when there is none (now). The application asks again after each
 * request_done; a board that has nothing more returns false for ever.
 */
bool ck_board_next_request(ck_board_request *out);

/* Most connection openings one report itemises (later ones are counted). */
#define CK_BOARD_REPORT_OPENS 4

/* What came of one request; everything is valid only during request_done. */
typedef struct {
	int32_t result;       /* a ck_result (fixed width: board code may be
	                         built with other enum sizes); CK_OK:
	                         applied; else ck_result_outcome() */
	/*
	 * The step a failure came from, as the host tools name it
	 * ("bringing the network up", or the board's *what from
	 * ck_board_api_settings); NULL when the result came from the call
	 * itself (its value then says which step of the call failed).
	 */
	const char *what;
	const ck_offsets_response *response; /* the API's answer (CK_OK, and
	                                        the rejected outcomes) */
	ck_span head, body;   /* prepare_only and CK_OK: the signed request */
	int tls_error;        /* BearSSL's code of the last TLS failure, 0 none */

	/* Measured on the device. */
	size_t stack_used;    /* main stack high-water mark since boot, bytes */
	size_t stack_size;    /* the stack reserved for it (ckafka-fw.ld) */
	/* CPU time (ck_board_cpu_time_ns) of the whole request, and of each
	 * opening of the connection (TCP connect and TLS handshake). */
	uint64_t call_cpu_ns;
	uint64_t open_cpu_ns[CK_BOARD_REPORT_OPENS];
	unsigned opens;
} ck_board_report;

/*
 * The request `req` (from next_request) has been carried out: act on
 * `report` (log it, raise an alarm, schedule a retry for an unknown
 * outcome: the call sets absolute offsets, so repeating it is safe). May
 * not return (a test board ends the run here).
 */
void ck_board_request_done(const ck_board_request *req,
	const ck_board_report *report);

/* --- entropy and time -------------------------------------------------------- */

/*
 * Fill `len` bytes with cryptographic-quality randomness (a hardware
 * TRNG, conditioned as its data sheet says) and return true; return false
 * on any failure rather than return weak bytes. TLS refuses to start
 * without it (it seeds BearSSL's DRBG once per handshake with 32 bytes).
 */
bool ck_board_entropy(uint8_t *buf, size_t len);

/*
 * Wall-clock time: seconds since 1970-01-01T00:00:00Z, or a negative value
 * when the board does not know it. TLS needs it to check certificate
 * validity (a board without a real-time clock must set one, e.g. by SNTP,
 * before the first call: with an unknown time every handshake fails with
 * CK_ERR_TLS_CERTIFICATE). A time that is merely off by minutes is fine:
 * the client corrects its request signatures from the server's Date.
 */
int64_t ck_board_unix_time(void);

/*
 * Milliseconds since an arbitrary origin (boot): never goes backwards and
 * does not wrap within the device's life (a 32-bit SysTick count widened
 * to 64 bits by the board). Drives lwIP's timers and every timeout.
 */
uint64_t ck_board_monotonic_ms(void);

/*
 * Nothing to do until the next interrupt: wait for one (WFI) or return at
 * once. Called by the network loop when no frame was waiting; it must
 * come back within about a millisecond (a timer interrupt), since the
 * loop checks its deadlines between calls. Lets the CPU sleep while the
 * network is quiet instead of spinning.
 */
void ck_board_idle(void);

/*
 * CPU time since boot in nanoseconds: time not spent waiting in
 * ck_board_idle (a cycle counter over the core clock, say); 0 when the
 * board cannot tell. Only read for the report's measurements.
 */
uint64_t ck_board_cpu_time_ns(void);

/* --- failure ------------------------------------------------------------------ */

/*
 * A broken invariant (an lwIP assertion): log `why` if the board can, then
 * reset. Never returns.
 */
_Noreturn void ck_board_panic(const char *why);

#endif /* CK_BOARD_H */
