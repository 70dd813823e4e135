#pragma once
// Structured pruning exploited at import time (issue #14). A conv / depthwise / dense output channel
// whose weights are all zero outputs one constant everywhere (its bias, requantized and clamped). Such a
// channel is dropped and its constant folded into each consumer's int32 bias, and the consumer's weights
// for it dropped, wherever TFLite's integer arithmetic makes that exact; a channel no consumer needs any
// more (dead) is dropped too. Every rule, and where a channel is kept instead: docs/pruning.md.

#include "model.hpp"

namespace ctml_import {

/// Fills m.pruning (per conv / depthwise / dense layer: zero weights, and what was removed) and, unless
/// `keep`, removes the channels it can prove constant or dead: their weights, biases and scales, and
/// the channel from every tensor on the way (pooling, RESHAPE, CONCATENATION and ADD carry it). Changes only
/// int8 models; the outputs stay byte for byte TFLite's.
void fold_pruned_channels(model& m, bool keep, int channel_multiple);

}  // namespace ctml_import
