// ctml-import: parser, validator, emitter and command line. Malformed inputs are built here, either
// field by field with tflite_builder.hpp or by mutating the bytes of a real model; each must be
// rejected with ctml_import::error (never a crash), and the command line must then exit non-zero
// without writing anything.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "basic_models.hpp"
#include "binary_models.hpp"
#include "bmm_models.hpp"
#include "dataops_models.hpp"
#include "fold_models.hpp"
#include "import.hpp"
#include "ops3_models.hpp"
#include "opsmath_models.hpp"
#include "prune_models.hpp"
#include "sha256.hpp"
#include "shapeops_models.hpp"
#include "tflite_builder.hpp"

namespace {

using bytes = std::vector<std::uint8_t>;
using basic::float_io;
using basic::quantize_only;
using basic::tiny_dense;
using binary::add_sub_two_outputs;
using binary::binary_op;

bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  return bytes(std::istreambuf_iterator<char>(in), {});
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Messages name a tensor by index and by its name in the model: "t3 'logits'".
bool contains_all(const std::string& text, std::initializer_list<const char*> parts) {
  for (const char* p : parts)
    if (text.find(p) == std::string::npos) return false;
  return true;
}

std::string model_path(const std::string& m) {
  return std::string(CTML_TEST_DATA_DIR) + "/" + m + "/" + m + ".tflite";
}

/// The message of the error `f` throws, or "<no error>".
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ctml_import::error& e) {
    return e.what();
  }
  return "<no error>";
}

std::string import_error(const bytes& b) {
  return error_of([&] { (void)ctml_import::import_tflite(b, "m", "m.tflite"); });
}

// A tiny float32 model with the same structure.
fbt::model_spec tiny_float() {
  fbt::model_spec m = tiny_dense();
  for (auto& t : m.tensors) {
    t.type = 0;
    t.quantized = false;
  }
  m.buffers[1] = fbt::le_bytes_f32({0.5f, -0.25f, 1.0f, 2.0f, -1.0f, 0.0f, 3.5f, 1e-5f});
  m.buffers[2] = fbt::le_bytes_f32({0.1f, -0.1f});
  return m;
}

// input [1,4,4,2] -> CONV_2D 3x3x2 -> 3 filters, SAME, stride 2, RELU -> [1,2,2,3]
//                 -> MAX_POOL_2D 2x2 VALID -> [1,1,1,3] -> FULLY_CONNECTED (flattens) -> [1,2]
fbt::model_spec tiny_conv() {
  fbt::model_spec m;
  m.opcodes = {3, 17, 9};
  m.tensors = {
      {{1, 4, 4, 2}, 9, 0, "image", true, {0.5f}, {-128}},
      {{3, 3, 3, 2}, 9, 1, "filter", true, {0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0},
      {{3}, 2, 2, "conv bias", true, {0.05f, 0.1f, 0.15f}, {0, 0, 0}},
      {{1, 2, 2, 3}, 9, 0, "conv out", true, {0.25f}, {-128}},
      {{1, 1, 1, 3}, 9, 0, "pool out", true, {0.25f}, {-128}},
      {{2, 3}, 9, 3, "fc weights", true, {0.5f}, {0}},
      {{1, 2}, 9, 0, "fc out", true, {0.125f}, {7}},
  };
  std::vector<int> w(54);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<int>(i % 17) - 8;
  m.buffers.push_back(fbt::le_bytes_i8(w));
  m.buffers.push_back(fbt::le_bytes_i32({1, 2, 3}));
  m.buffers.push_back(fbt::le_bytes_i8({1, 2, 3, 4, 5, 6}));
  m.ops = {{0, {0, 1, 2}, {3}, 1, fbt::conv_options(0, 2, 2, 1)},
           {1, {3}, {4}, 5, fbt::pool_options(1, 2, 2, 2, 2)},
           {2, {4, 5, -1}, {6}, 8, fbt::fc_options()}};
  m.inputs = {0};
  m.outputs = {6};
  return m;
}

// input [1,2,2,2] -> CONV_2D 1x1 (2 filters) -> ADD(input, conv) : a DAG.
fbt::model_spec tiny_residual() {
  fbt::model_spec m;
  m.opcodes = {3, 0};
  m.tensors = {
      {{1, 2, 2, 2}, 9, 0, "x", true, {0.5f}, {1}},
      {{2, 1, 1, 2}, 9, 1, "w", true, {0.1f}, {0}},
      {{2}, 2, 2, "b", true, {0.05f}, {0}},
      {{1, 2, 2, 2}, 9, 0, "y", true, {0.25f}, {-3}},
      {{1, 2, 2, 2}, 9, 0, "x + y", true, {0.75f}, {-128}},
  };
  m.buffers.push_back(fbt::le_bytes_i8({1, 2, 3, 4}));
  m.buffers.push_back(fbt::le_bytes_i32({5, 6}));
  m.ops = {{0, {0, 1, 2}, {3}, 1, fbt::conv_options(1, 1, 1, 0)}, {1, {0, 3}, {4}, 11, fbt::add_options(1)}};
  m.inputs = {0};
  m.outputs = {4};
  return m;
}

// input [1,3,3,2] -> DEPTHWISE_CONV_2D 3x3, multiplier 2, SAME, RELU6 -> [1,3,3,4]
//                 -> AVERAGE_POOL_2D 3x3 VALID -> [1,1,1,4] -> RESHAPE [1,4] -> SOFTMAX
fbt::model_spec tiny_depthwise() {
  fbt::model_spec m;
  m.opcodes = {4, 1, 22, 25};
  m.tensors = {
      {{1, 3, 3, 2}, 9, 0, "x", true, {0.5f}, {0}},
      {{1, 3, 3, 4}, 9, 1, "dw", true, {0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 3},
      {{4}, 2, 2, "dw bias", true, {0.05f, 0.1f, 0.15f, 0.2f}, {0, 0, 0, 0}},
      {{1, 3, 3, 4}, 9, 0, "dw out", true, {0.25f}, {-128}},
      {{1, 1, 1, 4}, 9, 0, "pool out", true, {0.25f}, {-128}},
      {{1, 4}, 9, 0, "flat", true, {0.25f}, {-128}},
      {{1, 4}, 9, 0, "probs", true, {1.0f / 256.0f}, {-128}},
  };
  std::vector<int> w(36);
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<int>(i * 7 % 255) - 127;
  m.buffers.push_back(fbt::le_bytes_i8(w));
  m.buffers.push_back(fbt::le_bytes_i32({-1, 2, -3, 4}));
  m.ops = {{0, {0, 1, 2}, {3}, 2, fbt::depthwise_options(0, 1, 1, 2, 3)},
           {1, {3}, {4}, 5, fbt::pool_options(1, 3, 3, 3, 3)},
           {2, {4}, {5}, 0, nullptr},
           {3, {5}, {6}, 9, fbt::softmax_options(0.5f)}};
  m.inputs = {0};
  m.outputs = {6};
  return m;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

// ---- SHA-256 ------------------------------------------------------------------------------------------

TEST_CASE("sha256 matches the FIPS 180-4 example vectors") {
  auto hex = [](const std::string& s) {
    return ctml_import::sha256_hex({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
  };
  CHECK(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55/56/64 bytes), checked against `sha256sum`.
  CHECK(hex(std::string(55, 'x')) == "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  CHECK(hex(std::string(56, 'x')) == "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  CHECK(hex(std::string(64, 'x')) == "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
}

TEST_CASE("sha256 of the four models equals CMake's file(SHA256)") {
  CHECK(ctml_import::sha256_hex(read_file(model_path("kws_ref_model"))) == CTML_SHA_KWS);
  CHECK(ctml_import::sha256_hex(read_file(model_path("vww_96_int8"))) == CTML_SHA_VWW);
  CHECK(ctml_import::sha256_hex(read_file(model_path("pretrainedResnet_quant"))) == CTML_SHA_IC);
  CHECK(ctml_import::sha256_hex(read_file(model_path("ad01_int8"))) == CTML_SHA_AD);
}

// ---- The four MLPerf Tiny models (facts from their .layers.md descriptions) --------------------------

TEST_CASE("the four models load with the ops, MACs and graph form their descriptions list") {
  struct expect {
    const char* name;
    std::size_t ops;
    std::uint64_t macs;
    bool chain;
    std::vector<int> input, output;
  };
  const expect models[] = {
      {"kws_ref_model", 13, 2664768, true, {1, 49, 10, 1}, {1, 12}},
      {"vww_96_int8", 31, 7491968, true, {1, 96, 96, 3}, {1, 2}},
      {"pretrainedResnet_quant", 16, 12505728, false, {1, 32, 32, 3}, {1, 10}},
      {"ad01_int8", 10, 264192, true, {1, 640}, {1, 640}},
  };
  for (const expect& e : models) {
    CAPTURE(e.name);
    // As the file states it: vww_96_int8's filters of zeros kept (folded away by default, below).
    const ctml_import::model m =
        ctml_import::load(read_file(model_path(e.name)), {.keep_pruned_channels = true});
    CHECK(m.type == ctml_import::dtype::int8);
    CHECK(m.layers.size() == e.ops);
    std::uint64_t macs = 0;
    for (const auto& l : m.layers) macs += l.macs;
    CHECK(macs == e.macs);
    CHECK(m.is_chain == e.chain);
    CHECK(m.tensors.front().dims == e.input);
    CHECK(m.tensors.back().dims == e.output);
  }
}

TEST_CASE("vww_96_int8's filters of zeros are folded away by default, and only with the option kept") {
  // The dense MLPerf model has 971 filters of zeros (docs/pruning.md); TFLM's outputs for the folded
  // model are vww_folded_golden_test's.
  const std::vector<std::uint8_t> bytes = read_file(model_path("vww_96_int8"));
  const ctml_import::model folded = ctml_import::load(bytes), kept = ctml_import::load(bytes, {true});
  const auto macs = [](const ctml_import::model& m) {
    std::uint64_t n = 0;
    for (const auto& l : m.layers) n += l.macs;
    return n;
  };
  CHECK(macs(kept) == 7491968);
  CHECK(macs(folded) < macs(kept) * 51 / 100);  // 3,774,900 (docs/pruning.md)
  // Every tensor of a multiple of 4 channels keeps a multiple of 4 (the Arm kernels' words); with
  // --channel-multiple 1 the folding removes every channel it can: fewer MACs.
  ctml_import::import_options any;
  any.channel_multiple = 1;
  const ctml_import::model all = ctml_import::load(bytes, any);
  CHECK(macs(all) < macs(folded));
  const auto odd_left = [&](const ctml_import::model& m) {
    for (std::size_t t = 0; t < m.tensors.size(); ++t)
      if (kept.tensors[t].dims.back() % 4 == 0 && m.tensors[t].dims.back() % 4 != 0) return true;
    return false;
  };
  CHECK_FALSE(odd_left(folded));
  CHECK(odd_left(all));  // what the rule prevents does happen without it
  CHECK(folded.layers.size() == kept.layers.size());
  CHECK(folded.tensors.back().dims == kept.tensors.back().dims);  // the output is never cut
  int removed = 0, zero_filters = 0;
  for (const auto& r : folded.pruning) removed += r.out_removed, zero_filters += r.zero_channels;
  CHECK(removed > 0);
  CHECK(zero_filters > 0);
  for (const auto& r : kept.pruning) CHECK(r.out_removed + r.in_removed == 0);
  // The other three have no filter of zeros: nothing changes (the header says only that it kept them).
  for (const char* name : {"kws_ref_model", "pretrainedResnet_quant", "ad01_int8"}) {
    CAPTURE(name);
    const std::vector<std::uint8_t> b = read_file(model_path(name));
    const ctml_import::model f = ctml_import::load(b), k = ctml_import::load(b, {true});
    CHECK(macs(f) == macs(k));
    REQUIRE(f.tensors.size() == k.tensors.size());
    for (std::size_t t = 0; t < f.tensors.size(); ++t) CHECK(f.tensors[t].dims == k.tensors[t].dims);
    for (const auto& r : f.pruning) CHECK(r.out_removed + r.in_removed + r.zero_channels == 0);
  }
}

TEST_CASE("channel folding keeps what it cannot fold exactly: int32 overflow, graph outputs, other ops") {
  using prune_models::net;
  const auto filters = [](const fbt::model_spec& spec, std::size_t layer) {
    const std::vector<std::uint8_t> bytes = fbt::build(spec);
    return ctml_import::load(bytes).layers.at(layer).filters;
  };
  // Filter 0 of the first conv is zero with a large bias: the constant 127, d = 127 - (-128) = 255.
  const auto model = [](std::int32_t next_bias) {
    net n(7);
    const int x = n.input({1, 3, 3, 2}, 0.05f, 0);
    const int a = n.conv(x, {.filters = 3, .zero = {{0, 2000000}}, .y_zero_point = -128});
    return n.output(n.conv(a, {.filters = 2, .y_zero_point = 1, .bias = {{0, next_bias}, {1, next_bias}}}));
  };
  CHECK(filters(model(1000), 0) == 2);  // folded: 1000 + 255 * w stays in int32
  // A bias at the top of int32: adding 255 * w could leave it, so the channel stays.
  CHECK(filters(model(2147483000), 0) == 3);
  // A graph output keeps its channels, constant or not.
  {
    net n(8);
    const int x = n.input({1, 3, 3, 2}, 0.05f, 0);
    CHECK(filters(n.output(n.conv(x, {.filters = 3, .zero = {{1, 5000}}})), 0) == 3);
  }
  // An op ctml-import's folding does not model (SOFTMAX here, reading the flattened dense output) keeps
  // the channels it reads.
  {
    net n(9);
    const int x = n.input({1, 4}, 0.05f, 0);
    fbt::model_spec m = n.output(n.dense(x, {.filters = 3, .zero = {{2, 5000}}}));
    m.opcodes.push_back(25);
    m.tensors.push_back({{1, 3}, 9, 0, "probs", true, {1.0f / 256.0f}, {-128}});
    m.ops.push_back({static_cast<std::uint32_t>(m.opcodes.size() - 1),
                     {m.outputs[0]},
                     {static_cast<std::int32_t>(m.tensors.size() - 1)},
                     9,
                     fbt::softmax_options()});
    m.outputs = {static_cast<std::int32_t>(m.tensors.size() - 1)};
    CHECK(filters(m, 0) == 3);
  }
}

TEST_CASE("kws: options, quantization and data of individual layers") {
  const ctml_import::model m = ctml_import::load(read_file(model_path("kws_ref_model")));
  const auto& conv0 = m.layers[0];
  CHECK(conv0.kind == ctml_import::layer_kind::conv2d);
  CHECK(conv0.filters == 64);
  CHECK(conv0.kernel_h == 10);
  CHECK(conv0.kernel_w == 4);
  CHECK(conv0.stride_h == 2);
  CHECK(conv0.pad == ctml_import::padding::same);
  CHECK(conv0.act == ctml_import::activation::relu);
  CHECK(conv0.weights_i8.size() == 2560);
  CHECK(conv0.weight_scales.size() == 64);
  CHECK(m.tensors[0].q.scale == 0.584702909f);
  CHECK(m.tensors[0].q.zero_point == 83);
  const auto& dw1 = m.layers[1];
  CHECK(dw1.kind == ctml_import::layer_kind::depthwise_conv2d);
  CHECK(dw1.depth_multiplier == 1);
  CHECK(m.layers[9].kind == ctml_import::layer_kind::average_pool2d);
  CHECK(m.layers[9].kernel_h == 25);
  CHECK(m.layers[9].stride_w == 5);
  CHECK(m.layers[9].pad == ctml_import::padding::valid);
  CHECK(m.layers[11].weight_scales.size() == 1);
  CHECK(m.layers[11].weight_scales[0] == 0.00838575512f);
  CHECK(m.tensors[static_cast<std::size_t>(m.layers[11].output)].q.zero_point == 14);
  CHECK(m.layers[12].beta == 1.0f);
}

TEST_CASE("generated header: summary, SHA-256, data and model type for kws") {
  const bytes b = read_file(model_path("kws_ref_model"));
  const std::string h = ctml_import::import_tflite(b, "kws", "kws_ref_model.tflite");
  CHECK(h.rfind("// Generated by ctml-import ", 0) == 0);
  CHECK(contains(h, "// Source SHA-256: " + std::string(CTML_SHA_KWS)));
  CHECK(contains(h, "2,664,768 MACs"));
  // Flash and RAM depend on the target's kernels: the header names the library's constants and
  // prints no byte count of its own (issue: the header said 26,676 flash bytes, kws::flash_bytes 28,984).
  CHECK(contains(h, "//   flash: kws::flash_bytes (weights, biases, requantization constants, as the\n"));
  CHECK(contains(h, "RAM: kws::ram_bytes (arena + state)\n"));
  CHECK_FALSE(contains(h, "weight bytes"));
  CHECK_FALSE(contains(h, " bytes\n"));
  CHECK(contains(h, "static_assert(kws::macs == 2'664'768 && kws::params == "));
  CHECK(contains(h, "namespace kws_data {"));
  CHECK(contains(h, "inline constexpr ctml::quantization input{0.5847029f, 83};"));
  CHECK(contains(h, "ctml::conv2d_weights<std::int8_t, 64, 10, 4, 1, 64> op0_conv2d{"));
  CHECK(contains(h, "ctml::depthwise_conv2d_weights<std::int8_t, 3, 3, 64, 64> op1_depthwise_conv2d{"));
  CHECK(contains(h, "ctml::dense_weights<std::int8_t, 12, 64, 1> op11_dense{"));
  CHECK(contains(
      h, "inline constexpr ctml::softmax_params op12_softmax{.beta = 1.0f, .output = {0.00390625f, -128}};"));
  CHECK(contains(h, "struct kws final : ctml::sequential<"));
  CHECK(contains(
      h,
      "ctml::conv2d<ctml::conv2d_options{.filters = 64, .kernel_size = {10, 4}, .strides = {2, 2}, "
      ".padding = ctml::padding::same, .activation = ctml::activation::relu}, kws_data::op0_conv2d>,"));
  CHECK(contains(h, "ctml::average_pool2d<ctml::pool2d_options{.pool_size = {25, 5}, .strides = {25, 5}}>,"));
  CHECK(contains(h, "ctml::reshape<ctml::shape<64>>,"));
  CHECK(contains(h, "ctml::dense<ctml::dense_options{.units = 12}, kws_data::op11_dense>,"));
  CHECK(contains(h, "ctml::softmax<kws_data::op12_softmax>> {};"));
  // The first weights of op 0 are the model's bytes: -6 19 -11 18 (from the flatbuffer).
  CHECK(contains(h, "  -6,   19,  -11,   18,"));
}

TEST_CASE("generated header: residual adds make a graph with inputs in TFLite's order") {
  const std::string h =
      ctml_import::import_tflite(read_file(model_path("pretrainedResnet_quant")), "ic", "ic.tflite");
  CHECK(contains(h, "struct ic final : ctml::graph<"));
  CHECK(contains(h,
                 "ctml::node<\"input\", ctml::input<ctml::shape<32, 32, 3>, std::int8_t, ic_data::input>>,"));
  CHECK(contains(h,
                 "ctml::node<\"op3\", ctml::add<ctml::add_options{.activation = ctml::activation::relu}, "
                 "ic_data::op3_add>, \"op0\", \"op2\">,"));
  CHECK(contains(h,
                 "ctml::node<\"op7\", ctml::add<ctml::add_options{.activation = ctml::activation::relu}, "
                 "ic_data::op7_add>, \"op6\", \"op5\">,"));
  CHECK(contains(h, "inline constexpr ctml::quantization op3_add{0.050945673f, -128};"));
}

TEST_CASE("built models: dense, conv + pool + flatten, residual DAG, float32") {
  SUBCASE("int8 dense + softmax") {
    const std::string h = ctml_import::import_tflite(fbt::build(tiny_dense()), "tiny", "tiny.tflite");
    CHECK(contains(h, "ctml::input<ctml::shape<4>, std::int8_t, tiny_data::input>,"));
    CHECK(contains(h, "ctml::dense_weights<std::int8_t, 2, 4, 1> op0_dense{"));
    CHECK(contains(h, "ctml::softmax<tiny_data::op1_softmax>> {};"));
  }
  SUBCASE("conv SAME stride 2, max pool, dense on a rank-4 input gets a reshape first, no bias") {
    const ctml_import::model m = ctml_import::load(fbt::build(tiny_conv()));
    CHECK(m.layers[2].flatten_input);
    CHECK(m.layers[2].bias_i32 == std::vector<std::int32_t>{0, 0});
    const std::string h = ctml_import::import_tflite(fbt::build(tiny_conv()), "tc", "tc.tflite");
    CHECK(contains(h, "ctml::max_pool2d<ctml::pool2d_options{.pool_size = {2, 2}, .strides = {2, 2}}>,"));
    CHECK(contains(h,
                   "ctml::reshape<ctml::shape<3>>,\n    ctml::dense<ctml::dense_options{.units = 2}, "
                   "tc_data::op2_dense>>"));
  }
  SUBCASE("depthwise with a depth multiplier, average pool, reshape, softmax beta") {
    const std::string h = ctml_import::import_tflite(fbt::build(tiny_depthwise()), "dw", "dw.tflite");
    CHECK(contains(h, "ctml::depthwise_conv2d_weights<std::int8_t, 3, 3, 4, 4> op0_depthwise_conv2d{"));
    CHECK(contains(h,
                   "ctml::depthwise_conv2d<ctml::depthwise_conv2d_options{.kernel_size = {3, 3}, .padding = "
                   "ctml::padding::same, .depth_multiplier = 2, .activation = ctml::activation::relu6}, "
                   "dw_data::op0_depthwise_conv2d>,"));
    CHECK(contains(h, "ctml::average_pool2d<ctml::pool2d_options{.pool_size = {3, 3}, .strides = {3, 3}}>,"));
    CHECK(contains(h, "ctml::reshape<ctml::shape<4>>,"));
    CHECK(contains(h, "op3_softmax{.beta = 0.5f, .output = {0.00390625f, -128}};"));
    fbt::model_spec m = tiny_depthwise();
    m.tensors[1].quantized_dimension = 0;  // depthwise filters are per-channel along dimension 3
    CHECK(contains(import_error(fbt::build(m)), "quantized along dimension 0; TFLite defines dimension 3"));
    m = tiny_depthwise();
    m.tensors[5].shape = {1, 5};  // RESHAPE must keep the element count
    CHECK(contains_all(import_error(fbt::build(m)),
                       {"operator 2 (RESHAPE): output t5 '", "' has shape 1x5 (5 elements)"}));
  }
  SUBCASE("residual add -> graph") {
    const std::string h = ctml_import::import_tflite(fbt::build(tiny_residual()), "res", "res.tflite");
    CHECK(contains(h, "struct res final : ctml::graph<"));
    CHECK(contains(
        h,
        "\"op1\", ctml::add<ctml::add_options{.activation = ctml::activation::relu}, res_data::op1_add>, "
        "\"input\", \"op0\">> {};"));
  }
  SUBCASE("float32") {
    const std::string h = ctml_import::import_tflite(fbt::build(tiny_float()), "fl", "fl.tflite");
    CHECK(contains(h, "ctml::input<ctml::shape<4>, float>,"));
    CHECK(contains(h, "ctml::dense_weights<float, 2, 4> op0_dense{"));
    CHECK(
        contains(h, "0.5f, -0.25f, 1.0f, 2.0f,  // unit 0\n        -1.0f, 0.0f, 3.5f, 1e-05f,  // unit 1\n"));
    CHECK(contains(h, "ctml::softmax_params op1_softmax{.beta = 1.0f};"));
    CHECK_FALSE(contains(h, "weight_scales"));
  }
}

// ---- Malformed files --------------------------------------------------------------------------------

TEST_CASE("truncated files are rejected") {
  for (std::size_t n = 0; n < 8; ++n) CHECK(contains(import_error(bytes(n, 0)), "not a TFLite model"));
  const bytes tiny = fbt::build(tiny_dense());
  REQUIRE(import_error(tiny) == "<no error>");
  for (std::size_t n = 0; n < tiny.size(); ++n) {
    CAPTURE(n);
    CHECK(import_error(bytes(tiny.begin(), tiny.begin() + static_cast<std::ptrdiff_t>(n))) != "<no error>");
  }
  const bytes kws = read_file(model_path("kws_ref_model"));
  for (std::size_t n = 0; n < kws.size(); n += 211) {
    CAPTURE(n);
    CHECK(import_error(bytes(kws.begin(), kws.begin() + static_cast<std::ptrdiff_t>(n))) != "<no error>");
  }
}

TEST_CASE("wrong file identifier and schema version") {
  fbt::model_spec m = tiny_dense();
  m.ident = "TFL2";
  CHECK(contains(import_error(fbt::build(m)), "file identifier (bytes 4..8) is not \"TFL3\""));
  m = tiny_dense();
  m.version = 2;
  CHECK(contains(import_error(fbt::build(m)), "schema version 2"));
}

namespace {
void put32(bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t get32(const bytes& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t{b[at + static_cast<std::size_t>(i)]} << (8 * i);
  return v;
}
}  // namespace

TEST_CASE("offsets pointing outside the file") {
  const bytes good = read_file(model_path("kws_ref_model"));
  bytes b = good;
  put32(b, 0, 0xFFFFFF00u);  // root offset
  CHECK(contains(import_error(b), "outside the file"));

  // The root table's field 2 (subgraphs): an offset far beyond the end.
  const std::size_t root = get32(good, 0);
  const ctml_import::fb::buffer buf(good);
  const ctml_import::fb::table t(buf, root, "root");
  const auto f = t.field(2, 4);
  REQUIRE(f.has_value());
  b = good;
  put32(b, static_cast<std::size_t>(*f), 0x7FFFFFF0u);
  CHECK(contains(import_error(b), "outside the file"));
  // ... and a vector length far beyond the end.
  b = good;
  const std::size_t vec = static_cast<std::size_t>(*f) + get32(good, static_cast<std::size_t>(*f));
  put32(b, vec, 0x40000000u);
  CHECK(contains(import_error(b), "outside the file"));
}

TEST_CASE("absurd and self-referencing vtables") {
  const bytes good = fbt::build(tiny_dense());
  const std::size_t root = get32(good, 0);
  bytes b = good;
  put32(b, root, 0);  // vtable == the table itself: its "size" is the low half of soffset 0
  CHECK(contains(import_error(b), "invalid size"));
  b = good;
  put32(b, root, 0x7FFFFFFFu);  // vtable before the file start
  CHECK(contains(import_error(b), "before the file start"));
  b = good;
  put32(b, root, static_cast<std::uint32_t>(-static_cast<std::int32_t>(good.size())));  // past the end
  CHECK(contains(import_error(b), "outside the file"));
  b = good;
  const std::size_t vt = root - get32(good, root);
  b[vt] = 0xFF;  // vtable size 0x..FF: odd
  CHECK(contains(import_error(b), "invalid size"));
  b = good;
  b[vt] = 0xFE;
  b[vt + 1] = 0xFF;  // vtable of 65534 bytes: runs past the end
  CHECK(contains(import_error(b), "outside the file"));
  b = good;
  b[vt + 2] = 2;  // inline size 2: smaller than the soffset itself
  b[vt + 3] = 0;
  CHECK(contains(import_error(b), "invalid inline size"));
}

TEST_CASE("the work budget stops files that reference the same data over and over") {
  const bytes kws = read_file(model_path("kws_ref_model"));
  const ctml_import::fb::buffer small(kws, 1000);
  CHECK(contains(error_of([&] { (void)ctml_import::tflite::parse(small); }), "far more data than it holds"));
}

TEST_CASE("limits: operators, and constant data referenced over and over") {
  fbt::model_spec m = tiny_dense();
  m.ops.resize(1001, m.ops[0]);
  CHECK(contains(import_error(fbt::build(m)), "1001 operators; ctml-import supports up to 1000"));
  // Nine dense layers sharing one 1 MiB weight tensor: 9 MiB would go into the header.
  m = fbt::model_spec{};
  m.opcodes = {9};
  m.tensors = {{{1, 1024}, 9, 0, "x0", true, {0.5f}, {0}}, {{1024, 1024}, 9, 1, "w", true, {0.5f}, {0}}};
  m.buffers.push_back(std::vector<std::uint8_t>(1024 * 1024, 1));
  for (int i = 1; i <= 9; ++i) {
    std::string name = "x";
    name += std::to_string(i);  // (not "x" + ...: GCC 12's false -Wrestrict, bug 105651)
    m.tensors.push_back({{1, 1024}, 9, 0, name, true, {0.5f}, {0}});
    const std::int32_t in = i == 1 ? 0 : i, out = i + 1;
    m.ops.push_back({0, {in, 1}, {out}, 8, fbt::fc_options()});
  }
  m.inputs = {0};
  m.outputs = {10};
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 8 (FULLY_CONNECTED): the model's constant data exceeds 8 MiB"));
}

TEST_CASE("tensor shapes that overflow or make no sense") {
  fbt::model_spec m = tiny_dense();
  m.tensors[3].shape = {1, 65536, 65536, 65536};
  CHECK(contains(import_error(fbt::build(m)), "too many elements"));
  m = tiny_dense();
  m.tensors[3].shape = {1, -2};
  CHECK(contains(import_error(fbt::build(m)), "has a dimension of -2"));
  m = tiny_dense();
  m.tensors[3].shape = {1, 1, 1, 1, 1, 1, 1, 1, 2};
  CHECK(contains(import_error(fbt::build(m)), "limit 8"));
  m = tiny_dense();
  m.tensors[0].shape = {2, 4};  // batch 2
  CHECK(contains(import_error(fbt::build(m)), "leading batch dimension of 1"));
  m = tiny_dense();
  m.tensors[3].shape = {1, 3};  // FC computes [1, 2]
  CHECK(contains_all(import_error(fbt::build(m)),
                     {"operator 0 (FULLY_CONNECTED): output t3 '", "' has shape 1x3; the op computes 1x2"}));
}

TEST_CASE("buffers shorter (or longer) than their shape says") {
  fbt::model_spec m = tiny_dense();
  m.buffers[1].pop_back();
  CHECK(contains(import_error(fbt::build(m)),
                 "weights t1 'weights' has 7 bytes of data, but its shape 2x4 needs 8"));
  m = tiny_dense();
  m.buffers[2].push_back(0);
  CHECK(contains(import_error(fbt::build(m)), "bias t2 'bias' has 9 bytes of data, but its shape 2 needs 8"));
  m = tiny_dense();
  m.tensors[1].buffer = 7;
  CHECK(contains(import_error(fbt::build(m)), "refers to buffer 7, but the model has 3 buffers"));
}

TEST_CASE("quantization arrays of the wrong length or kind") {
  fbt::model_spec m = tiny_dense();
  m.tensors[1].scale = {0.1f, 0.2f, 0.3f};
  m.tensors[1].zero_point = {0, 0, 0};
  CHECK(contains(import_error(fbt::build(m)), "3 scales; expected 1 or 2"));
  m = tiny_dense();
  m.tensors[1].scale = {0.1f, 0.2f};
  m.tensors[1].zero_point = {0};
  CHECK(contains(import_error(fbt::build(m)), "2 scales but 1 zero points"));
  m = tiny_dense();
  m.tensors[3].scale = {0.1f, 0.2f};
  m.tensors[3].zero_point = {0, 0};
  CHECK(contains(import_error(fbt::build(m)), "needs per-tensor quantization"));
  m = tiny_dense();
  m.tensors[0].quantized = false;
  CHECK(contains(import_error(fbt::build(m)), "needs per-tensor quantization"));
  m = tiny_dense();
  m.tensors[1].zero_point = {5};
  CHECK(contains(import_error(fbt::build(m)), "non-zero zero point (5)"));
  m = tiny_dense();
  m.tensors[3].zero_point = {300};
  CHECK(contains(import_error(fbt::build(m)), "zero point 300, outside int8"));
  m = tiny_dense();
  m.tensors[3].scale = {-1.0f};
  CHECK(contains(import_error(fbt::build(m)), "invalid quantization scale"));
  m = tiny_dense();
  m.tensors[4].scale = {0.5f};
  CHECK(contains(import_error(fbt::build(m)), "scale 1/256, zero point -128"));
  fbt::model_spec c = tiny_conv();
  c.tensors[1].quantized_dimension = 3;  // conv filters are per-channel along dimension 0
  CHECK(contains(import_error(fbt::build(c)), "quantized along dimension 3; TFLite defines dimension 0"));
  c = tiny_conv();
  c.tensors[4].scale = {0.5f};  // max pool must keep the quantization
  CHECK(contains(import_error(fbt::build(c)),
                 "operator 1 (MAX_POOL_2D): input and output quantization differ"));
}

TEST_CASE("operator and tensor indices out of range; tensors read before being written") {
  fbt::model_spec m = tiny_dense();
  m.ops[1].opcode_index = 5;
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 1 (?): opcode index 5 is out of range (2 operator codes)"));
  m = tiny_dense();
  m.ops[0].inputs[1] = 99;
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (FULLY_CONNECTED): weights refers to tensor 99"));
  m = tiny_dense();
  m.ops[1].outputs = {-7};
  CHECK(contains(import_error(fbt::build(m)), "operator 1 (SOFTMAX): output 0 refers to tensor -7"));
  m = tiny_dense();
  m.ops[1].outputs = {4, 3};
  CHECK(contains(import_error(fbt::build(m)), "operator 1 (SOFTMAX): has 2 outputs; expected 1"));
  m = tiny_dense();
  m.inputs = {42};
  CHECK(contains(import_error(fbt::build(m)), "the graph input refers to tensor 42"));
  m = tiny_dense();
  std::swap(m.ops[0], m.ops[1]);
  CHECK(contains_all(import_error(fbt::build(m)),
                     {"operator 0 (SOFTMAX): reads t3 '", "' before any operator writes it"}));
  m = tiny_dense();
  m.ops[1].outputs = {3};  // written twice
  CHECK(contains(import_error(fbt::build(m)), "written more than once"));
  m = tiny_dense();
  m.outputs = {3};
  CHECK(contains(import_error(fbt::build(m)), "not written by the last operator"));
  m = tiny_dense();
  m.ops[0].inputs[0] = 1;  // a constant as the data input
  CHECK(contains(import_error(fbt::build(m)), "is a constant; ctml-import needs an activation"));
}

TEST_CASE("unsupported ops, options and types name the operator") {
  fbt::model_spec m = tiny_dense();
  m.opcodes[1] = 90;  // FLOOR_DIV
  CHECK(contains(import_error(fbt::build(m)), "operator 1 (FLOOR_DIV): op is not supported"));
  m = tiny_dense();
  m.opcodes[1] = 150;  // GELU, only in the extended builtin_code field
  CHECK(contains(import_error(fbt::build(m)), "operator 1 (GELU): op is not supported"));
  m = tiny_dense();
  m.ops[0].options = fbt::fc_options(4);  // TANH
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (FULLY_CONNECTED): fused activation TANH is not supported"));
  m = tiny_dense();
  m.ops[0].options_type = 1;  // Conv2DOptions on a FULLY_CONNECTED
  CHECK(contains(import_error(fbt::build(m)), "has options of type 1; expected 8"));
  m = tiny_dense();
  m.tensors[0].type = 3;  // UINT8 input
  CHECK(contains(import_error(fbt::build(m)), "graph input t0 'input' has type UINT8"));
  m = tiny_dense();
  m.tensors[2].type = 9;  // int8 bias
  CHECK(contains(import_error(fbt::build(m)), "bias t2 'bias' has type INT8; expected INT32"));
  fbt::model_spec c = tiny_conv();
  c.ops[0].options = fbt::conv_options(0, 0, 2, 1);  // stride 0
  CHECK(contains(import_error(fbt::build(c)), "operator 0 (CONV_2D): stride_w is 0"));
  c = tiny_conv();
  c.ops[0].options = fbt::conv_options(5, 2, 2, 1);
  CHECK(contains(import_error(fbt::build(c)), "padding 5 is not SAME or VALID"));
  c = tiny_conv();
  c.ops[1].options = fbt::pool_options(1, 1, 1, 9, 9);  // VALID window larger than the input
  CHECK(contains(import_error(fbt::build(c)), "larger than the input"));
}

// ---- Command line -----------------------------------------------------------------------------------

namespace {
std::string tmp(const std::string& name) {
  return std::string(CTML_TEST_TMP_DIR) + "/" + name;
}
void write_file(const std::string& path, const bytes& b) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}
bool exists(const std::string& path) {
  return std::ifstream(path).good();
}
/// Runs ctml-import with `args`; stderr goes to `err`. Returns the exit status.
int run(const std::string& args, const std::string& err) {
  const std::string cmd =
      std::string("\"") + CTML_IMPORT_EXE + "\" " + args + " > " + tmp("stdout.txt") + " 2> " + err;
  const int rc = std::system(cmd.c_str());
  return rc == -1 ? -1 : WEXITSTATUS(rc);
}
}  // namespace

TEST_CASE("command line: an unsupported op exits non-zero, names it, writes nothing") {
  fbt::model_spec m = tiny_dense();
  m.opcodes[1] = 90;  // FLOOR_DIV
  write_file(tmp("mul.tflite"), fbt::build(m));
  std::remove(tmp("mul.hpp").c_str());
  CHECK(run(tmp("mul.tflite") + " --output " + tmp("mul.hpp"), tmp("err.txt")) == 2);
  CHECK(contains(read_text(tmp("err.txt")), "operator 1 (FLOOR_DIV): op is not supported"));
  CHECK_FALSE(exists(tmp("mul.hpp")));
  // An existing output file is left as it was.
  { std::ofstream(tmp("mul.hpp")) << "old"; }
  CHECK(run(tmp("mul.tflite") + " --output " + tmp("mul.hpp"), tmp("err.txt")) == 2);
  CHECK(read_text(tmp("mul.hpp")) == "old");
  // Nothing on stdout either.
  CHECK(run(tmp("mul.tflite"), tmp("err.txt")) == 2);
  CHECK(read_text(tmp("stdout.txt")).empty());
}

// float input -> QUANTIZE -> FULLY_CONNECTED -> FLOOR_DIV (int16 out) -> DEQUANTIZE -> float output:
// two things ctml-import does not import, an operator and a tensor type.
fbt::model_spec float_io_int16() {
  fbt::model_spec m = tiny_dense();
  m.opcodes = {114, 9, 90, 6};  // QUANTIZE, FULLY_CONNECTED, FLOOR_DIV, DEQUANTIZE
  m.tensors = {
      {{1, 4}, 0, 0, "audio", false},
      {{1, 4}, 9, 0, "audio_q", true, {0.5f}, {3}},
      {{2, 4}, 9, 1, "weights", true, {0.125f}, {0}},
      {{2}, 2, 2, "bias", true, {0.0625f}, {0}},
      {{1, 2}, 9, 0, "logits", true, {0.25f}, {-1}},
      {{1, 2}, 7, 0, "gain", true, {0.001f}, {0}},
      {{1, 2}, 0, 0, "score", false},
  };
  m.ops = {{0, {0}, {1}, 0, nullptr},
           {1, {1, 2, 3}, {4}, 8, fbt::fc_options()},
           {2, {4, 4}, {5}, 0, nullptr},
           {3, {5}, {6}, 0, nullptr}};
  m.inputs = {0};
  m.outputs = {6};
  return m;
}

TEST_CASE("check: every problem at once, each naming the operator or the tensor and what to do") {
  const std::vector<std::string> p = ctml_import::check(fbt::build(float_io_int16()));
  REQUIRE(p.size() == 2);
  CHECK(contains(p[0], "operator 2 (FLOOR_DIV): op is not supported"));
  CHECK(contains(p[1], "operator 2 (FLOOR_DIV): t5 'gain' has type INT16: int16 activations"));
  // A model without such problems: validation's first problem, or nothing at all.
  CHECK(ctml_import::check(fbt::build(tiny_dense())).empty());
  fbt::model_spec bad = tiny_dense();
  bad.buffers[1].pop_back();
  const std::vector<std::string> one = ctml_import::check(fbt::build(bad));
  REQUIRE(one.size() == 1);
  CHECK(contains(one[0], "weights t1 'weights' has 7 bytes of data, but its shape 2x4 needs 8"));
  // Not a model at all: one problem.
  REQUIRE(ctml_import::check(bytes(16, 0)).size() == 1);
}

/// Each model equals the .tflite committed in tests/data/tflm_ops (whose TFLM outputs the golden tests
/// compare with), imports, and --check finds nothing; written to the temporary folder, where
/// tests/data/tflm_ops takes new models from.
static void check_committed_op_models(const std::vector<std::pair<std::string, fbt::model_spec>>& models) {
  for (const auto& [name, model] : models) {
    const bytes b = fbt::build(model);
    write_file(tmp(name + ".tflite"), b);
    const std::string committed =
        std::string(CTML_TEST_DATA_DIR) + "/../tflm_ops/" + name + "/" + name + ".tflite";
    CHECK_MESSAGE(read_file(committed) == b, committed);
    CHECK_MESSAGE(import_error(b) == "<no error>", committed);
    CHECK_MESSAGE(ctml_import::check(b).empty(), committed);
  }
}

TEST_CASE("TFLM's small op models: imported, and the same bytes as committed with their goldens") {
  check_committed_op_models(basic::models());
}

TEST_CASE("float input and output around an int8 model: QUANTIZE and DEQUANTIZE") {
  CHECK(contains(ctml_import::import_tflite(fbt::build(quantize_only(false)), "qr", "qr.tflite"),
                 "ctml::input<ctml::shape<64>, float>,\n    ctml::quantize<qr_data::op0_quantize>,\n    "
                 "ctml::dequantize> {};"));
  const std::string h = ctml_import::import_tflite(fbt::build(float_io()), "fio", "fio.tflite");
  CHECK(contains(h, "// Summary (int8, float input and output, sequential)"));
  CHECK(contains(h, "ctml::input<ctml::shape<4>, float>"));
  CHECK(contains(h, "inline constexpr ctml::quantization op0_quantize{0.5f, 3};"));
  CHECK(contains(h, "ctml::quantize<fio_data::op0_quantize>"));
  CHECK(contains(h, "ctml::dequantize>"));
  // Float anywhere else in an int8 model is refused: here a float tensor into FULLY_CONNECTED.
  fbt::model_spec m = float_io();
  m.ops[1].inputs[0] = 0;
  m.ops[0].outputs[0] = 1;
  CHECK(contains(import_error(fbt::build(m)), "a float tensor of an int8 model"));
  // int8 -> int8 QUANTIZE (requantization) in the middle of a model.
  fbt::model_spec r = tiny_dense();
  r.opcodes.push_back(114);
  r.tensors.push_back({{1, 2}, 9, 0, "requantized", true, {0.5f}, {4}});
  r.ops.insert(r.ops.begin() + 1, {2, {3}, {5}, 0, nullptr});
  r.ops[2].inputs = {5};
  CHECK(contains(ctml_import::import_tflite(fbt::build(r), "rq", "rq.tflite"),
                 "ctml::quantize<rq_data::op1_quantize>"));
}

TEST_CASE("command line: --check lists the problems on stdout and exits 2, or says it imports") {
  write_file(tmp("fio.tflite"), fbt::build(float_io_int16()));
  CHECK(run("--check " + tmp("fio.tflite"), tmp("err.txt")) == 2);
  const std::string out = read_text(tmp("stdout.txt"));
  CHECK(contains(out, tmp("fio.tflite") + ": operator 2 (FLOOR_DIV): "));
  CHECK(contains(out, tmp("fio.tflite") + ": 2 problems\n"));
  write_file(tmp("tiny.tflite"), fbt::build(tiny_dense()));
  CHECK(run("--check " + tmp("tiny.tflite"), tmp("err.txt")) == 0);
  CHECK(read_text(tmp("stdout.txt")) == tmp("tiny.tflite") + ": imports\n");
  CHECK(run("--check --name x " + tmp("tiny.tflite"), tmp("err.txt")) == 2);  // writes no header
  CHECK(run("--check " + tmp("does-not-exist.tflite"), tmp("err.txt")) == 2);
  CHECK(contains(read_text(tmp("stdout.txt")), "cannot open"));
}

TEST_CASE("command line: success, stdout, usage errors") {
  write_file(tmp("tiny.tflite"), fbt::build(tiny_dense()));
  std::remove(tmp("tiny.hpp").c_str());
  CHECK(run("--name tiny --output " + tmp("tiny.hpp") + " " + tmp("tiny.tflite"), tmp("err.txt")) == 0);
  const std::string file = read_text(tmp("tiny.hpp"));
  CHECK(contains(file, "struct tiny final : ctml::sequential<"));
  CHECK(run("--name tiny " + tmp("tiny.tflite"), tmp("err.txt")) == 0);
  CHECK(read_text(tmp("stdout.txt")) == file);
  CHECK(run(tmp("tiny.tflite"), tmp("err.txt")) == 0);  // name from the file: "tiny"
  CHECK(contains(read_text(tmp("stdout.txt")), "namespace tiny_data {"));
  CHECK(run("", tmp("err.txt")) == 2);
  CHECK(run("--bogus " + tmp("tiny.tflite"), tmp("err.txt")) == 2);
  CHECK(run("--name 9lives " + tmp("tiny.tflite"), tmp("err.txt")) == 2);
  CHECK(run("--name class " + tmp("tiny.tflite"), tmp("err.txt")) == 2);
  CHECK(run(tmp("does-not-exist.tflite"), tmp("err.txt")) == 2);
  CHECK(contains(read_text(tmp("err.txt")), "cannot open"));
}

TEST_CASE("command line: an output that cannot be written is one line naming it, exit 2, nothing left") {
  write_file(tmp("tiny.tflite"), fbt::build(tiny_dense()));
  { std::ofstream(tmp("plain.txt")) << "x"; }
  std::filesystem::create_directories(tmp("a_dir"));
  { std::ofstream(tmp("err.txt")) << ""; }  // what run() writes exists before the files are counted
  { std::ofstream(tmp("stdout.txt")) << ""; }
  const std::string cases[][2] = {{tmp("no_such_dir") + "/m.hpp", "No such file or directory"},
                                  {tmp("a_dir"), "Is a directory"},
                                  {tmp("plain.txt") + "/m.hpp", "Not a directory"}};
  for (const auto& c : cases) {  // not a structured binding: Clang 14 cannot capture one (CAPTURE)
    const std::string& path = c[0];
    const std::string& why = c[1];
    CAPTURE(path);
    const auto before = std::distance(std::filesystem::directory_iterator(CTML_TEST_TMP_DIR), {});
    CHECK(run("--output " + path + " " + tmp("tiny.tflite"), tmp("err.txt")) == 2);
    const auto after = std::distance(std::filesystem::directory_iterator(CTML_TEST_TMP_DIR), {});
    CHECK(read_text(tmp("err.txt")) == "ctml-import: error: cannot write '" + path + "': " + why + "\n");
    CHECK(before == after);  // no temporary file left beside it
  }
}

TEST_CASE("model names from file names") {
  CHECK(ctml_import::name_from_path("models/kws_ref_model.tflite") == "kws_ref_model");
  CHECK(ctml_import::name_from_path("pretrainedResnet_quant.tflite") == "pretrainedresnet_quant");
  CHECK(ctml_import::name_from_path("/x/96-vww model.tflite") == "model_96_vww_model");
  CHECK(ctml_import::name_from_path("class.tflite") == "class_model");
  CHECK(ctml_import::valid_name("kws"));
  CHECK_FALSE(ctml_import::valid_name("_Reserved"));
  CHECK_FALSE(ctml_import::valid_name("a__b"));
  CHECK_FALSE(ctml_import::valid_name("a-b"));
}

TEST_CASE("small models for the fuzz corpus (written only when CTML_FUZZ_SEED_DIR is set)") {
  // tools/ctml-import/fuzz/seeds/ holds these files: small valid models of every supported op
  // mutate much faster than the MLPerf Tiny models. Regenerate with
  //   CTML_FUZZ_SEED_DIR=tools/ctml-import/fuzz/seeds build/.../importer_test
  const char* dir = std::getenv("CTML_FUZZ_SEED_DIR");
  if (dir == nullptr) return;
  write_file(std::string(dir) + "/tiny_dense.tflite", fbt::build(tiny_dense()));
  write_file(std::string(dir) + "/tiny_float.tflite", fbt::build(tiny_float()));
  write_file(std::string(dir) + "/tiny_conv.tflite", fbt::build(tiny_conv()));
  write_file(std::string(dir) + "/tiny_residual.tflite", fbt::build(tiny_residual()));
  write_file(std::string(dir) + "/tiny_depthwise.tflite", fbt::build(tiny_depthwise()));
  for (const auto& [name, model] : shapeops::models())  // PAD, STRIDED_SLICE, LEAKY_RELU, QUANTIZE int16
    write_file(std::string(dir) + "/" + name + ".tflite", fbt::build(model));
}

TEST_CASE("PAD, PADV2, STRIDED_SLICE, LEAKY_RELU, QUANTIZE int8 <-> int16: TFLM's op models, and refusals") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_shapeops_golden_test).
  check_committed_op_models(shapeops::models());
  const auto models = shapeops::models();
  auto find = [&](const std::string& name) {
    for (const auto& [n, m] : models)
      if (n == name) return m;
    return fbt::model_spec{};
  };
  const std::string pad = ctml_import::import_tflite(fbt::build(find("padv2_s8")), "p", "p.tflite");
  CHECK(contains(pad, "inline constexpr std::int8_t op0_pad_value = -100;"));
  CHECK(contains(pad,
                 "ctml::pad<ctml::pad_options{.before = {2, 1}, .after = {0, 3}}, p_data::op0_pad_value>"));
  CHECK(contains(
      ctml_import::import_tflite(fbt::build(find("strided_slice_masks_s8")), "s", "s.tflite"),
      "ctml::strided_slice<ctml::strided_slice_options{.begin = {1, 2, 1}, .end = {3, 0, 2}, .strides "
      "= {1, 3, 1}, .begin_mask = 2, .end_mask = 2, .shrink_axis_mask = 4}>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("quantize_s16_s8")), "q", "q.tflite"),
                 "ctml::input<ctml::shape<256>, std::int16_t, q_data::input>,\n    "
                 "ctml::quantize<q_data::op0_quantize>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("quantize_s8_s16")), "q", "q.tflite"),
                 "ctml::quantize<q_data::op0_quantize, std::int16_t>"));

  // TFLite Micro ignores the ellipsis and new-axis masks (and offset): refused, not silently changed.
  fbt::model_spec m = shapeops::strided_slice(shapeops::activation({1, 4, 6}, shapeops::i8, "x", 0.1f, 0),
                                              {{0, 0, 0}, {1, 2, 6}, {1, 1, 1}, 0, 0, 0, 0b010}, {1, 2, 6});
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (STRIDED_SLICE): ellipsis_mask / new_axis_mask are set"));
  m = shapeops::strided_slice(shapeops::activation({1, 4, 6}, shapeops::i8, "x", 0.1f, 0),
                              {{0, 0, 3}, {1, 4, 3}, {1, 1, 1}}, {1, 4, 1});
  CHECK(contains(import_error(fbt::build(m)), "selects no element along axis 2"));
  m = shapeops::strided_slice(shapeops::activation({1, 4, 6}, shapeops::i8, "x", 0.1f, 0),
                              {{0, 0, 0}, {1, 4, 6}, {1, 1, 1}}, {1, 4, 5});
  CHECK(contains(import_error(fbt::build(m)), "output t1 'y' has shape 1x4x5; the op computes 1x4x6"));
  // The batch axis stays 1.
  m = shapeops::pad(shapeops::activation({1, 4}, shapeops::i8, "x", 0.1f, 0), {1, 0, 0, 0});
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (PAD): pads the batch axis"));
  m = shapeops::pad(shapeops::activation({1, 4}, shapeops::i8, "x", 0.1f, 0), {0, 0, -1, 0});
  CHECK(contains(import_error(fbt::build(m)), "paddings[1] = [-1, 0]; expected 0..65536"));
  // PADV2's value must be quantized like the output.
  m = find("padv2_s8");
  m.tensors[3].scale = {0.5f};
  CHECK(contains(import_error(fbt::build(m)),
                 "constant_values t3 'constant_values' is not quantized like the output"));
  // int16 activations into an op ctml-import does not take them for yet: a clear message.
  m = shapeops::leaky_relu(shapeops::i16, 0.2f, 0.001f, 0, 0.001f, 0);
  m.opcodes = {19};  // RELU
  m.ops[0].options = nullptr;
  CHECK(
      contains(import_error(fbt::build(m)),
               "operator 0 (RELU): int16 activations (TFLite's 16x8): this op is not imported for int16 yet "
               "(int16 models: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, ADD, SUB, MUL, "
               "SOFTMAX, LOGISTIC, TANH, RESHAPE"));
  // QUANTIZE pairs TFLite Micro does not take.
  m = shapeops::quantize(shapeops::activation({}, shapeops::i32, "x", 0.5f, 0),
                         shapeops::activation({}, shapeops::i32, "y", 0.25f, 0));
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (QUANTIZE): QUANTIZE from INT32 to INT32 is not supported"));
}

// ---- Two-input element-wise ops (issue #11): the models of tests/data/tflm_ops/<name>/ -------------

TEST_CASE("TFLM's ADD / SUB / MUL models: imported, and the same bytes as committed with their goldens") {
  check_committed_op_models(binary::models());
}

TEST_CASE("several inputs and outputs; ADD / SUB / MUL: the header, and what is refused") {
  const std::string two = ctml_import::import_tflite(fbt::build(add_sub_two_outputs()), "two", "two.tflite");
  CHECK(contains(two, "// Summary (int8, graph):"));
  CHECK(contains(two, "inline constexpr ctml::quantization input1{0.07f, -9};"));
  CHECK(contains(two, "ctml::node<\"input1\", ctml::input<ctml::shape<8>, std::int8_t, two_data::input1>>,"));
  CHECK(contains(
      two,
      "ctml::node<\"op1\", ctml::sub<ctml::sub_options{}, two_data::op1_sub>, \"input0\", \"input1\">,"));
  CHECK(contains(two, "ctml::outputs<\"op1\", \"op0\">> {};"));  // TFLite's order of the outputs
  const std::string c = ctml_import::import_tflite(fbt::build(binary::models()[9].second), "mc", "mc.tflite");
  CHECK(contains(c, "inline constexpr ctml::constant_operand<std::int8_t, ctml::shape<8>> op0_mul{"));
  CHECK(contains(c, ".quant = {0.01f, 3},\n    .output = {0.01f, -1},"));
  CHECK(contains(c,
                 "struct mc final : ctml::sequential<\n    ctml::input<ctml::shape<4, 8>, std::int8_t, "
                 "mc_data::input>,\n    "
                 "ctml::mul<ctml::mul_options{}, mc_data::op0_mul>> {};"));
  const std::string f = ctml_import::import_tflite(fbt::build(binary::models()[6].second), "f", "f.tflite");
  CHECK(contains(
      f, "ctml::add<ctml::add_options{.activation = ctml::activation::relu6}>, \"input0\", \"input1\">"));
  const std::string s16 = ctml_import::import_tflite(fbt::build(binary::models()[4].second), "s", "s.tflite");
  CHECK(contains(s16, "// Summary (int16x8, graph):"));
  CHECK(contains(s16, "ctml::input<ctml::shape<5, 7>, std::int16_t, s_data::input0>"));

  using ts = fbt::tensor_spec;
  // Shapes that do not broadcast.
  fbt::model_spec m =
      binary_op(0, ts{{1, 3, 4}, 9, 0, "", true, {0.1f}, {0}}, ts{{1, 3}, 9, 0, "", true, {0.1f}, {0}},
                ts{{1, 3, 4}, 9, 0, "", true, {0.1f}, {0}}, 0);
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (ADD): inputs have shapes 3x4 and 3"));
  // A constant first operand of SUB.
  m = binary_op(41, ts{{1, 8}, 9, 0, "", true, {0.1f}, {0}}, ts{{1, 8}, 9, 0, "", true, {0.1f}, {0}},
                ts{{1, 8}, 9, 0, "", true, {0.1f}, {0}}, 0, fbt::le_bytes_i8({1, 2, 3, 4, 5, 6, 7, 8}), true);
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (SUB): input 0 is a constant"));
  // int16 with a non-zero zero point.
  m = binary::models()[4].second;
  m.tensors[2].zero_point = {3};
  CHECK(contains(import_error(fbt::build(m)),
                 "has zero point 3; int16 activations (TFLite's 16x8) must have zero point 0"));
  // The last operator must write a graph output.
  m = add_sub_two_outputs();
  m.outputs = {2};
  CHECK(contains(import_error(fbt::build(m)), "not written by the last operator"));
  // int16 activations into an op other than ADD / SUB / MUL.
  m = binary::models()[4].second;
  m.opcodes = {19};  // RELU
  m.ops[0].inputs = {0};
  m.ops[0].options = nullptr;
  m.ops[0].options_type = 0;
  m.inputs = {0};
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (RELU): int16 activations"));
}

TEST_CASE(
    "MEAN, MINIMUM, MAXIMUM, DIV, HARD_SWISH, PRELU, L2_NORMALIZATION: TFLM's op models, the header, and "
    "refusals") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_opsmath_golden_test).
  check_committed_op_models(opsmath::models());
  const auto models = opsmath::models();
  auto find = [&](const std::string& name) {
    for (const auto& [n, m] : models)
      if (n == name) return m;
    return fbt::model_spec{};
  };
  const std::string gap = ctml_import::import_tflite(fbt::build(find("mean_s8_hw")), "g", "g.tflite");
  CHECK(contains(gap, "inline constexpr ctml::quantization op0_mean{0.05f, -128};"));
  CHECK(contains(gap, "ctml::mean<ctml::mean_options{.axes = 0b11, .keep_dims = false}, g_data::op0_mean>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("mean_f32_axes")), "f", "f.tflite"),
                 "ctml::mean<ctml::mean_options{.axes = 0b101, .keep_dims = false}>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("mean_s8_hw_keep")), "k", "k.tflite"),
                 "ctml::mean<ctml::mean_options{.axes = 0b11}, k_data::op0_mean>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("maximum_s8_broadcast")), "m", "m.tflite"),
                 "ctml::node<\"op0\", ctml::maximum<>, \"input0\", \"input1\">"));
  const std::string c =
      ctml_import::import_tflite(fbt::build(find("minimum_s8_const_first")), "c", "c.tflite");
  CHECK(contains(c, "inline constexpr ctml::constant_operand<std::int8_t, ctml::shape<8>> op0_minimum{"));
  CHECK(contains(c, "ctml::minimum<c_data::op0_minimum>> {};"));
  CHECK(contains(
      ctml_import::import_tflite(fbt::build(find("div_f32_broadcast_relu")), "d", "d.tflite"),
      "ctml::div<ctml::div_options{.activation = ctml::activation::relu}>, \"input0\", \"input1\">"));

  CHECK(contains(ctml_import::import_tflite(fbt::build(find("hard_swish_s8")), "h", "h.tflite"),
                 "ctml::hard_swish<h_data::op0_hard_swish>> {};"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("hard_swish_f32")), "h", "h.tflite"),
                 "ctml::hard_swish<>> {};"));

  const std::string p = ctml_import::import_tflite(fbt::build(find("prelu_s8_const")), "p", "p.tflite");
  CHECK(contains(p, "inline constexpr ctml::constant_operand<std::int8_t, ctml::shape<1, 1, 6>> op0_prelu{"));
  CHECK(contains(p, "ctml::prelu<p_data::op0_prelu>> {};"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("prelu_s8_input")), "p", "p.tflite"),
                 "ctml::node<\"op0\", ctml::prelu<p_data::op0_prelu>, \"input0\", \"input1\">"));

  CHECK(contains(ctml_import::import_tflite(fbt::build(find("l2_normalization_s8")), "n", "n.tflite"),
                 "ctml::l2_normalization<>> {};"));

  using opsmath::activation;
  using opsmath::i8;
  // An int8 L2_NORMALIZATION whose output is not TFLite's fixed 1/128.
  fbt::model_spec l2 =
      opsmath::hard_swish(activation({1, 8}, i8, "", 0.1f, 0), 0.01f, 0, opsmath::l2_normalization_code);
  CHECK(contains(import_error(fbt::build(l2)),
                 "operator 0 (L2_NORMALIZATION): int8 output quantization must be scale 1/128"));
  // An int8 HARD_SWISH whose output scale is below the input's / 128: TFLite refuses it.
  fbt::model_spec hs = opsmath::hard_swish(activation({1, 8}, i8, "", 0.1f, 0), 0.0005f, 0);
  CHECK(contains(import_error(fbt::build(hs)),
                 "operator 0 (HARD_SWISH): int8 input scale / 128 / output scale"));
  // MINIMUM of int8 tensors quantized differently: TFLite would compare unrelated integers.
  fbt::model_spec m =
      opsmath::binary(opsmath::minimum_code, activation({1, 8}, i8, "", 0.1f, 0),
                      activation({1, 8}, i8, "", 0.1f, 1), activation({1, 8}, i8, "", 0.1f, 0));
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (MINIMUM): the inputs and the output have different"));
  // int8 DIV.
  m = opsmath::binary(opsmath::div_code, activation({1, 8}, i8, "", 0.1f, 0),
                      activation({1, 8}, i8, "", 0.1f, 0), activation({1, 8}, i8, "", 0.1f, 0));
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (DIV): DIV is imported for float models only"));
  CHECK(!ctml_import::check(fbt::build(m)).empty());  // --check: DIV takes float32 only
  // A constant first operand of a float MAXIMUM (the order decides ties of +0 and -0).
  m = opsmath::binary(opsmath::maximum_code, activation({1, 4}, opsmath::f32, ""),
                      activation({4}, opsmath::f32, ""), activation({1, 4}, opsmath::f32, ""), 0,
                      fbt::le_bytes_f32({0.0f, 1.0f, 2.0f, 3.0f}), true);
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (MAXIMUM): input 0 is a constant"));
  // MEAN over the batch without keep_dims, and over an axis out of range.
  m = opsmath::mean(activation({1, 4, 6}, i8, "", 0.1f, 0), {0, 1}, false, 0.1f, 0);
  m.tensors[1].shape = {6};
  CHECK(
      contains(import_error(fbt::build(m)), "operator 0 (MEAN): averages the batch axis without keep_dims"));
  m = opsmath::mean(activation({1, 4, 6}, i8, "", 0.1f, 0), {1}, true, 0.1f, 0);
  m.buffers[1] = fbt::le_bytes_i32({3});
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (MEAN): axis 3 is out of range for an input of rank 3"));
}

TEST_CASE("CONCATENATION, TRANSPOSE: TFLM's op models, the emitted layers, and refusals") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_dataops_golden_test).
  check_committed_op_models(dataops::models());
  const auto models = dataops::models();
  auto find = [&](const std::string& name) {
    for (const auto& [n, m] : models)
      if (n == name) return m;
    return fbt::model_spec{};
  };
  // TFLite's axes count the batch; ctml's do not (a negative axis stays negative from the end).
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("concat_s8_two_inputs")), "c", "c.tflite"),
                 "ctml::node<\"op0\", ctml::concatenation<1>, \"input0\", \"input1\">"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("concat_s8_rank5_neg_axis")), "c", "c.tflite"),
                 "ctml::concatenation<2>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("concat_f32_branches")), "c", "c.tflite"),
                 "ctml::node<\"op2\", ctml::concatenation<0>, \"op0\", \"input\", \"op1\">"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("transpose_s8_nchw")), "t", "t.tflite"),
                 "ctml::transpose<1, 2, 0>"));

  // Inputs quantized unlike the output: TFLite Micro refuses them (it does not requantize).
  fbt::model_spec m = find("concat_s8_two_inputs");
  m.tensors[1].zero_point = {-6};
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (CONCATENATION): input and output quantization differ"));
  // Along the batch, with a fused activation, shapes that differ elsewhere than the axis.
  m = dataops::concatenation({{1, 3}, {1, 3}}, 0, dataops::i8, 0.1f, 0);
  m.tensors[2].shape = {2, 3};
  CHECK(contains(import_error(fbt::build(m)), "concatenates along the batch axis"));
  m = dataops::concatenation({{1, 3}, {1, 2}}, 1, dataops::i8, 0.1f, 0);  // own options table
  m.ops[0].options->u8(1, 1);
  CHECK(contains(import_error(fbt::build(m)), "has a fused activation"));
  m = find("concat_s8_two_inputs");
  m.tensors[1].shape = {1, 2, 2, 5};
  CHECK(
      contains(import_error(fbt::build(m)), "input t1 'x1' has shape 1x2x2x5, which differs from the first"));
  // TRANSPOSE: the batch stays first; perm must be a permutation.
  m = dataops::transpose(dataops::activation({1, 3, 1}, dataops::i8, "x", 0.1f, 0), {2, 1, 0});
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (TRANSPOSE): moves the batch axis"));
  m = dataops::transpose(dataops::activation({1, 3, 4}, dataops::i8, "x", 0.1f, 0), {0, 1, 1});
  CHECK(contains(import_error(fbt::build(m)), "perm is not a permutation of 0 .. 2"));
  // CAST: the output's type names the conversion; INT64 (and BOOL, UINT32) are not imported.
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("cast_s8_f32")), "k", "k.tflite"),
                 "ctml::input<ctml::shape<4, 16>, std::int8_t, k_data::input>,\n    ctml::cast<float>> {};"));
  m = dataops::cast(dataops::activation({1, 4}, dataops::f32, "x"), 4);
  CHECK(contains(import_error(fbt::build(m)), "operator 0 (CAST): CAST to INT64 is not supported"));
  // SPLIT, SPLIT_V: one strided_slice per output, named opN_k; sizes checked against the outputs.
  CHECK(contains(
      ctml_import::import_tflite(fbt::build(find("split_v_f32_neg_axis")), "s", "s.tflite"),
      "ctml::node<\"op0_1\", ctml::strided_slice<ctml::strided_slice_options{.begin = {0, 2}, .end = "
      "{5, 6}, .strides = {1, 1}}>, \"input\">"));
  m = dataops::split(dataops::activation({1, 5, 7}, dataops::f32, "x"), -1, {2, 4, 1}, {3, -1, 1});
  CHECK(contains(import_error(fbt::build(m)),
                 "operator 0 (SPLIT_V): size_splits[0] is 3 but output t2 'y0' has 2"));
  m = dataops::split(dataops::activation({1, 5, 7}, dataops::f32, "x"), 2, {2, 4});
  CHECK(contains(import_error(fbt::build(m)),
                 "the outputs' extents along axis 2 add up to 6; the input has 7"));
  m = dataops::split(dataops::activation({1, 5, 7}, dataops::f32, "x"), 0, {1});
  CHECK(contains(import_error(fbt::build(m)), "splits the batch axis"));
  // SPACE_TO_DEPTH / DEPTH_TO_SPACE: the block size read from the options; one that does not divide.
  CHECK(contains(ctml_import::import_tflite(fbt::build(find("depth_to_space_s8")), "d", "d.tflite"),
                 "ctml::depth_to_space<2>"));
  m = dataops::block_op(dataops::activation({1, 5, 4, 2}, dataops::i8, "x", 0.1f, 0), 2, true);
  m.tensors[1].shape = {1, 2, 2, 8};
  CHECK(contains(import_error(fbt::build(m)),
                 "block_size 2 does not divide the input's height and width 1x5x4x2"));
}

TEST_CASE("int16 LOGISTIC, TANH, RESIZE_NEAREST_NEIGHBOR: TFLM's op models, the header, and refusals") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_ops3_golden_test).
  check_committed_op_models(ops3::models());
  const auto s16 = [](std::int32_t code, float in_scale, std::int64_t in_zp, float out_scale) {
    return opsmath::hard_swish(opsmath::activation({1, 8}, opsmath::i16, "x", in_scale, in_zp), out_scale, 0,
                               code);
  };
  const std::string h = ctml_import::import_tflite(
      fbt::build(s16(ops3::logistic_code, 0.001f, 0, 1.0f / 32768.0f)), "lg", "lg.tflite");
  CHECK(contains(h, "inline constexpr ctml::quantization op0_sigmoid{3.0517578e-05f, 0};"));
  CHECK(contains(h, "ctml::sigmoid<lg_data::op0_sigmoid>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(s16(ops3::tanh_code, 0.001f, 0, 1.0f / 32768.0f)),
                                            "th", "th.tflite"),
                 "ctml::tanh<th_data::op0_tanh>"));
  CHECK(contains(import_error(fbt::build(s16(ops3::tanh_code, 0.001f, 0, 1.0f / 16384.0f))),
                 "int16 output quantization must be scale 2^-15, zero point 0"));
  CHECK(contains(import_error(fbt::build(s16(ops3::logistic_code, 0.001f, 3, 1.0f / 32768.0f))),
                 "int16 input zero point must be 0"));
  CHECK(contains(import_error(fbt::build(s16(ops3::logistic_code, 3.0f, 0, 1.0f / 32768.0f))),
                 "int16 input scale must be at most 32767 / 12288"));
}

TEST_CASE("RESIZE_NEAREST_NEIGHBOR: the header and refusals") {
  const auto x = opsmath::activation({1, 3, 4, 5}, opsmath::i8, "x", 0.1f, -3);
  CHECK(contains(ctml_import::import_tflite(fbt::build(ops3::resize(x, 7, 9)), "r", "r.tflite"),
                 "ctml::resize_nearest_neighbor<7, 9>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(ops3::resize(x, 7, 9, false, true)), "r", "r.tflite"),
                 "ctml::resize_nearest_neighbor<7, 9, false, true>"));
  CHECK(contains(ctml_import::import_tflite(fbt::build(ops3::resize(x, 2, 3, true)), "r", "r.tflite"),
                 "ctml::resize_nearest_neighbor<2, 3, true>"));
  fbt::model_spec m = ops3::resize(x, 7, 9);
  m.tensors[1].zero_point = {4};
  CHECK(contains(import_error(fbt::build(m)), "the op copies the input's values"));
  m = ops3::resize(x, 7, 9);
  m.tensors[2].shape = {3};
  m.buffers.back() = fbt::le_bytes_i32({7, 9, 1});
  CHECK(contains(import_error(fbt::build(m)), "size must hold 2 values"));
}

TEST_CASE("GATHER with constant indices: the header and refusals") {
  const auto x = opsmath::activation({1, 3, 4, 6}, opsmath::i8, "x", 0.1f, -7);
  CHECK(contains(ctml_import::import_tflite(fbt::build(ops3::gather(x, -1, {5, 0, 5, 2})), "g", "g.tflite"),
                 "ctml::gather<2, 5, 0, 5, 2>"));
  CHECK(contains(import_error(fbt::build(ops3::gather(x, 0, {0}))), "gathers along the batch axis"));
  CHECK(
      contains(import_error(fbt::build(ops3::gather(x, 2, {1, 4}))), "index 4 is outside the axis' size 4"));
}

TEST_CASE("import-time folding: PAD into a VALID CONV_2D / DEPTHWISE_CONV_2D, and when it is not folded") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_fold_golden_test).
  check_committed_op_models(fold::models());
  const auto find = [](const std::string& name) {
    for (const auto& [n, m] : fold::models())
      if (n == name) return m;
    return fbt::model_spec{};
  };
  const std::string h = ctml_import::import_tflite(fbt::build(find("pad_conv_s8")), "pc", "pc.tflite");
  CHECK(contains(h, "// Folded at import time: op 0 PAD into op 1 CONV_2D (explicit padding)"));
  CHECK(contains(h, ".pads = {.top = 2, .bottom = 1, .left = 0, .right = 3}"));
  CHECK(!contains(h, "ctml::pad<"));
  CHECK(contains(h, "ctml::input<ctml::shape<7, 6, 3>"));
  const std::string d = ctml_import::import_tflite(fbt::build(find("padv2_dw_s8")), "pd", "pd.tflite");
  CHECK(contains(d, "op 0 PADV2 into op 1 DEPTHWISE_CONV_2D"));
  CHECK(contains(d, ".pads = {.top = 1, .bottom = 0, .left = 3, .right = 2}"));
  // Not folded: a PADV2 value other than the zero point, padded channels, a SAME conv, a second reader.
  fbt::model_spec m = find("padv2_dw_s8");
  m.buffers[2] = fbt::le_bytes_i8({126});
  CHECK(contains(ctml_import::import_tflite(fbt::build(m), "pd", "pd.tflite"), "ctml::pad<"));
  fold::pad_conv_case c{
      .type = fold::f32, .x_shape = {1, 4, 4, 3}, .pads = {1, 1, 0, 0}, .filters = 2, .kh = 3, .kw = 3};
  m = fold::pad_conv(c);
  m.buffers[1] = fbt::le_bytes_i32({0, 0, 1, 1, 0, 0, 0, 1});  // pads a channel: the conv sees 4
  m.tensors[1].shape[3] = 4;
  m.tensors[3].shape[3] = 4;
  m.buffers[2] = fbt::le_bytes_f32(std::vector<float>(2 * 3 * 3 * 4, 0.25f));
  CHECK(contains(ctml_import::import_tflite(fbt::build(m), "pf", "pf.tflite"), "ctml::pad<"));
  m = fold::pad_conv(c);
  m.ops[1].options = fbt::conv_options(0, 1, 1, 0);  // SAME
  m.tensors[5].shape = {1, 6, 4, 2};
  CHECK(contains(ctml_import::import_tflite(fbt::build(m), "pf", "pf.tflite"), "ctml::pad<"));
  m = fold::pad_conv(c);
  m.outputs = {1, 5};  // the padded tensor is also a graph output
  CHECK(contains(ctml_import::import_tflite(fbt::build(m), "pf", "pf.tflite"), "ctml::pad<"));
}

TEST_CASE("import-time folding: QUANTIZE / DEQUANTIZE of constants, SHAPE -> STRIDED_SLICE -> PACK") {
  const auto find = [](const std::string& name) {
    for (const auto& [n, m] : fold::models())
      if (n == name) return m;
    return fbt::model_spec{};
  };
  // The constant operand as TFLite's QUANTIZE gives it: round(x / 0.02f) + 10, saturated.
  const std::string q =
      ctml_import::import_tflite(fbt::build(find("quantize_const_add_s8")), "q", "q.tflite");
  CHECK(contains(q, "// Folded at import time: op 0 QUANTIZE (its output is a constant)"));
  CHECK(contains(q, "ctml::add<"));
  CHECK(!contains(q, "ctml::quantize<"));
  const std::string d =
      ctml_import::import_tflite(fbt::build(find("dequantize_const_mul_f32")), "d", "d.tflite");
  CHECK(contains(d, "op 0 DEQUANTIZE (its output is a constant)"));
  CHECK(!contains(d, "ctml::dequantize"));
  const std::string r =
      ctml_import::import_tflite(fbt::build(find("shape_pack_reshape_s8")), "r", "r.tflite");
  CHECK(contains(r, "op 0 SHAPE (its output is a constant)"));
  CHECK(contains(r, "op 1 STRIDED_SLICE (its output is a constant)"));
  CHECK(contains(r, "op 2 PACK (its output is a constant)"));
  CHECK(contains(r, "ctml::reshape<ctml::shape<24>>"));
  CHECK(ctml_import::check(fbt::build(find("shape_pack_reshape_s8"))).empty());
  // A SHAPE of a graph output is not folded (the output would be a constant): SHAPE stays unsupported.
  fbt::model_spec m = find("shape_pack_reshape_s8");
  m.outputs = {8, 1};
  CHECK(contains(import_error(fbt::build(m)), "SHAPE"));
}

TEST_CASE("BATCH_MATMUL with a constant operand: TFLM's op models, the header, and refusals") {
  // tests/data/tflm_ops holds these models with TFLM's outputs (tflm_bmm_golden_test).
  check_committed_op_models(bmm::models());
  const auto x = opsmath::activation({1, 6, 4}, opsmath::i8, "x", 0.03f, -5);
  const std::string h = ctml_import::import_tflite(
      fbt::build(bmm::matmul(x, {4, 3}, true, true, true, 0.02f, 9, 0.5f, 100)), "b", "b.tflite");
  CHECK(contains(h,
                 "ctml::batch_matmul<ctml::batch_matmul_options{.adj_x = true, .adj_y = true, "
                 ".constant_lhs = true}, b_data::op0_batch_matmul>"));
  CHECK(contains(
      h, "inline constexpr ctml::constant_operand<std::int8_t, ctml::shape<4, 3>> op0_batch_matmul{"));
  CHECK(contains(h, "// the constant first operand, 4x3"));
  CHECK(contains(import_error(fbt::build(bmm::matmul(x, {5, 3}, false, false, false))),
                 "with depths 4 and 5 (adj_x false, adj_y false)"));
  CHECK(contains(import_error(fbt::build(bmm::matmul(x, {2, 4, 3}, false, false, false))),
                 "ctml-import needs a leading batch dimension of 1"));
  fbt::model_spec two = bmm::matmul(x, {1, 4, 3}, false, false, false);
  two.tensors[1].buffer = 0;
  two.inputs = {0, 1};
  CHECK(contains(import_error(fbt::build(two)), "both inputs are activations"));
  const auto x16 = opsmath::activation({1, 6, 4}, opsmath::i16, "x", 0.03f, 0);
  CHECK(contains(import_error(fbt::build(bmm::matmul(x16, {4, 3}, false, false, false, 0.02f, 2))),
                 "int16 operands and output need zero point 0"));
}

TEST_CASE("int16 SOFTMAX: the header and refusals") {
  const std::string h =
      ctml_import::import_tflite(fbt::build(bmm::softmax_s16({1, 3, 37}, 0.001f, 1.0f)), "s", "s.tflite");
  CHECK(contains(h, "ctml::softmax<s_data::op0_softmax, std::int16_t>"));
  CHECK(contains(h, "inline constexpr ctml::softmax_params op0_softmax{.beta = 1.0f, .output = "));
  fbt::model_spec m = bmm::softmax_s16({1, 8}, 0.001f, 1.0f);
  m.tensors[1].scale = {1.0f / 65536.0f};
  CHECK(
      contains(import_error(fbt::build(m)), "int16 output quantization must be scale 1/32768, zero point 0"));
  m = bmm::softmax_s16({1, 8}, 0.001f, 1.0f);
  m.tensors[0].zero_point = {4};
  CHECK(contains(import_error(fbt::build(m)), "zero point"));
}

// Inputs tools/scripts/check.d/fuzz.sh found to crash the importer, each fixed: the import and --check
// must agree and end normally (an error, or a model). Under host-asan (ASan + UBSan) a regression aborts.
// channels_requantize_overflow: a requantized constant near INT32_MIN plus the output zero point
// overflowed int32 in the channel folding (tools/ctml-import/src/channels.cpp).
TEST_CASE("fuzz findings import or fail cleanly") {
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(CTML_FUZZ_FINDINGS_DIR)) {
    INFO(e.path().string());
    const std::vector<std::uint8_t> bytes = read_file(e.path().string());
    bool imported = true;
    try {
      (void)ctml_import::load(bytes);
    } catch (const ctml_import::error&) {
      imported = false;
    }
    CHECK(ctml_import::check(bytes).empty() == imported);
    ++files;
  }
  CHECK(files >= 1);
}
