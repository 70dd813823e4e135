#pragma once
// The two models docs/memory.md runs: `kws` (imported from the MLPerf Tiny .tflite at build time)
// and `monitor` (docs/gru.md's streaming GRU), plus the application's feature buffer.
#include <algorithm>
#include <array>

#include <ctml/ctml.hpp>

#include "gru_data.hpp"
#include "kws.hpp"

struct monitor final : ctml::sequential<ctml::input<ctml::shape<8>, float>,
                                        ctml::gru<ctml::gru_options{.units = 16}, my_data::gru0>,
                                        ctml::dense<ctml::dense_options{.units = 3}, my_data::fc>> {};
inline std::array<std::int8_t, 490> features{};
