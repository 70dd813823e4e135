#pragma once
// ctml::reshape and ctml::flatten: new shape, same bytes (run in place, no copy).

#include <cstddef>

#include <ctml/layers/layer.hpp>

namespace ctml {

/// Gives the input a new shape with the same number of elements, like `keras.layers.Reshape`.
/// Costs nothing at run time: the output aliases the input's bytes.
/// Usage: `ctml::reshape<ctml::shape<64>>`
template <Shape To>
struct reshape {
  template <TensorSpec In>
  struct bind {
    static_assert(To::size == In::shape::size ||
                      detail::input_shape_mismatch<reshape, To, typename In::shape>,
                  "ctml::reshape: the new shape must have as many elements as the input");
    using T = typename In::value_type;
    using input = In;
    using output = tensor_spec<To, T, quant_ref_of<In>>;
    static constexpr const char* name = "reshape";
    static constexpr std::size_t macs = 0, weight_bytes = 0, scratch_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = true;
    static void run(const T* x, T* y, std::byte*) noexcept {
      // The planner aliases the two unless the input must survive (the model input, or a tensor
      // another layer reads later); then the bytes are copied.
      if (static_cast<const void*>(x) != static_cast<const void*>(y))
        for (std::size_t i = 0; i < In::size; ++i) y[i] = x[i];
    }
  };
};

/// Flattens the input to rank 1, like `keras.layers.Flatten`. Usage: `ctml::flatten`
struct flatten {
  template <TensorSpec In>
  struct bind : reshape<shape<static_cast<int>(In::shape::size)>>::template bind<In> {
    static constexpr const char* name = "flatten";
  };
};

}  // namespace ctml
