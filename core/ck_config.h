/*
 * ck_config.h -- every compile-time capacity and limit of the library.
 *
 * Each value has a default that suits a gateway calling the API for one
 * consumer group at a time. Override any of them with -D on the compiler
 * command line; all of core/ and port/ must see the same values. Running out
 * of any of these is an error with its own result code, found before anything
 * is sent; nothing is ever silently truncated.
 */
#ifndef CK_CONFIG_H
#define CK_CONFIG_H

/*
 * Bytes reserved for the JSON request body. One partition entry costs at
 * most 54 bytes ({"Partition":2147483647,"Offset":9223372036854775807},),
 * a topic name its length plus 3 and any escaping (up to 6 bytes for one
 * control character). 64 partitions of the largest values take 3455
 * bytes, leaving about 570 for the group, the instance id and the topics;
 * raise this for many long topic names (8192 holds every maximum: 16 topics
 * and a group of 249 bytes, Kafka's longest names).
 */
#ifndef CK_REQUEST_BODY_MAX
#define CK_REQUEST_BODY_MAX 4096
#endif

/* Most partitions one request may carry. */
#ifndef CK_MAX_PARTITIONS
#define CK_MAX_PARTITIONS 64
#endif

/* Most topic names one request may carry. */
#ifndef CK_MAX_TOPICS
#define CK_MAX_TOPICS 16
#endif

/*
 * Bytes reserved for the HTTP request head (request line and headers, with
 * the Authorization header). A session token can be long (up to ~1 KiB).
 */
#ifndef CK_HTTP_HEAD_MAX
#define CK_HTTP_HEAD_MAX 2048
#endif

/* Longest single response header line accepted, in bytes. */
#ifndef CK_HTTP_HEADER_LINE_MAX
#define CK_HTTP_HEADER_LINE_MAX 1024
#endif

/* Most bytes of response status line and headers accepted, in all. */
#ifndef CK_HTTP_HEADERS_MAX
#define CK_HTTP_HEADERS_MAX 8192
#endif

/* Bytes reserved for the (de-chunked) response body. */
#ifndef CK_RESPONSE_BODY_MAX
#define CK_RESPONSE_BODY_MAX 4096
#endif

/* jsmn tokens available to parse one response body. */
#ifndef CK_JSON_MAX_TOKENS
#define CK_JSON_MAX_TOKENS 128
#endif

/* Deepest JSON nesting the response validator accepts. */
#ifndef CK_JSON_MAX_DEPTH
#define CK_JSON_MAX_DEPTH 16
#endif

/* Attempts per call, the first one included (retries of throttling,
 * transient server errors, stale keep-alive connections). */
#ifndef CK_MAX_ATTEMPTS
#define CK_MAX_ATTEMPTS 4
#endif

/* Backoff before retry n (n = 1, 2, ...): uniform in
 * [0, min(CK_BACKOFF_CAP_MS, CK_BACKOFF_BASE_MS << (n-1))] ("full jitter"). */
#ifndef CK_BACKOFF_BASE_MS
#define CK_BACKOFF_BASE_MS 200
#endif
#ifndef CK_BACKOFF_CAP_MS
#define CK_BACKOFF_CAP_MS 3000
#endif

/* Client-side rate limit: the API allows 20 requests per second. */
#ifndef CK_RATE_LIMIT_PER_SEC
#define CK_RATE_LIMIT_PER_SEC 20
#endif

#endif /* CK_CONFIG_H */
