# Sourced by the check.d stages that cross-compile: the ctml-import the host preset built, if any,
# so a cross build need not build its own (cmake/ctml_add_model.cmake finds one otherwise).
host_importer_args=()
if [[ -x "$PWD/build/host/tools/ctml-import/ctml-import" ]]; then
  host_importer_args+=("-DCTML_IMPORT_EXECUTABLE=$PWD/build/host/tools/ctml-import/ctml-import")
fi
