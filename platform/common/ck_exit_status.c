/*
 * ck_exit_status.c -- a result's exit status (ck_exit_status.h).
 */
#include "ck_exit_status.h"

int
ck_cli_exit_code(ck_result r)
{
	switch (ck_result_outcome(r)) {
	case CK_OUTCOME_APPLIED:
		return CK_CLI_EXIT_APPLIED;
	case CK_OUTCOME_REJECTED:
		return CK_CLI_EXIT_API_ERROR;
	case CK_OUTCOME_NOT_APPLIED:
		switch (r) {
		case CK_ERR_INVALID_ARGUMENT:
		case CK_ERR_MISSING_FIELD:
		case CK_ERR_INVALID_UTF8:
		case CK_ERR_TOO_MANY_PARTITIONS:
		case CK_ERR_TOO_MANY_TOPICS:
		case CK_ERR_BUFFER_TOO_SMALL:
		case CK_ERR_INVALID_HEADER_VALUE:
		case CK_ERR_TRUST_ANCHORS:
			return CK_CLI_EXIT_USAGE;
		default:
			return CK_CLI_EXIT_NOT_APPLIED;
		}
	case CK_OUTCOME_UNKNOWN:
		break;
	}
	return CK_CLI_EXIT_UNKNOWN;
}
