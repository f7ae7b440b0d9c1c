#!/bin/bash
# Shell completion, made from the program's option table: the scripts the
# build installs are what `letterpress completion SHELL` prints; bash, zsh
# and fish read them without a syntax error; and real completion queries
# (bash's completion function, as `complete -p` names it, and fish's
# `complete -C`) list render's options, the layouts and the commands, the
# same ones the help lists.
#   tests/cli/completion.sh LETTERPRESS BUILDDIR
set -u
lp=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}
for sh in bash zsh fish; do
	"$lp" completion $sh >"$tmp/$sh" || fail "letterpress completion $sh failed"
done
cmp -s "$tmp/bash" "$build/src/cli/letterpress" || fail "the built bash script is not the program's"
cmp -s "$tmp/zsh" "$build/src/cli/_letterpress" || fail "the built zsh script is not the program's"
cmp -s "$tmp/fish" "$build/src/cli/letterpress.fish" || fail "the built fish script is not the program's"

# Syntax, checked by each shell itself.
bash -n "$tmp/bash" || fail "bash -n rejects the bash script"
for sh in zsh fish; do
	if command -v $sh >/dev/null; then
		$sh -n "$tmp/$sh" || fail "$sh -n rejects the $sh script"
	else
		fail "$sh is not installed (./setup --test installs it)"
	fi
done

# What the help lists, as sorted lists.
opts_of() { "$lp" "$1" --help | sed -n 's/^\(  -\(.\), \|      \)\(--[a-z-]*\).*/\3 -\2/p' | tr ' ' '\n' | grep -v '^-$' | sort; }
layouts=$("$lp" layouts | cut -d' ' -f1 | sort)
commands=$("$lp" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | sort)
[ -n "$layouts" ] && [ -n "$commands" ] || fail "no layouts or commands to compare with"

# bash: the function `complete -p letterpress` names, driven as readline
# would drive it for the line given.
bash_query() {
	bash --norc --noprofile -c '
		source "$1"
		spec=$(complete -p letterpress) || exit 3
		fn=${spec#*-F }
		fn=${fn%% *}
		COMP_LINE=$2
		COMP_POINT=${#2}
		read -ra COMP_WORDS <<<"$2"
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		[[ $2 == *" " ]] && COMP_CWORD=${#COMP_WORDS[@]}
		COMPREPLY=()
		"$fn" letterpress "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$tmp/bash" "$1" | sort
}
export PATH="$(dirname "$lp"):$PATH"
got=$(bash_query "letterpress render -")
[ "$got" = "$(opts_of render)" ] || fail "bash completes render's options as
$got
not as render --help lists them:
$(opts_of render)"
echo "$got" | grep -qx -- --layout && echo "$got" | grep -qx -- --output && ! echo "$got" | grep -qx -- --jobs \
	|| fail "bash's render options lack --layout or --output, or have --jobs"
got=$(bash_query "letterpress -q batch --j")
[ "$got" = "--jobs" ] || fail "bash completes 'batch --j' as '$got'"
got=$(bash_query "letterpress ")
[ "$got" = "$commands" ] || fail "bash completes the commands as '$got', not '$commands'"
got=$(bash_query "letterpress render --layout ")
[ "$got" = "$layouts" ] || fail "bash completes --layout as '$got', not '$layouts'"
got=$(bash_query "letterpress render r.md -ql m")
[ "$got" = "$(echo "$layouts" | grep '^m')" ] || fail "bash completes -ql m as '$got'"
got=$(bash_query "letterpress render --format=t")
[ "$got" = "tiff" ] || fail "bash completes --format=t as '$got'"
got=$(bash_query "letterpress completion ")
[ "$got" = "$(printf 'bash\nfish\nzsh')" ] || fail "bash completes 'completion' as '$got'"

# fish: its own completion query.
if command -v fish >/dev/null; then
	got=$(fish --no-config -c "source $tmp/fish; complete -C 'letterpress render --'" | cut -f1 | sort)
	want=$(opts_of render | grep -- '^--' | grep -vx -- --gray)
	[ "$got" = "$want" ] || fail "fish completes render's options as
$got
not as
$want"
	got=$(fish --no-config -c "source $tmp/fish; complete -C 'letterpress render --layout '" | cut -f1 | sort)
	[ "$got" = "$layouts" ] || fail "fish completes --layout as '$got', not '$layouts'"
fi

if [ "$failed" -ne 0 ]; then
	echo "$failed check(s) failed"
	exit 1
fi
echo "completion: all checks passed"
