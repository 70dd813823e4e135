#pragma once
// ctml::resize_nearest_neighbor: TFLite's RESIZE_NEAREST_NEIGHBOR with a constant output size. The
// source row and column of every output pixel are computed at compile time with TFLite's float
// arithmetic, so `run` only copies pixels.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/core/shape.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
/// TFLite's nearest source index of output index `o` of `out` along an axis of `in` (float arithmetic,
/// as TFLite computes it; align_corners rounds half away from zero, else floors).
constexpr int nearest_source(int o, int in, int out, bool align_corners, bool half_pixel_centers) {
  const float scale = (align_corners && out > 1) ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                                 : static_cast<float>(in) / static_cast<float>(out);
  const float p = (static_cast<float>(o) + (half_pixel_centers ? 0.5f : 0.0f)) * scale;
  int s = static_cast<int>(align_corners ? math::round(static_cast<double>(p))
                                         : math::floor(static_cast<double>(p)));
  s = s < in - 1 ? s : in - 1;
  return half_pixel_centers && s < 0 ? 0 : s;
}
}  // namespace detail

/// Resizes an (H, W, C) input to (`H`, `W`, C) by nearest neighbour, like
/// `tf.image.resize(..., method="nearest")` / TFLite's RESIZE_NEAREST_NEIGHBOR (its `align_corners` and
/// `half_pixel_centers`). Element types int8, int16, float (quantization kept); no scratch.
/// Usage: `ctml::resize_nearest_neighbor<16, 16>` or `ctml::resize_nearest_neighbor<16, 16, false, true>`
template <int H, int W, bool AlignCorners = false, bool HalfPixelCenters = false>
struct resize_nearest_neighbor {
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                    std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::resize_nearest_neighbor: element type must be int8, int16 or float");
      return false;
    } else if constexpr (In::shape::rank != 3) {
      static_assert(detail::input_rank_mismatch<resize_nearest_neighbor, 3, typename In::shape>,
                    "ctml::resize_nearest_neighbor: the input must be (height, width, channels)");
      return false;
    } else if constexpr (H < 1 || W < 1) {
      static_assert(detail::dependent_false<In>,
                    "ctml::resize_nearest_neighbor: the output size must be >= 1");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr int ih = In::shape::dims[0], iw = In::shape::dims[1], c = In::shape::dims[2];
    using input = In;
    using output = tensor_spec<shape<H, W, c>, T, quant_ref_of<In>>;
    static constexpr const char* name = "resize_nearest_neighbor";
    static constexpr std::size_t macs = 0, weight_bytes = 0, scratch_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;

    template <int N, int Out>
    static constexpr std::array<int, Out> sources = [] {
      std::array<int, Out> s{};
      for (int o = 0; o < Out; ++o)
        s[std::size_t(o)] = detail::nearest_source(o, N, Out, AlignCorners, HalfPixelCenters);
      return s;
    }();

    static void run(const T* x, T* y, std::byte* /*scratch*/) noexcept {
      for (int oy = 0; oy < H; ++oy) {
        const T* row = x + sources<ih, H>[std::size_t(oy)] * iw * c;
        for (int ox = 0; ox < W; ++ox) {
          const T* px = row + sources<iw, W>[std::size_t(ox)] * c;
          for (int k = 0; k < c; ++k) *y++ = px[k];
        }
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
