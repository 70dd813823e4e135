// Shapes, shape rules and the layer protocol, checked by the compiler.
#include <ctml/nn.hpp>

namespace {
using namespace ctml::literals;

static_assert(ctml::shape<49, 10, 1>::size == 490 && ctml::shape<49, 10, 1>::rank == 3);
static_assert(std::is_same_v<ctml::shape_of<std::array{25, 5, 64}>, ctml::shape<25, 5, 64>>);
static_assert(ctml::Shape<ctml::shape<3>> && !ctml::Shape<int>);
static_assert(16_KiB == 16384 && 1_MiB == 1048576);

// TFLite's output sizes and SAME padding split (extra pixel after).
static_assert(ctml::detail::out_size(ctml::padding::same, 49, 10, 2, 1) == 25);
static_assert(ctml::detail::pad_before(ctml::padding::same, 49, 10, 2, 1) == 4);  // 4 before, 5 after
static_assert(ctml::detail::out_size(ctml::padding::valid, 10, 3, 3, 1) == 3);
static_assert(ctml::detail::out_size(ctml::padding::same, 96, 3, 2, 1) == 48);
static_assert(ctml::detail::pad_before(ctml::padding::same, 96, 3, 2, 1) == 0);  // total 1: all after

// The multiplier TFLite computes for KWS's dense layer: 0.0802361593 * 0.00838575512 / 0.14469251.
static_assert(ctml::output_multiplier(0.0802361593f, 0.00838575512f, 0.14469251f).shift == -7);

// Layers carry no run-time state: a bound layer is an empty type.
constexpr ctml::quantization q{0.1f, 0};
using spec = ctml::tensor_spec<ctml::shape<4, 4, 8>, std::int8_t, ctml::quant_ref<q>>;
using pool = ctml::average_pool2d<ctml::pool2d_options{.pool_size = {2, 2}, .strides = {2, 2}}>::bind<spec>;
static_assert(ctml::BoundLayer<pool> && sizeof(pool) == 1);
static_assert(std::is_same_v<pool::output::shape, ctml::shape<2, 2, 8>>);
static_assert(ctml::LayerFor<ctml::flatten, spec>);

// Negative checks in the same TU: wrapped in a concept so an invalid requirement yields false.
template <class Spec>
concept flatten_then_rank1 =
    std::is_same_v<typename ctml::flatten::bind<Spec>::output::shape, ctml::shape<128>>;
static_assert(flatten_then_rank1<spec>);
}  // namespace
