#pragma once
// docs/trees.md's exported feature names, as tools/sklearn writes them for a model fitted on named
// columns.
#include <array>
#include <string_view>

inline constexpr std::array<std::string_view, 3> motor_model_feature_names{"rms", "peak", "crest_factor"};
