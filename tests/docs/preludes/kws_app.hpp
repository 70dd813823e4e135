#pragma once
// The imported keyword-spotting model (ctml-import at build time) and what a firmware provides
// around it: the whole library and a UART to print to.
#include <ctml/ctml.hpp>

#include "kws.hpp"

void uart_putc(char c);
