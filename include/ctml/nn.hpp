#pragma once
// ctml neural networks: layers, models (ctml::sequential, ctml::graph), memory plan, arena, budgets
// and summaries. What generated model headers include; ctml/ctml.hpp adds DSP and trees.

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/core/fixed_string.hpp>
#include <ctml/core/math.hpp>
#include <ctml/core/shape.hpp>
#include <ctml/core/units.hpp>
#include <ctml/graph/arena.hpp>
#include <ctml/graph/budget.hpp>
#include <ctml/graph/graph.hpp>
#include <ctml/graph/model.hpp>
#include <ctml/graph/planner.hpp>
#include <ctml/graph/sequential.hpp>
#include <ctml/graph/summary.hpp>
#include <ctml/layers/activation.hpp>
#include <ctml/layers/add.hpp>
#include <ctml/layers/conv2d.hpp>
#include <ctml/layers/conv2d_transpose.hpp>
#include <ctml/layers/dense.hpp>
#include <ctml/layers/depthwise_conv2d.hpp>
#include <ctml/layers/gru.hpp>
#include <ctml/layers/input.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/pooling.hpp>
#include <ctml/layers/quantize.hpp>
#include <ctml/layers/reshape.hpp>
#include <ctml/layers/sigmoid_tanh.hpp>
#include <ctml/layers/softmax.hpp>
#include <ctml/layers/weights.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/fixed_point_activation.hpp>
#include <ctml/quant/fixed_point_math.hpp>
#include <ctml/quant/quantization.hpp>
#include <ctml/version.hpp>
