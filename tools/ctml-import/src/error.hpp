#pragma once
// The one error type of ctml-import: every check that fails throws it with a message for the user;
// the command line prints it and exits non-zero before anything is written.

#include <stdexcept>
#include <string>

namespace ctml_import {

class error : public std::runtime_error {
 public:
  explicit error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace ctml_import
