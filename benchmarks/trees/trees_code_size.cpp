// One model, one strategy, nothing else: the .text of this object is the code a prediction needs
// (the node tables are in .rodata and counted by flash_bytes). Built by code_size.sh:
//   -DCTML_MODEL=digits_q16_rf -DCTML_STRATEGY=unrolled -DCTML_MODEL_HEADER='"generated/digits_q16_rf.hpp"'
#include <cstddef>

#include <ctml/trees.hpp>

#include CTML_MODEL_HEADER

using model = CTML_MODEL::with_strategy<ctml::trees::CTML_STRATEGY>;

std::size_t predict(const model::feature_type* x) {
  return model::predict(std::span<const model::feature_type, model::num_features>(x, model::num_features));
}
