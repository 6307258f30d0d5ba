/*
 * cmsdk_uart.c -- the CMSDK APB UART as a polled, transmit-only console.
 *
 * Registers (CMSDK APB UART technical reference): DATA at +0x00, STATE at
 * +0x04 (bit 0: transmit buffer full), CTRL at +0x08 (bit 0: transmit
 * enable), BAUDDIV at +0x10 (the divider from the APB clock; the UART
 * refuses values below 16). QEMU sends nothing until CTRL enables the
 * transmitter, as the hardware does.
 */
#include "cmsdk_uart.h"

#include <stdint.h>
#include <string.h>

#define UART0_BASE   0x40004000u
#define UART_DATA    (*(volatile uint32_t *)(UART0_BASE + 0x00u))
#define UART_STATE   (*(volatile uint32_t *)(UART0_BASE + 0x04u))
#define UART_CTRL    (*(volatile uint32_t *)(UART0_BASE + 0x08u))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10u))

#define STATE_TX_FULL 0x1u
#define CTRL_TX_EN    0x1u

/* 25 MHz APB clock / 217 = 115200 baud on the real board. */
#define BAUDDIV_115200 217u

void
cmsdk_uart_init(void)
{
	UART_BAUDDIV = BAUDDIV_115200;
	UART_CTRL = CTRL_TX_EN;
}

void
cmsdk_uart_write(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		while (UART_STATE & STATE_TX_FULL) {
		}
		UART_DATA = (uint8_t)s[i];
	}
}

void
cmsdk_uart_puts(const char *s)
{
	cmsdk_uart_write(s, strlen(s));
}
