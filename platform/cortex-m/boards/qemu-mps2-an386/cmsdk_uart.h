/*
 * cmsdk_uart.h -- the board's console: UART0 of the MPS2 (an Arm CMSDK
 * APB UART), transmit only, polled.
 *
 * The console is for a person watching the board (boot line, panics); the
 * host tool reads the run's results from the semihosting report, never
 * from here.
 */
#ifndef CK_CMSDK_UART_H
#define CK_CMSDK_UART_H

#include <stddef.h>

/* Enable the transmitter; before any cmsdk_uart_write. */
void cmsdk_uart_init(void);

/* Send `len` bytes, waiting while the transmit buffer is full. */
void cmsdk_uart_write(const char *s, size_t len);

/* Send a NUL-terminated string. */
void cmsdk_uart_puts(const char *s);

#endif /* CK_CMSDK_UART_H */
