# shellcheck shell=bash
# Sourced by .ci/consumer-check and .ci/guide-check.
# mirror SRC DST [PATH...]: DST gets a symbolic link to each entry of SRC, except the relative PATHs, left out;
# the directories above a left-out path are made real, so nothing installed into DST lands in SRC.
mirror() {
  local src=$1 dst=$2 entry name left_out excluded
  shift 2
  mkdir -p "$dst"
  for entry in "$src"/*; do
    [ -e "$entry" ] || continue
    name=${entry##*/}
    left_out=false
    local inner=()
    for excluded in "$@"; do
      if [ "$excluded" = "$name" ]; then left_out=true
      elif [ "${excluded%%/*}" = "$name" ]; then inner+=("${excluded#*/}"); fi
    done
    if $left_out; then continue
    elif [ ${#inner[@]} -gt 0 ]; then mirror "$entry" "$dst/$name" "${inner[@]}"
    else ln -s "$entry" "$dst/$name"; fi
  done
}
