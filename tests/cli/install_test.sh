#!/bin/sh
# `cmake --install` puts the binary, the man page and the bash/zsh completions
# in place, and each works: usage: install_test.sh BUILD_DIR
set -eu
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$1" --prefix "$prefix" >/dev/null
"$prefix/bin/oborot" --version | grep -q '^oborot [0-9]'
grep -q '^\.TH OBOROT 1' "$prefix/share/man/man1/oborot.1"
grep -q 'OBOROT SHOW' "$prefix/share/man/man1/oborot.1"
grep -q -- '--format' "$prefix/share/man/man1/oborot.1"
# Every command and its options, those of fetch, reextract, import and export too.
man="$prefix/share/man/man1/oborot.1"
for heading in 'OBOROT FETCH' 'OBOROT REEXTRACT' 'OBOROT IMPORT-OFFICIAL' 'OBOROT IMPORT-RATES' 'OBOROT EXPORT'; do
  grep -q "$heading" "$man" || { echo "man page lacks $heading"; exit 1; }
done
for option in --published --excel xlsx --participants --sources --threshold --feeds --wide --lang; do
  grep -q -- "$option" "$man" || { echo "man page lacks $option"; exit 1; }
done
bash -n "$prefix/share/bash-completion/completions/oborot"
grep -q 'complete -o filenames -F _oborot oborot' "$prefix/share/bash-completion/completions/oborot"
grep -q '^#compdef oborot' "$prefix/share/zsh/site-functions/_oborot"
# The completion offers the commands and a command's options.
out=$(bash -c '. "$1"; COMP_WORDS=(oborot sh); COMP_CWORD=1; _oborot; echo "${COMPREPLY[*]}"' _ "$prefix/share/bash-completion/completions/oborot")
[ "$out" = "show" ] || { echo "completion of 'sh' gave '$out'"; exit 1; }
out=$(bash -c '. "$1"; COMP_WORDS=(oborot show --wi); COMP_CWORD=2; _oborot; echo "${COMPREPLY[*]}"' _ "$prefix/share/bash-completion/completions/oborot")
[ "$out" = "--wide" ] || { echo "completion of 'show --wi' gave '$out'"; exit 1; }
out=$(bash -c '. "$1"; COMP_WORDS=(oborot export --pa); COMP_CWORD=2; _oborot; echo "${COMPREPLY[*]}"' _ "$prefix/share/bash-completion/completions/oborot")
[ "$out" = "--participants --party" ] || { echo "completion of 'export --pa' gave '$out'"; exit 1; }
out=$(bash -c '. "$1"; COMP_WORDS=(oborot parties --ex); COMP_CWORD=2; _oborot; echo "${COMPREPLY[*]}"' _ "$prefix/share/bash-completion/completions/oborot")
[ "$out" = "--excel" ] || { echo "completion of 'parties --ex' gave '$out'"; exit 1; }
echo "install layout ok"
