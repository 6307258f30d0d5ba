/*
 * ck_cli.h -- the command line of the ckafka-offsets tools: options,
 * validation, the secret key's handling, dry run, and what is printed and
 * returned for each outcome.
 *
 * Two tools share it and differ only in how bytes reach the API:
 * platform/posix/main.c (POSIX sockets) and platform/lwip/host/main_lwip.c
 * (lwIP in user space on a TAP device). A tool adds its own flags through
 * ck_cli_tool and keeps the rest -- flags, messages and exit codes -- the
 * same as the other's.
 *
 * Host only: stdio, getopt, getenv, atexit. Not part of the library.
 */
#ifndef CK_CLI_H
#define CK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ck_api_settings.h"
#include "ck_client.h"
#include "ck_exit_status.h"
#include "ck_plan.h"

/* Returned by ck_cli_parse and flag handlers: go on, nothing to exit with. */
#define CK_CLI_CONTINUE (-1)

/* Longest --connect host kept (a DNS name's limit). */
#define CK_CLI_HOST_MAX 253

/* Longest --connect port kept: 1..65535, at most 5 digits. */
#define CK_CLI_PORT_MAX 5

struct ck_cli_args;

/* A flag of one tool only, given to getopt_long with the common ones. */
typedef struct {
	const char *name;   /* without the leading "--" */
	bool takes_value;
} ck_cli_flag;

/* What one tool adds to the common command line. */
typedef struct {
	/* Program name, at the start of every message. */
	const char *prog;

	/* Help lines for --connect (after the flag's column), and the
	 * default trust anchors named in --help. */
	const char *connect_help;
	const char *default_cacert;

	/* Help for the tool's own flags, printed after the common options
	 * (may be NULL), and its flags (count may be 0). */
	const char *extra_help;
	const ck_cli_flag *flags;
	size_t flag_count;

	/*
	 * Called for each of the tool's own flags in command-line order, with
	 * its index in `flags` and its value (NULL for a flag without one).
	 * Returns CK_CLI_CONTINUE, or an exit code (usually that of
	 * ck_cli_usage_error) to stop. May be NULL when flag_count is 0.
	 */
	int (*on_flag)(void *ctx, size_t index, const char *value);

	/*
	 * The tool's own checks of the whole command line, once every flag is
	 * in and the common ones have passed: CK_CLI_CONTINUE or an exit code.
	 * Runs for --dry-run too, so a dry run refuses what a real run would.
	 * May be NULL.
	 */
	int (*check)(void *ctx, const struct ck_cli_args *args);

	/*
	 * BearSSL's error code of the last TLS failure of the tool's stack
	 * (ck_tls_client_last_error), so a certificate failure can say whether
	 * the chain, the name or the date was wrong. May be NULL.
	 */
	int (*tls_error)(void *ctx);

	void *ctx;

	/*
	 * --dry-run for a tool whose request is signed elsewhere (the
	 * firmware under QEMU signs with its own clock): called once the
	 * command line is complete, returns the exit code. NULL: the request
	 * is signed here with the host's clock (ck_cli_dry_run).
	 */
	int (*dry_run)(void *ctx, const struct ck_cli_args *args);
} ck_cli_tool;

/* The common settings, as the command line and the environment gave them. */
typedef struct ck_cli_args {
	/* Ready for ck_client_modify_offsets; points into ck_cli's storage
	 * and argv. */
	ck_offsets_request request;
	ck_api_settings api;       /* endpoint never NULL: the default if
	                              unset, else a host name; secret_key and
	                              session_token wiped-at-exit copies,
	                              blanked in environ */
	const char *connect_host;  /* NULL: connect to the endpoint */
	const char *connect_port;  /* NULL: 443; else decimal 1..65535 as
	                              written, 1..5 chars */
	uint16_t connect_port_number; /* its value; 443 when NULL */
	bool connect_bracketed;    /* the host was written as [ADDR] (IPv6) */
	const char *cacert_path;   /* NULL: the tool's default */
	bool dry_run;
	/* --from-file: the plan, checked and grouped into calls; the request
	 * above then holds only the instance and group. NULL: one call. */
	ck_plan *plan;
	const char *plan_path;
	const char *profile;       /* --profile; NULL: the environment, else
	                              [default] */
	const char *credentials_source; /* "the environment" or a file */
} ck_cli_args;

/*
 * Parse argv and the environment into *args and check all of it: each
 * flag's value, the tool's own checks (ck_cli_tool.check), and the request
 * signed as the client would send it (ck_client_init and
 * ck_client_prepare with the host's clock). Once per process: the values
 * live in static storage and argv, and *args is remembered for the
 * messages of ck_cli_report. Returns CK_CLI_CONTINUE when the call should
 * go ahead; otherwise the exit code, after printing --help (0), a usage
 * error (1, naming the flag or variable and the value at fault, "Nothing
 * was sent"), or, for --dry-run, the signed request (ck_cli_dry_run, after
 * the CA file is checked as a real run loads it).
 */
int ck_cli_parse(const ck_cli_tool *tool, int argc, char **argv,
	ck_cli_args *args);

/*
 * Print "PROG: <fmt with arg>" and the hint to --help on stderr; returns
 * CK_CLI_EXIT_USAGE. `fmt` holds exactly one %s; `arg` is shown escaped
 * (ck_cli_put_text), so a value with control bytes cannot act on the
 * terminal.
 */
int ck_cli_usage_error(const ck_cli_tool *tool, const char *fmt,
	const char *arg);

/*
 * Bytes from outside the tool (a command-line value, a path) written for a
 * person to read: well-formed UTF-8 as it is, but a control byte, DEL, a
 * C1 control, a line or paragraph separator or a bidirectional control as
 * a JSON-style escape (\n, \u001b, \u202e), a backslash as \\, and a
 * byte that is not UTF-8 as \xNN. Never more than one line, never cut.
 */
void ck_cli_put_text(FILE *f, const char *p, size_t n);

/*
 * Raw JSON string content from the server (the span between the quotes,
 * escapes and all) with its escapes undone and then shown as
 * ck_cli_put_text shows text (json false), or re-escaped for a JSON string
 * (json true: '"' as \", the same characters as \uXXXX, so the value is
 * the server's and the line stays one line of valid JSON).
 */
void ck_cli_put_server_text(FILE *f, ck_span raw, bool json);

/*
 * Strict unsigned decimal of `len` bytes at `s`: digits only, no sign or
 * spaces, at most `max`. Returns 0 and sets *out, or -1.
 */
int ck_cli_parse_decimal(const char *s, size_t len, uint64_t max,
	uint64_t *out);

/*
 * --dry-run: sign the request with the clock of `platform` and print it
 * with its signature and session token redacted; send nothing (no
 * transport is involved). Returns the exit code.
 */
int ck_cli_dry_run(const ck_cli_tool *tool, const ck_cli_args *args,
	const ck_platform *platform);

/*
 * Report a CA file that failed to load or check (ck_ca_file_load or
 * ck_ca_file_check returned `r`): which file, and why, as
 * ck_ca_file_last_error() recorded. Returns the exit code.
 */
int ck_cli_report_ca_file(const ck_cli_tool *tool, ck_result r);

/*
 * Print a signed request as --dry-run shows it: the head with its
 * signature and session token redacted, then the body.
 */
void ck_cli_print_request(ck_span head, ck_span body);

/*
 * Print the outcome of a call -- the answer as one line of JSON on stdout,
 * or on stderr what happened, whether anything was applied and what to do
 * -- and return the exit code. `what` names the setup step that failed
 * ("reading the CA file"), or is NULL when `r` came from the call itself;
 * the message then says which step of it failed by `r` (resolving,
 * connecting, the TLS handshake, the certificate, sending...). Text from
 * the server is shown escaped (ck_cli_put_server_text), and the last line
 * on stderr is always the tool's own.
 */
int ck_cli_report(const ck_cli_tool *tool, ck_result r,
	const ck_offsets_response *resp, const char *what);

/*
 * Make the call and report it (ck_cli_report); returns the exit code.
 * `setup` is the result of wiring the tool's stack: when it is not CK_OK
 * nothing is sent and the failure is reported with `what`, the step that
 * failed; otherwise ck_client_modify_offsets(client, req) runs.
 */
int ck_cli_call(const ck_cli_tool *tool, ck_result setup, const char *what,
	ck_client *client, const ck_offsets_request *req);

/*
 * What the command line asked for, on `client`: its one call
 * (ck_cli_call), or every call of its plan in order on the same client --
 * one kept-alive connection, paced -- until the first that is not applied
 * (ck_cli_plan_done, ck_cli_plan_finish). `setup` and `what` as for
 * ck_cli_call. Returns the exit code.
 */
int ck_cli_run(const ck_cli_tool *tool, ck_result setup, const char *what,
	ck_client *client, const ck_cli_args *args);

/*
 * A plan's calls, reported as they end, for a tool that makes them
 * elsewhere (the firmware under QEMU) as for ck_cli_run. Before call `i`
 * (0-based): ck_cli_plan_progress, which shows "call i+1 of N" on stderr
 * when it is a terminal. After it: ck_cli_plan_done prints its JSON line
 * on stdout and, when it was not applied, what happened on stderr as
 * ck_cli_report says it (`what` likewise); returns true when the plan
 * goes on. Last: ck_cli_plan_finish prints the summary line on stdout
 * and, when the plan stopped, which lines were applied, which were not
 * and which are unknown on stderr; returns the exit status: that of the
 * call it stopped at, 0 when every call was applied.
 */
void ck_cli_plan_progress(const ck_cli_tool *tool, size_t i);
bool ck_cli_plan_done(const ck_cli_tool *tool, size_t i, ck_result r,
	const ck_offsets_response *resp, const char *what);
int ck_cli_plan_finish(const ck_cli_tool *tool);

/*
 * Call `i` ended with no result to report (the firmware stopped without
 * one): its JSON line says `error` and the result of exit status `code`,
 * and the plan stops there. What happened is the caller's to say.
 */
void ck_cli_plan_abandon(const ck_cli_tool *tool, size_t i, int code,
	const char *error);

/*
 * --dry-run of a plan: call `i`'s signed request, as ck_cli_print_request
 * prints it, after a line "# call I of N (lines ...)".
 */
void ck_cli_plan_print_request(size_t i, ck_span head, ck_span body);

#endif /* CK_CLI_H */
