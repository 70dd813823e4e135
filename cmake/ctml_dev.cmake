# Settings for ctml's own tests, tools, benchmarks and examples (not exported to users).

# Every subdirectory with a CMakeLists.txt is added: each capability owns its folder.
function(ctml_add_subdirectories)
  file(GLOB _children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _children)
  foreach(_child IN LISTS _children)
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${_child} AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${_child}/CMakeLists.txt)
      add_subdirectory(${_child})
    endif()
  endforeach()
endfunction()

# The warning set the project promises to be clean under, as errors for our own code.
add_library(ctml_warnings INTERFACE)
target_compile_options(ctml_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror>)

# Library-conforming code: no exceptions, no RTTI.
add_library(ctml_freestanding INTERFACE)
target_compile_options(ctml_freestanding INTERFACE -fno-exceptions -fno-rtti)

# Sanitizers for the host-asan preset (Clang; GCC works too).
option(CTML_SANITIZE "Build tests with ASan and UBSan" OFF)
if(CTML_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# The Python interpreter with Debian's numpy/scipy/sklearn (not a pyenv shim).
find_program(CTML_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT CTML_PYTHON)
  find_program(CTML_PYTHON NAMES python3)
endif()

# Cross builds for Cortex-M (cmake/toolchains/arm-none-eabi.cmake) and RV32
# (cmake/toolchains/riscv32-unknown-elf.cmake): every executable below links the
# start-up/semihosting runtime, and ctest runs it under QEMU.
if(CMAKE_CROSSCOMPILING AND CTML_RV_MACHINE)
  include(${CMAKE_CURRENT_LIST_DIR}/riscv/ctml_riscv.cmake)
elseif(CMAKE_CROSSCOMPILING AND CTML_CM_MACHINE)
  include(${CMAKE_CURRENT_LIST_DIR}/cortex_m/ctml_cortex_m.cmake)
endif()

# Cross builds for Linux (cmake/toolchains/aarch64-linux-gnu.cmake): doctest::doctest would add
# -isystem /usr/include, the build machine's C library headers; tests get a copy of the one header.
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  find_path(CTML_CROSS_DOCTEST_INCLUDE_DIR doctest/doctest.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH)
  add_library(ctml_cross_doctest INTERFACE)
  if(CTML_CROSS_DOCTEST_INCLUDE_DIR)
    configure_file(${CTML_CROSS_DOCTEST_INCLUDE_DIR}/doctest/doctest.h
                   ${CMAKE_BINARY_DIR}/ctml_cross_doctest/doctest/doctest.h COPYONLY)
    target_include_directories(ctml_cross_doctest SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/ctml_cross_doctest)
  endif()
endif()

# doctest for a target: the header (cross builds: a copy of it) and, for the freestanding variant, the
# flags of firmware code (no exceptions, no RTTI) with doctest's matching configuration.
function(_ctml_doctest_setup target variant)
  if(TARGET ctml_cm_doctest)
    target_link_libraries(${target} PRIVATE ctml_cm_doctest)
  elseif(TARGET ctml_cross_doctest)
    target_link_libraries(${target} PRIVATE ctml_cross_doctest)
  elseif(TARGET doctest::doctest)
    target_link_libraries(${target} PRIVATE doctest::doctest)
  endif()
  if(variant STREQUAL "freestanding")
    target_link_libraries(${target} PRIVATE ctml_freestanding)
    target_compile_definitions(${target} PRIVATE DOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS)
  endif()
endfunction()

# doctest's main and implementation (tests/doctest_main.cpp), built once per build and variant: compiling
# it takes about 8 s, which every test executable used to pay. A test that defines its own main
# (DOCTEST_CONFIG_IMPLEMENT in one of its sources) keeps it: the linker then takes nothing from this
# archive.
function(_ctml_doctest_main variant)
  if(NOT TARGET ctml_doctest_main_${variant})
    add_library(ctml_doctest_main_${variant} STATIC ${PROJECT_SOURCE_DIR}/tests/doctest_main.cpp)
    _ctml_doctest_setup(ctml_doctest_main_${variant} ${variant})
  endif()
endfunction()

# ctml_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [NO_FREESTANDING] [HOST_ONLY])
# A doctest executable built with the project's warning set (as errors) and, unless NO_FREESTANDING,
# with -fno-exceptions -fno-rtti like the firmware that uses ctml. Registered with CTest; in a cross
# build CMAKE_CROSSCOMPILING_EMULATOR runs it on the emulated core. HOST_ONLY tests (they need files,
# threads or tools only the host has) are skipped in cross builds.
function(ctml_add_test name)
  cmake_parse_arguments(ARG "NO_FREESTANDING;HOST_ONLY" "" "SOURCES;LIBRARIES;LABELS" ${ARGN})
  if(ARG_HOST_ONLY AND CMAKE_CROSSCOMPILING)
    return()
  endif()
  # RV32 has no libstdc++.a for doctest's streams (cmake/toolchains/riscv32-unknown-elf.cmake):
  # the target exists (callers configure it) but is neither built by default nor registered.
  if(CTML_RV_MACHINE)
    add_executable(${name} EXCLUDE_FROM_ALL ${ARG_SOURCES})
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ctml::ctml ctml_warnings ${ARG_LIBRARIES})
  set(_variant hosted)
  if(NOT ARG_NO_FREESTANDING)
    set(_variant freestanding)
  endif()
  _ctml_doctest_setup(${name} ${_variant})
  _ctml_doctest_main(${_variant})
  target_link_libraries(${name} PRIVATE ctml_doctest_main_${_variant})
  add_test(NAME ${name} COMMAND ${name})
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()

# ctml_add_compile_fail_test(<file.cpp> [LIBRARIES ...])
# The file must NOT compile. Its `// EXPECT: <regex>` lines must match the compiler's output, its
# `// FIRST-ERROR: <regex>` line the first error line, and `// ERRORS: <n>` counts the error lines
# (cmake/ctml_compile_fail_check.cmake). Each case also builds with -DCTML_COMPILE_FAIL_OK (its
# "_ok" twin), which must compile, so a case cannot pass because of an unrelated error.
# All cases of a build are compiled by one build of ctml_compile_fail_cases (the test
# compile_fail_build, a fixture of every case): a launcher keeps each compiler's output and exit code
# next to its object, and each case's test then only reads them. One build in parallel instead of
# one `cmake --build` per case, one at a time (the build directory takes one build at a time). The
# errors under test come from the front end (static_assert, constraints): -fsyntax-only.
# The `_ok` twins (each case with its error removed must compile) are compiler-independent in what
# they check; the host-asan preset, whose fail cases check Clang's diagnostics, leaves them to GCC's
# host build (saves about 40 full compiles of the suite's slowest TUs in CI).
option(CTML_COMPILE_FAIL_OK_TWINS "Compile and check the compile-fail cases' _ok twins" ON)
function(ctml_add_compile_fail_test file)
  cmake_parse_arguments(ARG "" "" "LIBRARIES" ${ARGN})
  get_filename_component(stem ${file} NAME_WE)
  get_filename_component(file ${file} ABSOLUTE)
  if(NOT TARGET ctml_compile_fail_cases)
    add_custom_target(ctml_compile_fail_cases)
    add_test(NAME compile_fail_build
             COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DCONFIG=$<CONFIG>
                     -P ${PROJECT_SOURCE_DIR}/cmake/ctml_compile_fail_build.cmake)
    set_tests_properties(compile_fail_build PROPERTIES FIXTURES_SETUP ctml_compile_fail
                         RESOURCE_LOCK ctml_build_dir LABELS compile_fail)
  endif()
  set(_variants fail)
  if(CTML_COMPILE_FAIL_OK_TWINS)
    list(APPEND _variants ok)
  endif()
  foreach(variant IN LISTS _variants)
    set(tgt compile_fail_${stem}_${variant})
    add_library(${tgt} OBJECT EXCLUDE_FROM_ALL ${file})
    target_link_libraries(${tgt} PRIVATE ctml::ctml ctml_warnings ${ARG_LIBRARIES})
    target_compile_options(${tgt} PRIVATE -fsyntax-only)
    set_target_properties(${tgt} PROPERTIES
                          CXX_COMPILER_LAUNCHER "sh;${PROJECT_SOURCE_DIR}/cmake/ctml_compile_fail_launcher.sh")
    if(variant STREQUAL "ok")
      target_compile_definitions(${tgt} PRIVATE CTML_COMPILE_FAIL_OK)
    endif()
    add_dependencies(ctml_compile_fail_cases ${tgt})
    add_test(NAME ${tgt}
             COMMAND ${CMAKE_COMMAND} -DOBJECT_DIR=${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${tgt}.dir
                     -DTARGET=${tgt} -DVARIANT=${variant} -DSOURCE=${file}
                     -P ${PROJECT_SOURCE_DIR}/cmake/ctml_compile_fail_check.cmake)
    set_tests_properties(${tgt} PROPERTIES FIXTURES_REQUIRED ctml_compile_fail LABELS compile_fail)
  endforeach()
endfunction()

# ctml_prune_model(<output.tflite> MODEL <input.tflite> VARIANT <u50|u75|u90|s25|s50>): makes the pruned
# model at build time with tools/prune (deterministic: the very file TFLite Micro ran for
# tests/data/mlperf_tiny_pruned). u<N> is --unstructured N %, s<N> --structured N %.
function(ctml_prune_model output)
  cmake_parse_arguments(P "" "MODEL;VARIANT" "" ${ARGN})
  if(NOT P_VARIANT MATCHES "^([us])([0-9]+)$")
    message(FATAL_ERROR "ctml_prune_model: VARIANT ${P_VARIANT} is not u<percent> or s<percent>")
  endif()
  set(_option unstructured)
  if(CMAKE_MATCH_1 STREQUAL "s")
    set(_option structured)
  endif()
  math(EXPR _tenths "${CMAKE_MATCH_2} / 10")
  math(EXPR _hundredths "${CMAKE_MATCH_2} % 10")
  set(_tool ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../tools/prune/ctml_prune.py)
  get_filename_component(_dir ${output} DIRECTORY)
  get_filename_component(_name ${P_MODEL} NAME)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${CTML_PYTHON} ${_tool} --quiet --${_option} 0.${_tenths}${_hundredths} ${P_MODEL} ${output}
    DEPENDS ${P_MODEL} ${_tool}
    COMMENT "ctml_prune --${_option} 0.${_tenths}${_hundredths} ${_name}"
    VERBATIM)
endfunction()
