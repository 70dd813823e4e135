// Handwritten digits on the host: a small CNN trained in numpy, exported to ONNX the way
// torch.onnx.export writes the PyTorch module (NCHW, BatchNorm, Flatten, Gemm, Softmax), imported by
// tools/onnx three ways: float, int8 (--quantize, ctml's TFLite arithmetic) and the QDQ model
// (ONNX's arithmetic, ctml::requantization::onnx). Runs all three on the 450 held-out images.
//
//   digits_cnn <heldout.bin> [--min-accuracy A]      A: a number from 0 to 1
//
// Checks: the float model gives numpy's class on every image and its probabilities are within
// probability_tolerance of numpy's float64 run of the ONNX graph; the QDQ model gives the class of
// numpy's run of the QDQ graph on at least 99 % of the images (onnxruntime's fused integer kernels and
// the graph's float semantics may differ on rounding ties); int8 accuracy at most int8_margin below
// float's. Exit status 1 when a check fails or an accuracy is below A; 2 with one line on stderr on a
// bad argument or input file. heldout.bin comes from make_test_data.py, the models from train.py.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <ctml/graph/budget.hpp>

#include "model/digits_cnn_float.hpp"
#include "model/digits_cnn_int8.hpp"
#include "model/digits_cnn_qdq.hpp"

namespace {

constexpr int classes = 10, side = 8;
constexpr std::size_t pixels = side * side;
constexpr double probability_tolerance = 1e-5;  // float32 model vs float64 numpy
constexpr double int8_margin = 0.02;            // int8 accuracy at most 2 points below float's

// The models' memory bills, fixed at compile time: the int8 CNN in 1 KiB of RAM and 8 KiB of flash.
static_assert(digits_cnn_float::input_shape::size == pixels && digits_cnn_qdq::input_shape::size == pixels);
static_assert(digits_cnn_int8::output_shape::size == classes);
static_assert(ctml::fits<digits_cnn_int8, ctml::budget{.ram = 1024, .flash = 8 * 1024}>);
static_assert(ctml::fits<digits_cnn_qdq, ctml::budget{.ram = 1024, .flash = 8 * 1024}>);
static_assert(ctml::fits<digits_cnn_float, ctml::budget{.ram = 4 * 1024, .flash = 16 * 1024}>);

/// Runs one model on an image (grey / 16, row-major: NCHW with one channel is NHWC's order);
/// writes the probabilities (int8: dequantized) and returns the class.
template <class Model>
int classify(ctml::arena<Model>& a, const float* image, std::array<double, classes>& out) {
  auto in = a.input();
  for (std::size_t i = 0; i < pixels; ++i) {
    if constexpr (std::is_same_v<typename Model::input_type, float>) {
      in[i] = image[i];
    } else {
      constexpr auto q = Model::input_spec::quant;  // r = s (q - z)
      const float v = std::round(image[i] / q.scale) + static_cast<float>(q.zero_point);
      in[i] = static_cast<std::int8_t>(std::clamp(v, -128.0f, 127.0f));
    }
  }
  Model::invoke(a);
  const auto y = a.output();
  for (std::size_t k = 0; k < classes; ++k) {
    if constexpr (std::is_same_v<typename Model::output_type, float>) {
      out[k] = double(y[k]);
    } else {
      constexpr auto q = Model::output_spec::quant;
      out[k] = double(q.scale) * double(int(y[k]) - q.zero_point);
    }
  }
  return static_cast<int>(std::max_element(y.begin(), y.end()) - y.begin());
}

struct dataset {
  int count = 0;
  std::vector<std::int32_t> labels, qdq_classes;
  std::vector<float> images;
  std::vector<double> probabilities;
};

bool fail(const std::string& msg) {
  std::fprintf(stderr, "digits_cnn: error: %s\n", msg.c_str());
  return false;
}

bool load(const char* path, dataset& d) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return fail(std::string("cannot open ") + path);
  std::int32_t head[4];
  bool ok = std::fread(head, sizeof head, 1, f) == 1 && head[0] > 0 && head[0] <= 100000 && head[1] == side &&
            head[2] == side && head[3] == classes;
  if (!ok) {
    std::fclose(f);
    return fail(std::string(path) + ": bad header (expected count, 8, 8, 10: a file from make_test_data.py)");
  }
  d.count = head[0];
  const auto n = std::size_t(d.count);
  d.labels.resize(n);
  d.qdq_classes.resize(n);
  d.images.resize(n * pixels);
  d.probabilities.resize(n * classes);
  ok = std::fread(d.labels.data(), 4, n, f) == n &&
       std::fread(d.images.data(), 4, n * pixels, f) == n * pixels &&
       std::fread(d.probabilities.data(), 8, n * classes, f) == n * classes &&
       std::fread(d.qdq_classes.data(), 4, n, f) == n;
  const bool trailing = ok && std::fgetc(f) != EOF;
  std::fclose(f);
  if (!ok) return fail(std::string(path) + ": truncated (" + std::to_string(n) + " images announced)");
  if (trailing) return fail(std::string(path) + ": data after the last record");
  const auto is_class = [](std::int32_t c) { return c >= 0 && c < classes; };
  if (!std::all_of(d.labels.begin(), d.labels.end(), is_class) ||
      !std::all_of(d.qdq_classes.begin(), d.qdq_classes.end(), is_class))
    return fail(std::string(path) + ": a class is not 0 to 9");
  for (std::size_t i = 0; i < n * pixels; ++i)
    if (!(d.images[i] >= 0.0f && d.images[i] <= 1.0f))  // also NaN
      return fail(std::string(path) + ": image " + std::to_string(i / pixels) + ", pixel " +
                  std::to_string(i % pixels) + ": " + std::to_string(d.images[i]) +
                  " is not a grey value in [0, 1]");
  if (!std::all_of(d.probabilities.begin(), d.probabilities.end(), [](double p) { return p >= 0 && p <= 1; }))
    return fail(std::string(path) + ": numpy's probabilities are not in [0, 1]");
  return true;
}

template <class Model>
void print_model(const char* name) {
  std::printf("%-6s RAM %5zu bytes (arena), flash %5zu bytes, %zu MACs per image\n", name, Model::arena_bytes,
              Model::weight_bytes, Model::macs);
}

}  // namespace

int main(int argc, char** argv) {
  double min_accuracy = 0;
  if (argc == 4 && !std::strcmp(argv[2], "--min-accuracy")) {
    const char* const end = argv[3] + std::strlen(argv[3]);
    const auto [stop, ec] = std::from_chars(argv[3], end, min_accuracy);
    if (ec != std::errc{} || stop != end || !(min_accuracy >= 0 && min_accuracy <= 1)) {
      std::fprintf(stderr, "digits_cnn: error: --min-accuracy takes a number from 0 to 1, got '%s'\n",
                   argv[3]);
      return 2;
    }
  } else if (argc != 2) {
    std::fprintf(stderr, "usage: digits_cnn <heldout.bin> [--min-accuracy A]\n");
    return 2;
  }
  static dataset d;
  if (!load(argv[1], d)) return 2;

  static ctml::arena<digits_cnn_float> af;
  static ctml::arena<digits_cnn_int8> ai;
  static ctml::arena<digits_cnn_qdq> aq;
  int right_f = 0, right_i = 0, right_q = 0, float_is_numpy = 0, qdq_is_numpy = 0, int8_is_float = 0;
  int confusion[classes][classes] = {};
  double max_diff = 0, max_diff_int8 = 0;
  std::array<double, classes> pf{}, pi{}, pq{};
  for (std::size_t r = 0; r < std::size_t(d.count); ++r) {
    const float* image = d.images.data() + r * pixels;
    const double* numpy = d.probabilities.data() + r * classes;
    const int cf = classify(af, image, pf), ci = classify(ai, image, pi), cq = classify(aq, image, pq);
    const int label = d.labels[r];
    for (std::size_t k = 0; k < classes; ++k) {
      max_diff = std::max(max_diff, std::fabs(pf[k] - numpy[k]));
      max_diff_int8 = std::max(max_diff_int8, std::fabs(pi[k] - numpy[k]));
    }
    float_is_numpy += cf == int(std::max_element(numpy, numpy + classes) - numpy);
    qdq_is_numpy += cq == d.qdq_classes[r];
    int8_is_float += ci == cf;
    right_f += cf == label;
    right_i += ci == label;
    right_q += cq == label;
    ++confusion[label][ci];
  }
  const double n = d.count, acc_f = right_f / n, acc_i = right_i / n, acc_q = right_q / n;
  std::printf("held-out images: %d (8 x 8 grey, 10 classes)\n", d.count);
  std::printf("accuracy: float %.4f   int8 %.4f   QDQ %.4f\n", acc_f, acc_i, acc_q);
  std::printf(
      "float = numpy's class on %d of %d images; probabilities max |difference| %.3g (tolerance %g)\n",
      float_is_numpy, d.count, max_diff, probability_tolerance);
  std::printf("int8 = float's class on %d images; int8 probabilities max |difference| to numpy %.3g\n",
              int8_is_float, max_diff_int8);
  std::printf("QDQ = numpy's class of the QDQ graph on %d images\n", qdq_is_numpy);
  std::printf("int8 confusion (rows: truth 0-9, columns: predicted 0-9):\n");
  for (int a = 0; a < classes; ++a) {
    std::printf("  %d:", a);
    for (int b = 0; b < classes; ++b) std::printf(" %3d", confusion[a][b]);
    std::printf("\n");
  }
  print_model<digits_cnn_float>("float");
  print_model<digits_cnn_int8>("int8");
  print_model<digits_cnn_qdq>("QDQ");

  bool ok = true;
  if (float_is_numpy != d.count) ok = fail("the float model differs from numpy's class");
  if (max_diff > probability_tolerance) ok = fail("the float model's probabilities differ from numpy's");
  if (qdq_is_numpy * 100 < 99 * d.count)
    ok = fail("the QDQ model differs from numpy's QDQ graph on over 1 %");
  if (acc_f - acc_i > int8_margin) ok = fail("int8 accuracy more than 2 points below float's");
  if (std::min({acc_f, acc_i, acc_q}) < min_accuracy) ok = fail("accuracy below " + std::string(argv[3]));
  return ok ? 0 : 1;
}
