# Shared by embed_golden.cmake and embed_cases.cmake: raw files as C++ byte arrays.

# to_array(FILE OUT SIZE): OUT = "0x..,0x..," (the file's bytes), SIZE = its length.
function(to_array file out_var size_var)
  file(READ ${file} _hex HEX)
  string(LENGTH "${_hex}" _len)
  math(EXPR _bytes "${_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _hex "${_hex}")
  set(${out_var} "${_hex}" PARENT_SCOPE)
  set(${size_var} ${_bytes} PARENT_SCOPE)
endfunction()

# embed_files(FILES PREFIX REFS SIZES COUNT): appends `inline constexpr std::uint8_t PREFIX<k>[]` for
# each file to _body; REFS = "PREFIX0, PREFIX1, ", SIZES = "n0, n1, ", COUNT = the number of files.
function(embed_files files prefix refs_var sizes_var count_var)
  set(_refs "")
  set(_sizes "")
  set(_k 0)
  foreach(_f IN LISTS files)
    to_array(${_f} _hex _bytes)
    string(APPEND _body "inline constexpr std::uint8_t ${prefix}${_k}[] = {${_hex}};\n")
    string(APPEND _refs "${prefix}${_k}, ")
    string(APPEND _sizes "${_bytes}, ")
    math(EXPR _k "${_k} + 1")
  endforeach()
  set(_body "${_body}" PARENT_SCOPE)
  set(${refs_var} "${_refs}" PARENT_SCOPE)
  set(${sizes_var} "${_sizes}" PARENT_SCOPE)
  set(${count_var} ${_k} PARENT_SCOPE)
endfunction()
