#!/usr/bin/env bash
# The system packages the tests need: Debian's Chromium (browser tests through Playwright, never a
# downloaded browser), the CJK fonts (PDF documents and charts) and poppler (PDF page checks).
# Installs what is missing when run as root with apt-get; otherwise stops at once with the one
# command that does, so the suite never fails half-way for want of a package.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
# grep reads the whole list: with -q it would stop early, fc-list would die of SIGPIPE and pipefail
# would report the fonts missing although they are installed.
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "测试需要系统软件包：${missing[*]}。请先运行：" >&2
echo "  sudo apt-get install -y ${missing[*]}" >&2
exit 1
