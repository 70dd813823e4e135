# Build step of ctml_add_model(... C_API): reads the arena and state bytes that the probe object
# holds as text ("CTML_C_API_SIZES:arena=<13 digits>:state=<13 digits>:"), then runs
#   ctml-import --c-api --arena-bytes A --state-bytes S --name NAME --model-header MODEL_HEADER
#               --output OUTPUT MODEL
# Arguments: -DIMPORTER= -DOBJECTS= -DMODEL= -DNAME= -DMODEL_HEADER= -DOUTPUT= [-DIMPORT_OPTIONS=]
foreach(_var IMPORTER OBJECTS MODEL NAME MODEL_HEADER OUTPUT)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "ctml_c_api.cmake: -D${_var}= is required")
  endif()
endforeach()
set(_sizes "")
foreach(_obj IN LISTS OBJECTS)
  file(STRINGS ${_obj} _sizes REGEX "CTML_C_API_SIZES:arena=[0-9]+:state=[0-9]+:")
  if(_sizes)
    break()
  endif()
endforeach()
if(NOT _sizes MATCHES "CTML_C_API_SIZES:arena=([0-9]+):state=([0-9]+):")
  message(FATAL_ERROR "ctml_add_model(${NAME} C_API): no sizes found in ${OBJECTS}")
endif()
math(EXPR _arena "${CMAKE_MATCH_1}")
math(EXPR _state "${CMAKE_MATCH_2}")
execute_process(
  COMMAND ${IMPORTER} ${IMPORT_OPTIONS} --c-api --arena-bytes ${_arena} --state-bytes ${_state} --name ${NAME}
          --model-header ${MODEL_HEADER} --output ${OUTPUT} ${MODEL}
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "ctml_add_model(${NAME} C_API): ctml-import --c-api failed (${_rc})")
endif()
