// ctml for Arduino: the whole library (neural networks, DSP, trees). Models come as headers written
// by ctml-import (see the micro_speech example); the library itself is header-only.
#pragma once
#include "ctml/ctml.hpp"
