/*
 * ck_fw_trust_anchors.h -- the trust anchors compiled into the firmware.
 *
 * The definitions are generated at build time by
 * platform/cortex-m/tools/ck_ta_gen.c from PEM files (make firmware
 * FW_CA="a.pem b.pem"); they live in flash, so validating a server chain
 * costs no RAM for the anchors.
 */
#ifndef CK_FW_TRUST_ANCHORS_H
#define CK_FW_TRUST_ANCHORS_H

#include <stddef.h>

#include <bearssl.h>

/* The anchors, ck_fw_trust_anchor_count of them (at least one). */
extern const br_x509_trust_anchor ck_fw_trust_anchors[];
extern const size_t ck_fw_trust_anchor_count;

#endif /* CK_FW_TRUST_ANCHORS_H */
