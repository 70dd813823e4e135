#pragma once
// Naive convolution loops, written independently of the library's kernels: the input is copied into
// an explicitly padded buffer (padding = the input zero point, i.e. real 0) and every tap of every
// window is visited. Used by the unit tests as the oracle and by the benchmarks as the baseline.

#include <cmath>
#include <cstdint>
#include <vector>

#include "test_support.hpp"

namespace test {

struct conv_case {
  int h, w, c, oc, kh, kw, sh, sw, dh, dw;
  bool same;
  ctml::activation act;
  int depth_multiplier;  // depthwise only
};

// Naive int8 convolution or depthwise convolution (depthwise when `depthwise`), TFLite semantics.
template <class Data>
std::vector<std::int8_t> naive_s8(const conv_case& k, bool depthwise, const std::vector<std::int8_t>& x,
                                  ctml::quantization in_q, const Data& d) {
  const test::axis ay = test::tflite_axis(k.same, k.h, k.kh, k.sh, k.dh);
  const test::axis ax = test::tflite_axis(k.same, k.w, k.kw, k.sw, k.dw);
  const int ph = (ay.out - 1) * k.sh + (k.kh - 1) * k.dh + 1 + 1,
            pw = (ax.out - 1) * k.sw + (k.kw - 1) * k.dw + 1 + 1;
  // Padded input, large enough for every window; pad value = zero point.
  std::vector<std::int32_t> p(static_cast<std::size_t>(ph * pw * k.c), in_q.zero_point);
  for (int y = 0; y < k.h; ++y)
    for (int xx = 0; xx < k.w; ++xx)
      for (int c = 0; c < k.c; ++c) {
        const int py = y + ay.pad_before, px = xx + ax.pad_before;
        if (py < ph && px < pw)
          p[static_cast<std::size_t>((py * pw + px) * k.c + c)] =
              x[static_cast<std::size_t>((y * k.w + xx) * k.c + c)];
      }
  const ctml::quantized_range r = ctml::activation_range<std::int8_t>(k.act, d.output);
  std::vector<std::int8_t> out(static_cast<std::size_t>(ay.out * ax.out * k.oc));
  for (int oy = 0; oy < ay.out; ++oy)
    for (int ox = 0; ox < ax.out; ++ox)
      for (int o = 0; o < k.oc; ++o) {
        std::int64_t acc = d.bias[static_cast<std::size_t>(o)];
        for (int fy = 0; fy < k.kh; ++fy)
          for (int fx = 0; fx < k.kw; ++fx) {
            const int py = oy * k.sh + fy * k.dh, px = ox * k.sw + fx * k.dw;
            if (depthwise) {
              const int ic = o / k.depth_multiplier;
              acc += std::int64_t{p[static_cast<std::size_t>((py * pw + px) * k.c + ic)] - in_q.zero_point} *
                     d.weights[static_cast<std::size_t>((fy * k.kw + fx) * k.oc + o)];
            } else {
              for (int ic = 0; ic < k.c; ++ic)
                acc +=
                    std::int64_t{p[static_cast<std::size_t>((py * pw + px) * k.c + ic)] - in_q.zero_point} *
                    d.weights[static_cast<std::size_t>(((o * k.kh + fy) * k.kw + fx) * k.c + ic)];
            }
          }
        const std::size_t si = d.weight_scales.size() == 1 ? 0 : static_cast<std::size_t>(o);
        out[static_cast<std::size_t>((oy * ax.out + ox) * k.oc + o)] = test::requant(
            acc, in_q.scale, d.weight_scales[si], d.output.scale, d.output.zero_point, r.min, r.max);
      }
  return out;
}

template <class Data>
std::vector<float> naive_f32(const conv_case& k, bool depthwise, const std::vector<float>& x, const Data& d) {
  const test::axis ay = test::tflite_axis(k.same, k.h, k.kh, k.sh, k.dh);
  const test::axis ax = test::tflite_axis(k.same, k.w, k.kw, k.sw, k.dw);
  const ctml::float_range r = ctml::activation_range_float(k.act);
  std::vector<float> out(static_cast<std::size_t>(ay.out * ax.out * k.oc));
  for (int oy = 0; oy < ay.out; ++oy)
    for (int ox = 0; ox < ax.out; ++ox)
      for (int o = 0; o < k.oc; ++o) {
        double acc = d.bias[static_cast<std::size_t>(o)];
        for (int fy = 0; fy < k.kh; ++fy)
          for (int fx = 0; fx < k.kw; ++fx) {
            const int iy = oy * k.sh + fy * k.dh - ay.pad_before, ix = ox * k.sw + fx * k.dw - ax.pad_before;
            if (iy < 0 || iy >= k.h || ix < 0 || ix >= k.w) continue;
            if (depthwise) {
              acc += double{x[static_cast<std::size_t>((iy * k.w + ix) * k.c + o / k.depth_multiplier)]} *
                     d.weights[static_cast<std::size_t>((fy * k.kw + fx) * k.oc + o)];
            } else {
              for (int ic = 0; ic < k.c; ++ic)
                acc += double{x[static_cast<std::size_t>((iy * k.w + ix) * k.c + ic)]} *
                       d.weights[static_cast<std::size_t>(((o * k.kh + fy) * k.kw + fx) * k.c + ic)];
            }
          }
        out[static_cast<std::size_t>((oy * ax.out + ox) * k.oc + o)] =
            static_cast<float>(std::fmin(std::fmax(acc, r.min), r.max));
      }
  return out;
}

}  // namespace test
