#pragma once
// Decision trees, random forests, extra trees and gradient boosting exported from scikit-learn
// (tools/sklearn/ctml_sklearn_export.py). Guide: docs/trees.md.

#include <ctml/trees/ensemble.hpp>
#include <ctml/trees/estimators.hpp>
#include <ctml/trees/link.hpp>
#include <ctml/trees/storage.hpp>
#include <ctml/trees/strategy.hpp>
