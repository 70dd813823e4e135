#pragma once
// ctml: header-only C++20 machine learning for microcontrollers. The umbrella header: everything.
// The parts on their own (faster to compile): ctml/nn.hpp (neural networks, budgets, summaries),
// ctml/dsp.hpp (signal-processing front ends), ctml/trees.hpp (scikit-learn tree ensembles).

#include <ctml/dsp.hpp>
#include <ctml/graph/pipeline.hpp>
#include <ctml/nn.hpp>
#include <ctml/trees.hpp>
