# Builds the generator (wasm/codegen) with the host compiler at configure
# time, so it runs for every preset, the Emscripten cross build included, and
# provides keyflip_generate_model() to turn a model into C++ tables.
#
# Inputs: botocore's IAM and STS service-2.json, found through Debian's
# python3 (import botocore) unless KEYFLIP_BOTOCORE_DATA names botocore's data
# folder, plus wasm/model/<service>-operations.txt and <service>-endpoints.tsv.
# Editing any of them, or the generator, re-runs the configure step
# (CMAKE_CONFIGURE_DEPENDS).

set(KEYFLIP_HOST_CXX "c++" CACHE STRING "host C++ compiler for the generator (nlohmann-json3-dev on its include path)")
set(KEYFLIP_PYTHON "/usr/bin/python3" CACHE FILEPATH "the python3 whose botocore provides the IAM and STS models")
set(KEYFLIP_BOTOCORE_DATA "" CACHE PATH "botocore's data folder (empty: ask KEYFLIP_PYTHON)")

if(NOT KEYFLIP_BOTOCORE_DATA)
  execute_process(
    COMMAND "${KEYFLIP_PYTHON}" -c
      "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"
    OUTPUT_VARIABLE _kf_data OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _kf_rc)
  if(NOT _kf_rc EQUAL 0 OR NOT EXISTS "${_kf_data}/iam/2010-05-08/service-2.json")
    message(FATAL_ERROR "botocore's models not found through ${KEYFLIP_PYTHON} (install "
                        "python3-botocore, or set -DKEYFLIP_BOTOCORE_DATA=...)")
  endif()
  set(KEYFLIP_BOTOCORE_DATA "${_kf_data}" CACHE PATH "botocore's data folder" FORCE)
endif()
set(KEYFLIP_BOTOCORE_IAM_MODEL "${KEYFLIP_BOTOCORE_DATA}/iam/2010-05-08/service-2.json")
set(KEYFLIP_BOTOCORE_STS_MODEL "${KEYFLIP_BOTOCORE_DATA}/sts/2011-06-15/service-2.json")

set(KEYFLIP_MODEL_DIR "${CMAKE_CURRENT_LIST_DIR}/../model")
set(KEYFLIP_MODEL_INPUTS
  "${KEYFLIP_BOTOCORE_IAM_MODEL}" "${KEYFLIP_MODEL_DIR}/iam-operations.txt" "${KEYFLIP_MODEL_DIR}/iam-endpoints.tsv"
  "${KEYFLIP_BOTOCORE_STS_MODEL}" "${KEYFLIP_MODEL_DIR}/sts-operations.txt" "${KEYFLIP_MODEL_DIR}/sts-endpoints.tsv")

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
  ${_kf_codegen_sources} ${_kf_codegen_headers} ${KEYFLIP_MODEL_INPUTS})

# The command line shared by the tables, the types target and the types test:
# IAM first (its endpoint table names the partitions), then STS.
set(KEYFLIP_CODEGEN_ARGS
  --service iam --label IAM --model "${KEYFLIP_BOTOCORE_IAM_MODEL}"
  --operations "${KEYFLIP_MODEL_DIR}/iam-operations.txt" --endpoints "${KEYFLIP_MODEL_DIR}/iam-endpoints.tsv"
  --service sts --label STS --model "${KEYFLIP_BOTOCORE_STS_MODEL}"
  --operations "${KEYFLIP_MODEL_DIR}/sts-operations.txt" --endpoints "${KEYFLIP_MODEL_DIR}/sts-endpoints.tsv")

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
