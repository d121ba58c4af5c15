#!/usr/bin/env bash
# An English-only pull request, checked as CI checks it: a clone of this commit, the
# contributor's changes (tests/contributor_changes.py: a reworded answer, question and
# outcome step, and a new question with its outcome, no translation) committed on it, then
# `make check` (and `make test` with FULL=1) in the clone, timed. Uses this project's
# .venv and node_modules (not reinstalled). Prints each command's status and time.
#   bash bench/english_only_pr.sh            # make check
#   FULL=1 bash bench/english_only_pr.sh     # make check, then make test
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
clone=$(mktemp -d /tmp/english-only-pr.XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone --quiet "$root" "$clone"
cd "$clone"
ln -s "$root/.venv" .venv
ln -s "$root/node_modules" node_modules
(cd tests && ../.venv/bin/python contributor_changes.py ../decision_tree.yaml)
git -c user.name=contributor -c user.email=c@example.org commit --quiet -am \
  "An English-only change: reworded texts and a new question"
git show --stat --oneline HEAD | cat
# Make must not reinstall into the shared environment: its stamps are taken as made.
stamps=(-o ".venv/.installed-$(cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)"
        -o "node_modules/.installed-$(cat package-lock.json | cksum | cut -d' ' -f1)")
targets=(check)
[ "${FULL:-}" = 1 ] && targets+=(test)
for target in "${targets[@]}"; do
  echo "== make $target (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "== make $target: %e s wall, %U s user, %S s sys" \
    make "${stamps[@]}" "$target" PYTEST_ARGS="-q -p no:cacheprovider"
done
