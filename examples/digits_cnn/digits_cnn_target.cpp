// The digits CNN on emulated Cortex-M4 (no file system): the 450 held-out digits embedded as grey
// values (model/target_data.hpp, make_target_data.py), run through the int8 model (ctml's TFLite
// arithmetic), the QDQ model (ONNX's) and the float model. Checks: the float model gives numpy's class
// on every image; int8 and QDQ accuracy at least 95 % and at most 2 points below float's. Prints
// instructions per image (QEMU -icount, input quantization included), RAM and flash of each model.
// Exit status 1 when a check fails.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "model/digits_cnn_float.hpp"
#include "model/digits_cnn_int8.hpp"
#include "model/digits_cnn_qdq.hpp"
#include "model/target_data.hpp"

namespace {

constexpr std::size_t pixels = target_data::height * target_data::width;
static_assert(digits_cnn_int8::input_shape::size == pixels);

template <class Model>
int classify(ctml::arena<Model>& a, const std::uint8_t* grey, std::uint64_t& count) {
  ctml_cm_counter_begin();
  auto in = a.input();
  for (std::size_t i = 0; i < pixels; ++i) {
    const float x = static_cast<float>(grey[i]) / 16.0f;  // the model's input: grey value / 16
    if constexpr (std::is_same_v<typename Model::input_type, float>) {
      in[i] = x;
    } else {
      constexpr auto q = Model::input_spec::quant;  // r = s (q - z)
      const float v = std::round(x / q.scale) + static_cast<float>(q.zero_point);
      in[i] = static_cast<std::int8_t>(std::clamp(v, -128.0f, 127.0f));
    }
  }
  Model::invoke(a);
  count += ctml_cm_counter_end();
  const auto out = a.output();
  return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
}

template <class Model>
void print_model(const char* what, std::uint64_t count, int right) {
  ctml_cm_print(what);
  ctml_cm_print_u64(count / target_data::images);
  ctml_cm_print(" instructions/image, RAM ");
  ctml_cm_print_u64(Model::arena_bytes);
  ctml_cm_print(" bytes, flash ");
  ctml_cm_print_u64(Model::weight_bytes);
  ctml_cm_print(" bytes, right ");
  ctml_cm_print_u64(std::uint64_t(right));
  ctml_cm_print(" of ");
  ctml_cm_print_u64(target_data::images);
  ctml_cm_print("\n");
}

}  // namespace

int main() {
  if (!ctml_cm_counter_valid()) {
    ctml_cm_print_error("instruction counter not valid (QEMU without -icount?)\n");
    return 1;
  }
  static ctml::arena<digits_cnn_float> af;
  static ctml::arena<digits_cnn_int8> ai;
  static ctml::arena<digits_cnn_qdq> aq;
  std::uint64_t count_f = 0, count_i = 0, count_q = 0;
  int right_f = 0, right_i = 0, right_q = 0, float_is_numpy = 0;
  for (std::size_t r = 0; r < std::size_t(target_data::images); ++r) {
    const std::uint8_t* grey = target_data::pixels.data() + r * pixels;
    const int cf = classify(af, grey, count_f), ci = classify(ai, grey, count_i),
              cq = classify(aq, grey, count_q);
    float_is_numpy += cf == target_data::numpy_classes[r];
    right_f += cf == target_data::labels[r];
    right_i += ci == target_data::labels[r];
    right_q += cq == target_data::labels[r];
  }
  print_model<digits_cnn_int8>("int8 model (quantize, CNN, softmax): ", count_i, right_i);
  print_model<digits_cnn_qdq>("QDQ model (ONNX arithmetic): ", count_q, right_q);
  print_model<digits_cnn_float>("float model: ", count_f, right_f);
  ctml_cm_print("float = numpy's class on ");
  ctml_cm_print_u64(std::uint64_t(float_is_numpy));
  ctml_cm_print(" images\n");

  constexpr int n = target_data::images;
  bool ok = true;
  if (float_is_numpy != n) ok = (ctml_cm_print_error("float differs from numpy\n"), false);
  if (right_i * 100 < 95 * n || right_q * 100 < 95 * n)
    ok = (ctml_cm_print_error("int8 or QDQ accuracy below 95 %\n"), false);
  if ((right_f - right_i) * 100 > 2 * n || (right_f - right_q) * 100 > 2 * n)
    ok = (ctml_cm_print_error("int8 or QDQ more than 2 points below float\n"), false);
  return ok ? 0 : 1;
}
