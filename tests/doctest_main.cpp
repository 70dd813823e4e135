// doctest's main and implementation for every test executable, compiled once per build and linked
// from a static library (cmake/ctml_dev.cmake, ctml_add_test): it costs about 8 s of compile time, which
// each of the 40-odd test executables used to pay in each preset.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
