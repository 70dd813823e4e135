#pragma once
// Reference pooling kernels: average and max, int8 (TFLite's integer rounding) and float.

#include <cstdint>

#include <ctml/kernels/geometry.hpp>

namespace ctml::kernels::reference {

/// Average pool. int8: the sum of raw values over the valid taps, divided by their count rounding
/// half away from zero, then clamped (TFLite's reference AveragePool; padding taps are not counted).
template <window_geometry G, class T, class Acc, class Bound>
void average_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, 1, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, 1, G.in_w);
      const int count = (ty.end - ty.begin) * (tx.end - tx.begin);
      for (int c = 0; c < G.in_c; ++c) {
        Acc acc{};
        for (int fy = ty.begin; fy < ty.end; ++fy)
          for (int fx = tx.begin; fx < tx.end; ++fx) acc += in[((y0 + fy) * G.in_w + (x0 + fx)) * G.in_c + c];
        if constexpr (sizeof(T) == 1) {
          acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        } else {
          acc /= static_cast<Acc>(count);
        }
        acc = acc < act_min ? act_min : (acc > act_max ? act_max : acc);
        out[(oy * G.out_w + ox) * G.out_c + c] = static_cast<T>(acc);
      }
    }
  }
}

/// Max pool over the valid taps, then clamped.
template <window_geometry G, class T, class Bound>
void max_pool2d(const T* in, Bound act_min, Bound act_max, T* out) noexcept {
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const tap_range ty = valid_taps(y0, G.k_h, 1, G.in_h);
    for (int ox = 0; ox < G.out_w; ++ox) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const tap_range tx = valid_taps(x0, G.k_w, 1, G.in_w);
      for (int c = 0; c < G.in_c; ++c) {
        Bound m = act_min;
        bool first = true;
        for (int fy = ty.begin; fy < ty.end; ++fy)
          for (int fx = tx.begin; fx < tx.end; ++fx) {
            const Bound v = in[((y0 + fy) * G.in_w + (x0 + fx)) * G.in_c + c];
            if (first || v > m) m = v;
            first = false;
          }
        m = m < act_min ? act_min : (m > act_max ? act_max : m);
        out[(oy * G.out_w + ox) * G.out_c + c] = static_cast<T>(m);
      }
    }
  }
}

}  // namespace ctml::kernels::reference
