#pragma once
// What the DSP examples read and write: one second of 16 kHz audio, a microphone chunk, a frame and
// its coefficients, fixed-point buffers, and the model the features go to.
#include <array>
#include <cstdint>
#include <span>

#include <ctml/ctml.hpp>

inline std::array<std::int16_t, 16000> audio{}, audio_int16{};
inline std::array<std::int16_t, 160> chunk_buffer{};
inline std::span<const std::int16_t> chunk{chunk_buffer};
inline std::array<std::int16_t, 480> frame_q15{};
inline std::array<std::int32_t, 10> mfcc_q16{};
inline std::array<std::int32_t, 40> log_mel_q24{};
inline std::array<std::int8_t, 490> features_int8{};

template <class Features>
void run_model(const Features&) {}
