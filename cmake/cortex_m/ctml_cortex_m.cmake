# Cortex-M runtime for cross builds with cmake/toolchains/arm-none-eabi.cmake: start-up code,
# semihosting exit and output, fault reports, stack painting and the instruction counter, as the
# object library ctml_cm_runtime. Included by ctml_dev.cmake; every executable created after it
# links the runtime (link_libraries), so any test or example becomes a bootable image.
include_guard(GLOBAL)
if(NOT CTML_CM_MACHINE)
  message(FATAL_ERROR "ctml_cortex_m.cmake needs the toolchain file cmake/toolchains/arm-none-eabi.cmake")
endif()
set(CTML_CM_DIR ${CMAKE_CURRENT_LIST_DIR})

add_library(ctml_cm_runtime OBJECT
  ${CTML_CM_DIR}/src/startup.cpp ${CTML_CM_DIR}/src/semihosting.cpp ${CTML_CM_DIR}/src/faults.cpp
  ${CTML_CM_DIR}/src/counter.cpp ${CTML_CM_DIR}/src/stack.cpp)
target_include_directories(ctml_cm_runtime PUBLIC ${CTML_CM_DIR}/include)
target_compile_features(ctml_cm_runtime PUBLIC cxx_std_20)
target_compile_options(ctml_cm_runtime PRIVATE -fno-exceptions -fno-rtti
                       -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
if(CTML_CM_MACHINE MATCHES "^mps2-an38[56]$|^mps2-an500$")
  target_compile_definitions(ctml_cm_runtime PRIVATE CTML_CM_TIMER_MPS2)
elseif(CTML_CM_MACHINE STREQUAL "mps2-an505")
  target_compile_definitions(ctml_cm_runtime PRIVATE CTML_CM_TIMER_AN505)
elseif(CTML_CM_MACHINE STREQUAL "mps3-an547")
  target_compile_definitions(ctml_cm_runtime PRIVATE CTML_CM_TIMER_AN547)
endif()
# Relink when the linker scripts change.
file(GLOB _ctml_cm_ld ${CTML_CM_DIR}/ld/*.ld)
set_property(TARGET ctml_cm_runtime APPEND PROPERTY INTERFACE_LINK_DEPENDS ${_ctml_cm_ld})

# doctest on newlib: no POSIX signals (no sigaltstack), no threads. doctest::doctest would add
# -isystem /usr/include (the host's libc headers), so tests get a copy of the one header instead.
find_path(CTML_CM_DOCTEST_INCLUDE_DIR doctest/doctest.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH)
add_library(ctml_cm_doctest INTERFACE)
if(CTML_CM_DOCTEST_INCLUDE_DIR)
  configure_file(${CTML_CM_DOCTEST_INCLUDE_DIR}/doctest/doctest.h
                 ${CMAKE_BINARY_DIR}/ctml_cm_doctest/doctest/doctest.h COPYONLY)
  target_include_directories(ctml_cm_doctest SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/ctml_cm_doctest)
endif()
target_compile_definitions(ctml_cm_doctest INTERFACE DOCTEST_CONFIG_NO_POSIX_SIGNALS
                           DOCTEST_CONFIG_NO_MULTITHREADING)

link_libraries(ctml_cm_runtime)

# ctml_cm_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [ARGS <args...>] [LABELS ...])
# An on-target program (no doctest): its exit code is the result; run under QEMU by ctest.
function(ctml_cm_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;ARGS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ctml::ctml ctml_warnings ctml_freestanding ${ARG_LIBRARIES})
  add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "cortex_m;${ARG_LABELS}")
endfunction()

# ctml-import runs on the build machine: ctml_add_model() uses CTML_IMPORT_EXECUTABLE (CI passes
# build/host's) or builds the importer for the host (cmake/ctml_add_model.cmake).
set(CTML_CM_IMPORTER_AVAILABLE ON)
