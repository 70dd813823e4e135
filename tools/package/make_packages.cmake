# Writes ctml in the embedded ecosystem's package formats into OUT (a build directory), from this
# checkout; nothing of it lives at the repository's root. Usage:
#   cmake -DOUT=build/packages -DIMPORTER=<ctml-import> -P tools/package/make_packages.cmake
# OUT/arduino/ctml       Arduino library: library.properties, src/ (ctml.h + the headers),
#                        examples/micro_speech (sketch, model imported by IMPORTER, sample features)
# OUT/platformio/ctml    PlatformIO library: library.json, include/, the same example
# OUT/zephyr/ctml        Zephyr module: zephyr/module.yml, zephyr/CMakeLists.txt, zephyr/Kconfig,
#                        include/, cmake/ctml_add_model.cmake, ctml-import/ (sources, for the host)
# OUT/esp-idf/ctml       ESP-IDF component: idf_component.yml, CMakeLists.txt, include/, cmake/,
#                        ctml-import/
# No CMSIS-Pack: a .pdsc cannot be validated against its schema (PACK.xsd) here.
cmake_minimum_required(VERSION 3.25)
foreach(_var OUT IMPORTER)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "make_packages.cmake: -D${_var}= is required")
  endif()
endforeach()
get_filename_component(_root ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
set(_here ${CMAKE_CURRENT_LIST_DIR})
file(STRINGS ${_root}/include/ctml/version.hpp _v REGEX "#define CTML_VERSION_(MAJOR|MINOR|PATCH) ")
string(REGEX REPLACE ".*MAJOR ([0-9]+).*MINOR ([0-9]+).*PATCH ([0-9]+).*" "\\1.\\2.\\3" CTML_VERSION "${_v}")
set(CTML_URL "https://github.com/ctml/ctml")
set(_data ${_root}/tests/data/tflm_models/micro_speech_quantized)

file(REMOVE_RECURSE ${OUT})

# The example: the sketch, its model (ctml-import) and TFLM's features of yes_1000ms.wav.
set(_example ${OUT}/example/micro_speech)
file(COPY ${_here}/arduino/examples/micro_speech/micro_speech.ino DESTINATION ${_example})
execute_process(COMMAND ${IMPORTER} --name micro_speech --output ${_example}/micro_speech_model.h
                        ${_data}/micro_speech_quantized.tflite RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "make_packages.cmake: ${IMPORTER} failed on micro_speech_quantized.tflite")
endif()
file(READ ${_data}/S_yes_1000ms/input0.bin _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _last "${_len} / 2 - 1")
set(_values "")
foreach(_i RANGE ${_last})
  math(EXPR _at "${_i} * 2")
  string(SUBSTRING "${_hex}" ${_at} 2 _b)
  math(EXPR _v "0x${_b}")
  if(_v GREATER 127)
    math(EXPR _v "${_v} - 256")
  endif()
  math(EXPR _col "${_i} % 20")
  if(_col EQUAL 0)
    string(APPEND _values "\n   ")
  endif()
  string(APPEND _values " ${_v},")
endforeach()
file(WRITE ${_example}/yes_features.h
"// TensorFlow Lite Micro's features of micro_speech/testdata/yes_1000ms.wav (its audio_preprocessor_int8
// model, 49 windows x 40 channels, int8): tests/data/tflm_models/micro_speech_quantized/S_yes_1000ms.
#pragma once
static const signed char yes_features[] = {${_values}\n};
")

# Arduino: headers under src/ (the IDE adds src/ to the include path and compiles nothing here).
set(_a ${OUT}/arduino/ctml)
configure_file(${_here}/arduino/library.properties.in ${_a}/library.properties @ONLY)
file(COPY ${_root}/include/ctml DESTINATION ${_a}/src)
file(COPY ${_here}/arduino/ctml.h ${_root}/LICENSE DESTINATION ${_a})
file(RENAME ${_a}/ctml.h ${_a}/src/ctml.h)
file(COPY ${_example} DESTINATION ${_a}/examples)

# PlatformIO: the same sources, described by library.json.
set(_p ${OUT}/platformio/ctml)
configure_file(${_here}/platformio/library.json.in ${_p}/library.json @ONLY)
file(COPY ${_root}/include/ctml ${_here}/arduino/ctml.h DESTINATION ${_p}/include)
file(COPY ${_root}/LICENSE DESTINATION ${_p})
file(MAKE_DIRECTORY ${_p}/src)
file(COPY ${_example} DESTINATION ${_p}/examples)

# Zephyr module and ESP-IDF component: headers, ctml_add_model() and the importer's sources.
foreach(_kind zephyr esp-idf)
  set(_d ${OUT}/${_kind}/ctml)
  file(COPY ${_root}/include DESTINATION ${_d})
  file(COPY ${_root}/cmake/ctml_add_model.cmake ${_root}/cmake/ctml_c_api.cmake DESTINATION ${_d}/cmake)
  file(COPY ${_root}/tools/ctml-import/CMakeLists.txt ${_root}/tools/ctml-import/src DESTINATION ${_d}/ctml-import)
  file(COPY ${_root}/LICENSE DESTINATION ${_d})
endforeach()
set(_z ${OUT}/zephyr/ctml)
file(COPY ${_here}/zephyr/module.yml ${_here}/zephyr/Kconfig DESTINATION ${_z}/zephyr)
configure_file(${_here}/zephyr/CMakeLists.txt.in ${_z}/zephyr/CMakeLists.txt @ONLY)
set(_e ${OUT}/esp-idf/ctml)
configure_file(${_here}/esp-idf/idf_component.yml.in ${_e}/idf_component.yml @ONLY)
configure_file(${_here}/esp-idf/CMakeLists.txt.in ${_e}/CMakeLists.txt @ONLY)
message("make_packages: ctml ${CTML_VERSION} as Arduino, PlatformIO, Zephyr and ESP-IDF packages in ${OUT}")
