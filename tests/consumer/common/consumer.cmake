# What every consumer project below shares: ctml's test data and the programs in this folder.
# CTML_SOURCE_DIR is passed by tests/consumer/CMakeLists.txt.
include(${CMAKE_CURRENT_LIST_DIR}/goldens.cmake)
set(CTML_CONSUMER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(CTML_TFLM_MODELS ${CTML_SOURCE_DIR}/tests/data/tflm_models)

# The C++ route: hello_world_int8 through ctml_add_model(), run against TFLM's goldens.
function(ctml_consumer_hello_world exe)
  ctml_add_model(${exe}_model MODEL ${CTML_TFLM_MODELS}/hello_world_int8/hello_world_int8.tflite)
  ctml_consumer_goldens(${CMAKE_CURRENT_BINARY_DIR}/${exe}_goldens/hello_world_goldens.h
                        ${CTML_TFLM_MODELS}/hello_world_int8)
  add_executable(${exe} ${CTML_CONSUMER_DIR}/hello_world.cpp)
  target_include_directories(${exe} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${exe}_goldens)
  target_link_libraries(${exe} PRIVATE ${exe}_model)
  target_compile_options(${exe} PRIVATE -fno-exceptions -fno-rtti -Wall -Wextra -Wpedantic -Werror)
  add_test(NAME ${exe} COMMAND ${exe})
endfunction()

# The C route: micro_speech through ctml_add_model(... C_API), called from C11.
function(ctml_consumer_c_api exe)
  ctml_add_model(${exe}_model MODEL ${CTML_TFLM_MODELS}/micro_speech_quantized/micro_speech_quantized.tflite
                 NAME micro_speech C_API)
  ctml_consumer_goldens(${CMAKE_CURRENT_BINARY_DIR}/${exe}_goldens/micro_speech_goldens.h
                        ${CTML_TFLM_MODELS}/micro_speech_quantized)
  add_executable(${exe} ${CTML_CONSUMER_DIR}/c_api.c)
  set_target_properties(${exe} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_include_directories(${exe} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${exe}_goldens)
  target_link_libraries(${exe} PRIVATE ${exe}_model)
  target_compile_options(${exe} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  add_test(NAME ${exe} COMMAND ${exe})
endfunction()
