# Builds the generator (wasm/codegen) with the host compiler at configure
# time, so it runs for every preset, the Emscripten cross build included, and
# provides keyflip_generate_model() to turn a model into C++ tables.
#
# Inputs: botocore's IAM service-2.json, found through Debian's python3
# (import botocore) unless KEYFLIP_BOTOCORE_IAM_MODEL names it, plus
# wasm/model/operations.txt and wasm/model/iam-endpoints.tsv. Editing any of
# them, or the generator, re-runs the configure step (CMAKE_CONFIGURE_DEPENDS).

set(KEYFLIP_HOST_CXX "c++" CACHE STRING "host C++ compiler for the generator (nlohmann-json3-dev on its include path)")
set(KEYFLIP_PYTHON "/usr/bin/python3" CACHE FILEPATH "the python3 whose botocore provides the IAM model")
set(KEYFLIP_BOTOCORE_IAM_MODEL "" CACHE FILEPATH "botocore's iam/2010-05-08/service-2.json (empty: ask KEYFLIP_PYTHON)")

if(NOT KEYFLIP_BOTOCORE_IAM_MODEL)
  execute_process(
    COMMAND "${KEYFLIP_PYTHON}" -c
      "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data', 'iam', '2010-05-08', 'service-2.json'))"
    OUTPUT_VARIABLE _kf_model OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _kf_rc)
  if(NOT _kf_rc EQUAL 0 OR NOT EXISTS "${_kf_model}")
    message(FATAL_ERROR "botocore's IAM model not found through ${KEYFLIP_PYTHON} (install "
                        "python3-botocore, or set -DKEYFLIP_BOTOCORE_IAM_MODEL=...)")
  endif()
  set(KEYFLIP_BOTOCORE_IAM_MODEL "${_kf_model}" CACHE FILEPATH "botocore's iam/2010-05-08/service-2.json" FORCE)
endif()

set(KEYFLIP_MODEL_DIR "${CMAKE_CURRENT_LIST_DIR}/../model")
set(KEYFLIP_OPERATIONS "${KEYFLIP_MODEL_DIR}/operations.txt")
set(KEYFLIP_ENDPOINTS "${KEYFLIP_MODEL_DIR}/iam-endpoints.tsv")

set(_kf_codegen_sources main.cpp read_model.cpp pattern.cpp emit_cpp.cpp emit_ts.cpp)
list(TRANSFORM _kf_codegen_sources PREPEND "${CMAKE_CURRENT_LIST_DIR}/")
file(GLOB _kf_codegen_headers "${CMAKE_CURRENT_LIST_DIR}/*.h")
set(KEYFLIP_CODEGEN "${CMAKE_BINARY_DIR}/codegen/keyflip_codegen")

# Rebuilt only when a source is newer than the binary.
set(_kf_rebuild FALSE)
foreach(_src ${_kf_codegen_sources} ${_kf_codegen_headers})
  if(NOT EXISTS "${KEYFLIP_CODEGEN}" OR "${_src}" IS_NEWER_THAN "${KEYFLIP_CODEGEN}")
    set(_kf_rebuild TRUE)
  endif()
endforeach()
if(_kf_rebuild)
  file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/codegen")
  execute_process(
    COMMAND "${KEYFLIP_HOST_CXX}" -std=c++17 -O1 -Wall -Wextra -o "${KEYFLIP_CODEGEN}" ${_kf_codegen_sources}
    RESULT_VARIABLE _kf_rc ERROR_VARIABLE _kf_err)
  if(NOT _kf_rc EQUAL 0)
    message(FATAL_ERROR "building the generator with ${KEYFLIP_HOST_CXX} failed:\n${_kf_err}")
  endif()
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${_kf_codegen_sources} ${_kf_codegen_headers} "${KEYFLIP_BOTOCORE_IAM_MODEL}"
  "${KEYFLIP_OPERATIONS}" "${KEYFLIP_ENDPOINTS}")

# The command line shared by the tables, the types target and the types test.
set(KEYFLIP_CODEGEN_IAM_ARGS
  --model "${KEYFLIP_BOTOCORE_IAM_MODEL}" --operations "${KEYFLIP_OPERATIONS}"
  --endpoints "${KEYFLIP_ENDPOINTS}" --namespace iam_model)

# keyflip_generate_model(<output.cpp> <args...>): runs the generator now.
function(keyflip_generate_model output)
  get_filename_component(_dir "${output}" DIRECTORY)
  file(MAKE_DIRECTORY "${_dir}")
  execute_process(COMMAND "${KEYFLIP_CODEGEN}" ${ARGN} --cpp "${output}"
                  RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "the generator failed (${_rc}):\n${_err}")
  endif()
endfunction()
