#pragma once
// Every op model of tests/data/tflm_ops that the fbt builder writes, with the family (the header and
// namespace) it comes from: what ctml-op-models lists, writes and checks.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "basic_models.hpp"
#include "binary_models.hpp"
#include "bmm_models.hpp"
#include "dataops_models.hpp"
#include "fold_models.hpp"
#include "int16_conv_models.hpp"
#include "lstm_models.hpp"
#include "ops3_models.hpp"
#include "opsmath_models.hpp"
#include "prune_models.hpp"
#include "shapeops_models.hpp"
#include "svdf_models.hpp"
#include "tflite_builder.hpp"

namespace op_models {

/// One model: its folder name under tests/data/tflm_ops, its family, and its spec.
struct entry {
  std::string family;
  std::string name;
  fbt::model_spec model;
};

/// Every model of every family, in a fixed order. Usage: `for (const auto& e : op_models::all())`.
inline std::vector<entry> all() {
  std::vector<entry> out;
  const auto add = [&out](const char* family, std::vector<std::pair<std::string, fbt::model_spec>> models) {
    for (auto& [name, model] : models) out.push_back({family, std::move(name), std::move(model)});
  };
  add("basic", basic::models());
  add("binary", binary::models());
  add("shapeops", shapeops::models());
  add("opsmath", opsmath::models());
  add("dataops", dataops::models());
  add("ops3", ops3::models());
  add("fold", fold::models());
  add("bmm", bmm::models());
  add("int16_conv", int16_conv::models());
  add("transpose_conv", int16_conv::transpose_conv_models());
  for (auto& m : svdf_models::models()) out.push_back({"svdf", std::move(m.name), std::move(m.model)});
  add("lstm", lstm_models::models());
  add("prune", prune_models::models());
  return out;
}

/// The names that occur more than once (each once): a model's name is its folder, so it must be unique.
inline std::vector<std::string> duplicate_names(const std::vector<entry>& models) {
  std::set<std::string> seen, reported;
  std::vector<std::string> dups;
  for (const auto& e : models)
    if (!seen.insert(e.name).second && reported.insert(e.name).second) dups.push_back(e.name);
  return dups;
}

}  // namespace op_models
