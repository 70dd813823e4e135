#pragma once
// Runs an imported model on the cases TensorFlow Lite Micro ran and compares every output byte, in
// the two layouts of tests/data: one folder per case (tflm_models: A_1, S_test, ... holding
// input<i>.bin and output<i>.bin) and flat files (tflm_ops: inputs_NN.bin, outputs_NN.bin).

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include <ctml/nn.hpp>

namespace golden {

inline std::vector<unsigned char> read_bytes(const std::filesystem::path& path) {
  std::vector<unsigned char> v;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    unsigned char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) v.insert(v.end(), buf, buf + n);
    std::fclose(f);
  }
  return v;
}

/// Copies `file` into `dst`, which must be exactly its size.
template <class Span>
void load_file(const std::filesystem::path& file, Span dst) {
  const auto in = read_bytes(file);
  INFO(file.string());
  REQUIRE(in.size() == dst.size_bytes());
  std::memcpy(dst.data(), in.data(), in.size());
}

/// Whether `got` holds exactly the bytes of `file`.
template <class Span>
bool equals_file(const std::filesystem::path& file, Span got) {
  const auto want = read_bytes(file);
  INFO(file.string());
  REQUIRE(want.size() == got.size_bytes());
  return std::memcmp(got.data(), want.data(), want.size()) == 0;
}

/// Every case folder of `root`/`dir`: arena.input<I>() from input<first_input + I>.bin (TFLite inputs
/// the importer drops, such as TRANSPOSE_CONV's output shape, come first), every output<I>() compared
/// with output<I>.bin. Returns the number of cases compared.
template <class Model>
int check_case_dirs(const std::filesystem::path& root, const std::string& dir, std::size_t first_input = 0) {
  static ctml::arena<Model> arena;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
    if (!entry.is_directory()) continue;
    const std::filesystem::path c = entry.path();
    INFO(c.string());
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (load_file(c / ("input" + std::to_string(first_input + I) + ".bin"), arena.template input<I>()), ...);
    }
    (std::make_index_sequence<Model::input_count>{});
    Model::invoke(arena);
    const bool outputs_equal = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (equals_file(c / ("output" + std::to_string(I) + ".bin"), arena.template output<I>()) && ...);
    }
    (std::make_index_sequence<Model::output_count>{});
    CHECK(outputs_equal);
    ++cases;
  }
  return cases;
}

/// `inputs_NN.bin` through `Model` and `outputs_NN.bin` compared byte for byte, NN < `files`, in
/// `root`/`dir` (one input, one output). Returns the number of files compared.
template <class Model>
int check_flat_cases(const std::filesystem::path& root, const std::string& dir, int files) {
  static ctml::arena<Model> arena;
  int compared = 0;
  for (int i = 0; i < files; ++i) {
    char in_name[32], out_name[32];
    std::snprintf(in_name, sizeof in_name, "inputs_%02d.bin", i);
    std::snprintf(out_name, sizeof out_name, "outputs_%02d.bin", i);
    load_file(root / dir / in_name, arena.input());
    Model::invoke(arena);
    CHECK(equals_file(root / dir / out_name, arena.output()));
    ++compared;
  }
  return compared;
}

}  // namespace golden
