#pragma once
// Configurations without a name. mel_filterbank<Config> and mfcc<Config> take their options by
// reference (a class with double members cannot be a template argument by value on Clang before 18),
// so the options must be an object with static storage duration. ctml::dsp::config<Make> is one: the
// value a captureless constexpr lambda returns, stored in a variable template, so an options struct
// can be written inside the template argument list.

namespace ctml::dsp {

/// The value `Make()` returns, as an object a reference template parameter can name.
/// Usage:
///   using mel = ctml::dsp::mel_filterbank<ctml::dsp::config<[] {
///     return ctml::dsp::mel_options{.fft_size = 512, .num_mel = 40, .sample_rate = 16_kHz,
///                                   .lower_hz = 20, .upper_hz = 4000};
///   }>>;
/// Each lambda is a type of its own: two spellings of the same options give two types (with equal
/// tables), and so does one spelling in a header included by several sources; there, or to share the
/// options between blocks, an `inline constexpr` options object is the better fit.
template <auto Make>
inline constexpr auto config = Make();

}  // namespace ctml::dsp
