# ctml_add_model(<target> MODEL <file.tflite> [NAME <cpp_name>] [HEADER <file.hpp>])
#
# Runs ctml-import on a .tflite file at build time and makes an INTERFACE target whose include
# directory holds the generated header. Usage:
#   ctml_add_model(kws_model MODEL models/kws.tflite NAME kws)
#   target_link_libraries(firmware PRIVATE kws_model)   # then: #include "kws.hpp"
# The importer is the ctml-import target when it is part of the build, else CTML_IMPORT_EXECUTABLE.
function(ctml_add_model target)
  cmake_parse_arguments(ARG "" "MODEL;NAME;HEADER" "" ${ARGN})
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
  if(TARGET ctml-import)
    set(_importer $<TARGET_FILE:ctml-import>)
    set(_importer_dep ctml-import)
  elseif(CTML_IMPORT_EXECUTABLE)
    set(_importer ${CTML_IMPORT_EXECUTABLE})
    set(_importer_dep ${CTML_IMPORT_EXECUTABLE})
  else()
    find_program(CTML_IMPORT_EXECUTABLE ctml-import REQUIRED)
    set(_importer ${CTML_IMPORT_EXECUTABLE})
    set(_importer_dep ${CTML_IMPORT_EXECUTABLE})
  endif()
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_generated)
  add_custom_command(
    OUTPUT ${_dir}/${ARG_HEADER}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
    COMMAND ${_importer} --name ${ARG_NAME} --output ${_dir}/${ARG_HEADER} ${_model}
    DEPENDS ${_model} ${_importer_dep}
    COMMENT "ctml-import ${ARG_MODEL} -> ${ARG_HEADER}"
    VERBATIM)
  add_custom_target(${target}_header DEPENDS ${_dir}/${ARG_HEADER})
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE ${_dir})
  target_link_libraries(${target} INTERFACE ctml::ctml)
  add_dependencies(${target} ${target}_header)
endfunction()
