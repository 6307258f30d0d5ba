# board.mk (stub board) -- no hardware at all: every hook is the weak
# default of platform/cortex-m/board_stub.c. The image links, is measured
# by `make size` against the budgets, and stops before sending anything.
FW_BOARD_SRC  :=
FW_BOARD_DEFS :=
