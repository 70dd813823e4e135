# ctml_add_model(<target> MODEL <file.tflite> [NAME <cpp_name>] [HEADER <file.hpp>] [C_API]
#                [IMPORT_OPTIONS <ctml-import option>...])
#
# Runs ctml-import on a .tflite file at build time and makes a target whose include directory holds
# the generated header. Usage:
#   ctml_add_model(kws_model MODEL models/kws.tflite NAME kws)
#   target_link_libraries(firmware PRIVATE kws_model)   # then: #include "kws.hpp"
# With C_API the target is a static library for C code: it also generates <name>.h (sizes as
# macros, extern "C" <name>_invoke) and compiles <name>.cpp, the model behind it. The arena and
# state bytes in <name>.h are measured with the target's own compiler and flags (a probe object
# compiled first), so they hold on a cross build too:
#   ctml_add_model(kws_model MODEL models/kws.tflite NAME kws C_API)  # then: #include "kws.h"
# IMPORT_OPTIONS are passed to ctml-import (e.g. --keep-pruned-channels, docs/importer.md).
#
# ctml-import runs on the build machine. The first of these is used (ctml_find_importer()):
#   1. CTML_IMPORT_EXECUTABLE, when set (cache variable);
#   2. the ctml-import target of this build (ctml as a subproject or top level, not cross-compiling);
#   3. the ctml-import installed with the ctml package (find_package), or one on the PATH, when its
#      --version is this ctml's;
#   4. built for the host from ctml's sources (in the source tree, or installed with the package)
#      with ExternalProject and the host's compiler (CTML_HOST_CXX_COMPILER, else the default c++);
#      off with -DCTML_IMPORT_FROM_SOURCE=OFF.
# Otherwise configure stops and says what to do.
include_guard(GLOBAL)
set(CTML_IMPORT_FROM_SOURCE ON CACHE BOOL "ctml_add_model(): build ctml-import for the host when none is found")
set(CTML_HOST_CXX_COMPILER "" CACHE STRING "ctml_add_model(): host C++ compiler for building ctml-import (empty: default)")

# Sets CTML_IMPORT_COMMAND (what to run) and CTML_IMPORT_DEPENDS (a target or file to depend on) in
# the caller's scope. The choice is made once per build and kept in global properties.
function(ctml_find_importer)
  get_property(_done GLOBAL PROPERTY CTML_IMPORT_COMMAND SET)
  if(_done)
    get_property(_cmd GLOBAL PROPERTY CTML_IMPORT_COMMAND)
    get_property(_dep GLOBAL PROPERTY CTML_IMPORT_DEPENDS)
    set(CTML_IMPORT_COMMAND ${_cmd} PARENT_SCOPE)
    set(CTML_IMPORT_DEPENDS ${_dep} PARENT_SCOPE)
    return()
  endif()
  get_property(_version GLOBAL PROPERTY CTML_VERSION)
  get_property(_source GLOBAL PROPERTY CTML_IMPORT_SOURCE_DIR)
  get_property(_installed GLOBAL PROPERTY CTML_IMPORT_INSTALLED)
  set(_cmd "")
  if(CTML_IMPORT_EXECUTABLE)
    if(NOT EXISTS "${CTML_IMPORT_EXECUTABLE}")
      message(FATAL_ERROR "ctml_add_model(): CTML_IMPORT_EXECUTABLE='${CTML_IMPORT_EXECUTABLE}' does not exist")
    endif()
    set(_cmd ${CTML_IMPORT_EXECUTABLE})
    set(_dep ${CTML_IMPORT_EXECUTABLE})
  elseif(TARGET ctml-import AND NOT CMAKE_CROSSCOMPILING)
    set(_cmd $<TARGET_FILE:ctml-import>)
    set(_dep ctml-import)
  else()
    # An installed importer is used only when it is this ctml's (its headers must match ours).
    find_program(_found ctml-import HINTS ${_installed} NO_CACHE NO_CMAKE_FIND_ROOT_PATH)
    if(_found)
      execute_process(COMMAND ${_found} --version OUTPUT_VARIABLE _out RESULT_VARIABLE _rc ERROR_QUIET)
      if(_rc EQUAL 0 AND _out MATCHES "ctml-import ${_version}\n")
        set(_cmd ${_found})
        set(_dep ${_found})
      else()
        message(STATUS "ctml: ignoring ${_found} (not ctml-import ${_version})")
      endif()
    endif()
    if(NOT _cmd AND CTML_IMPORT_FROM_SOURCE AND _source AND EXISTS ${_source}/CMakeLists.txt)
      include(ExternalProject)
      set(_bin ${CMAKE_BINARY_DIR}/ctml_host_import)
      set(_args -DCMAKE_BUILD_TYPE=Release -DCTML_IMPORT_VERSION=${_version})
      if(CTML_HOST_CXX_COMPILER)
        list(APPEND _args -DCMAKE_CXX_COMPILER=${CTML_HOST_CXX_COMPILER})
      endif()
      find_program(_ccache ccache NO_CACHE NO_CMAKE_FIND_ROOT_PATH)
      if(_ccache)
        list(APPEND _args -DCMAKE_CXX_COMPILER_LAUNCHER=${_ccache})
      endif()
      ExternalProject_Add(ctml_host_import
        SOURCE_DIR ${_source}
        BINARY_DIR ${_bin}
        CMAKE_ARGS ${_args}
        BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target ctml-import
        BUILD_ALWAYS ON
        BUILD_BYPRODUCTS ${_bin}/ctml-import
        INSTALL_COMMAND ""
        USES_TERMINAL_BUILD ON)
      set(_cmd ${_bin}/ctml-import)
      set(_dep ctml_host_import)
      message(STATUS "ctml: ctml-import will be built for the host from ${_source}")
    endif()
  endif()
  if(NOT _cmd)
    if(CMAKE_CROSSCOMPILING)
      set(_why "this build cross-compiles, so it cannot run a ctml-import built with its own compiler")
    else()
      set(_why "ctml's CMake package has no ctml-import next to it")
    endif()
    message(FATAL_ERROR
      "ctml_add_model(): no ctml-import ${_version} to run on the build machine (${_why}). Do one of:\n"
      "  - build it once for the host and name it: cmake -S <ctml> -B build-host && "
      "cmake --build build-host --target ctml-import, then configure this project with "
      "-DCTML_IMPORT_EXECUTABLE=<absolute path to build-host/tools/ctml-import/ctml-import>;\n"
      "  - install it with the package: cmake --install build-host --component ctml_tools "
      "(then find_package(ctml) finds it), or put it on the PATH;\n"
      "  - let ctml_add_model() build it: set -DCTML_IMPORT_FROM_SOURCE=ON (now "
      "${CTML_IMPORT_FROM_SOURCE}) with ctml's sources present (add_subdirectory/FetchContent, or a "
      "package installed with its ctml_headers component).")
  endif()
  set_property(GLOBAL PROPERTY CTML_IMPORT_COMMAND ${_cmd})
  set_property(GLOBAL PROPERTY CTML_IMPORT_DEPENDS ${_dep})
  set(CTML_IMPORT_COMMAND ${_cmd} PARENT_SCOPE)
  set(CTML_IMPORT_DEPENDS ${_dep} PARENT_SCOPE)
endfunction()

function(ctml_add_model target)
  cmake_parse_arguments(ARG "C_API" "MODEL;NAME;HEADER" "IMPORT_OPTIONS" ${ARGN})
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "ctml_add_model(${target}): MODEL <file.tflite> is required")
  endif()
  get_filename_component(_model ${ARG_MODEL} ABSOLUTE)
  if(NOT ARG_NAME)
    get_filename_component(ARG_NAME ${ARG_MODEL} NAME_WE)
  endif()
  if(NOT ARG_HEADER)
    set(ARG_HEADER ${ARG_NAME}.hpp)
  endif()
  ctml_find_importer()
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_generated)
  add_custom_command(
    OUTPUT ${_dir}/${ARG_HEADER}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${CTML_IMPORT_COMMAND} ${ARG_IMPORT_OPTIONS} --name ${ARG_NAME} --output ${_dir}/${ARG_HEADER} ${_model}
    DEPENDS ${_model} ${CTML_IMPORT_DEPENDS}
    COMMENT "ctml-import ${ARG_MODEL} -> ${ARG_HEADER}"
    VERBATIM)
  add_custom_target(${target}_header DEPENDS ${_dir}/${ARG_HEADER})
  if(NOT ARG_C_API)
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${_dir})
    target_link_libraries(${target} INTERFACE ctml::ctml)
    add_dependencies(${target} ${target}_header)
    return()
  endif()

  get_property(_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(NOT CXX IN_LIST _languages)
    message(FATAL_ERROR "ctml_add_model(${target} ... C_API) compiles ${ARG_NAME}.cpp, the C++20 model behind the "
                        "C API: enable C++ in the project (project(<name> LANGUAGES C CXX))")
  endif()
  # C API: a probe object, compiled like the library below, holds the arena and state bytes as text
  # (as CMake's CheckTypeSize does); ctml_c_api.cmake reads them and runs ctml-import --c-api.
  set(_probe ${_dir}/${ARG_NAME}_c_api_sizes.cpp)
  file(CONFIGURE OUTPUT ${_probe} CONTENT [=[
// Written by ctml_add_model(... C_API): the arena and state bytes of @ARG_NAME@ on this target, as
// text in the object file, read back by ctml_c_api.cmake.
#include <cstddef>

#include "@ARG_HEADER@"

struct ctml_c_api_sizes_text {
  char text[64];
};
namespace {
constexpr void put(char*& p, const char* s) {
  while (*s) *p++ = *s++;
}
constexpr void put(char*& p, unsigned long long v) {
  for (unsigned long long d = 1000000000000; d > 0; d /= 10) *p++ = static_cast<char>('0' + v / d % 10);
}
template <class M>
constexpr std::size_t state_size() {
  if constexpr (M::state_bytes > 0)
    return sizeof(ctml::state<M>);
  else
    return 0;
}
constexpr ctml_c_api_sizes_text make() {
  ctml_c_api_sizes_text t{};
  char* p = t.text;
  put(p, "CTML_C_API_SIZES:arena=");
  put(p, sizeof(ctml::arena<@ARG_NAME@>));
  put(p, ":state=");
  put(p, state_size<@ARG_NAME@>());
  put(p, ":");
  return t;
}
}  // namespace
// External linkage: the object file keeps it.
extern "C" const ctml_c_api_sizes_text ctml_c_api_sizes_@ARG_NAME@;
extern "C" const ctml_c_api_sizes_text ctml_c_api_sizes_@ARG_NAME@ = make();
]=] @ONLY)
  add_library(${target}_sizes OBJECT ${_probe})
  target_include_directories(${target}_sizes PRIVATE ${_dir})
  target_link_libraries(${target}_sizes PRIVATE ctml::ctml)
  add_dependencies(${target}_sizes ${target}_header)
  add_custom_command(
    OUTPUT ${_dir}/${ARG_NAME}.h ${_dir}/${ARG_NAME}.cpp
    COMMAND ${CMAKE_COMMAND} "-DIMPORTER=${CTML_IMPORT_COMMAND}" "-DOBJECTS=$<TARGET_OBJECTS:${target}_sizes>"
            -DMODEL=${_model} -DNAME=${ARG_NAME} -DMODEL_HEADER=${ARG_HEADER} -DOUTPUT=${_dir}/${ARG_NAME}.h
            "-DIMPORT_OPTIONS=${ARG_IMPORT_OPTIONS}"
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ctml_c_api.cmake
    DEPENDS ${_model} ${CTML_IMPORT_DEPENDS} ${target}_sizes $<TARGET_OBJECTS:${target}_sizes>
            ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ctml_c_api.cmake
    COMMENT "ctml-import --c-api ${ARG_MODEL} -> ${ARG_NAME}.h, ${ARG_NAME}.cpp"
    VERBATIM)
  add_library(${target} STATIC ${_dir}/${ARG_NAME}.cpp)
  target_include_directories(${target} PUBLIC ${_dir})
  target_link_libraries(${target} PUBLIC ctml::ctml)
  add_dependencies(${target} ${target}_header)
endfunction()
