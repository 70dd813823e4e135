// Writes include/ctml/kernels/reference/softmax_s16_tables.hpp: the two 513-entry int16 tables of TFLite's
// int16 SOFTMAX, exp(x) on [-10, 0] and 1 / (1 + x) on [0, 1], each sampled at 512 steps with TFLite's
// midpoint-error correction. TFLite Micro builds them at Prepare with float arithmetic and std::exp; ctml's
// library cannot call expf at compile time, so this host program does the same float steps once (they do
// not depend on the model) and the header keeps the result.
//   g++ -std=c++20 -O0 -ffp-contract=off tools/tables/softmax_s16_tables.cpp -o /tmp/t && /tmp/t |
//       clang-format --assume-filename=include/ctml/kernels/reference/softmax_s16_tables.hpp \
//       > include/ctml/kernels/reference/softmax_s16_tables.hpp
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace {
// Every step in float, in the order TFLite evaluates it (LUTPopulate for int16 tables, FloatT = float).
template <class F>
void table(float in_scale, int in_zero_point, float out_scale, int out_zero_point, F f, std::int16_t* t) {
  const float in_min = in_scale * static_cast<float>(-32768 - in_zero_point);
  const float in_max = in_scale * static_cast<float>(32767 - in_zero_point);
  const float out_min = out_scale * static_cast<float>(-32768 - out_zero_point);
  const float out_max = out_scale * static_cast<float>(32767 - out_zero_point);
  const float step = (in_max - in_min) / 512;
  const float half = step / 2;
  const float inv = static_cast<float>(65536) / (out_max - out_min);
  for (int i = 0; i < 512; ++i) {
    const float v = f(in_min + static_cast<float>(i) * step);
    const float mid = f(in_min + static_cast<float>(i) * step + half);
    const float next = f(in_min + static_cast<float>(i + 1) * step);
    const float sample = std::round(v * inv);
    const float interp = std::round((next * inv + std::round(v * inv)) / 2);
    const float exact = std::round(mid * inv);
    const float bias = std::round((interp - exact) / 2);
    float r = sample - bias;
    r = r < -32768.0f ? -32768.0f : (r > 32767.0f ? 32767.0f : r);
    t[i] = static_cast<std::int16_t>(r);
  }
  float last = std::round(f(in_max) * inv);
  last = last < -32768.0f ? -32768.0f : (last > 32767.0f ? 32767.0f : last);
  t[512] = static_cast<std::int16_t>(last);
}

void print(const char* name, const char* what, const std::int16_t* t) {
  std::printf("/// %s\ninline constexpr std::array<std::int16_t, 513> %s{\n", what, name);
  for (int i = 0; i < 513; ++i)
    std::printf("%s%6d,%s", i % 12 == 0 ? "    " : " ", t[i], i % 12 == 11 || i == 512 ? "\n" : "");
  std::printf("};\n");
}
}  // namespace

int main() {
  const float range = 65535.0f;  // int16 max - min, as TFLite Micro forms it (an int32 converted to float)
  std::int16_t e[513], r[513];
  table(
      10.0f / range, 32767, 2.0f / range, 0, [](float x) { return std::exp(x); }, e);
  table(
      1.0f / range, -32768, 2.0f / range, 0, [](float x) { return 1.0f / (1.0f + x); }, r);
  std::printf(
      "#pragma once\n"
      "// The int16 SOFTMAX tables (TFLite's 16x8 softmax): exp(x) for x in [-10, 0] and 1 / (1 + x) for x "
      "in\n"
      "// [0, 1], 513 entries each (512 steps and the end point) in Q0.15, interpolated by the kernel. "
      "Generated\n"
      "// by tools/tables/softmax_s16_tables.cpp, which repeats TFLite Micro's float steps and std::exp "
      "(they do\n"
      "// not depend on the model); do not edit.\n\n"
      "#include <array>\n#include <cstdint>\n\nnamespace ctml::kernels::reference {\n\n");
  print("softmax_s16_exp_table", "exp(x), x = -10 + 10 i / 512 (TFLite's exp table)", e);
  std::printf("\n");
  print("softmax_s16_reciprocal_table", "1 / (1 + x), x = i / 512 (TFLite's one_over_one_plus_x table)", r);
  std::printf("\n}  // namespace ctml::kernels::reference\n");
}
