# drongo: the book and the server, from the same noweb sources.
# `make help` lists the targets.

CHAPTERS := $(sort $(wildcard chapters/[0-9][0-9]-*.nw))
STAGES   := $(shell i=1; for c in $(CHAPTERS); do printf '%02d ' $$i; \
                i=$$((i+1)); done)
LAST     := $(lastword $(STAGES))
N        ?= $(LAST)
STAGE    := $(shell printf '%02d' $(N) 2>/dev/null)
ARCHES   := aarch64 x86_64
PORT     ?= 8080

NOWEB_LIB ?= /usr/lib/noweb
export NOWEB_LIB

# Compilers and emulators: each architecture is either the host's own or a
# cross target run under qemu user mode.
HOST_ARCH := $(shell uname -m)
ifeq ($(HOST_ARCH),aarch64)
CC_aarch64  ?= gcc
CC_x86_64   ?= x86_64-linux-gnu-gcc
RUN_x86_64  ?= qemu-x86_64
else
CC_aarch64  ?= aarch64-linux-gnu-gcc
CC_x86_64   ?= gcc
RUN_aarch64 ?= qemu-aarch64
endif
HOSTCC ?= cc

# Freestanding: no libc headers (-nostdinc, then only the compiler's own
# stddef.h/stdint.h), no libc, no start files, a static binary.
# The second half of each list is about size (chapter 16, "The size of
# the program"): no unwind tables, no padding before functions, loops and labels,
# no inlining of functions the code does not declare inline, no unused
# sections, and the data on the same page of the file as the constants
# before it.  None costs speed that make bench can see.
CFLAGS_COMMON := -std=c11 -O2 -g -Wall -Wextra -Werror \
    -ffreestanding -fno-builtin -fno-stack-protector -fno-pie \
    -fno-tree-loop-distribute-patterns -nostdinc \
    -fno-asynchronous-unwind-tables -fno-unwind-tables \
    -falign-functions=1 -falign-jumps=1 -falign-loops=1 -falign-labels=1 \
    -fno-inline-functions -ffunction-sections -fdata-sections
LDFLAGS_COMMON := -nostdlib -static -no-pie -lgcc \
    -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,common-page-size=64
freestanding_inc = -isystem $(shell $(CC_$(1)) -print-file-name=include)

.PHONY: all book pdf html stage stages tangle check-tangle check-roots \
        check-hosted test serve sizes clean help cover deps deps-test attack
.DEFAULT_GOAL := all

all: stages book check-tangle check-roots check-hosted

help:
	@echo 'make deps            install the missing Debian packages for the build'
	@echo 'make deps-test       ... and for the tests (chromium, poppler-utils, strace)'
	@echo 'make                 build every stage (both architectures) and the book'
	@echo 'make stage N=3       build stage 3 (chapters 1..3) into build/stage03/<arch>/drongo'
	@echo 'make stages          build every stage'
	@echo 'make book            the PDF (build/book/drongo.pdf) and HTML (build/html/)'
	@echo 'make pdf | make html one edition only'
	@echo 'make serve [PORT=8080]  build everything, then serve the HTML book with the newest stage'
	@echo 'make test            build everything and run every test'
	@echo 'make tangle          regenerate tangle/ (the newest stage, without #line)'
	@echo 'make check-tangle    fail if tangle/ is out of sync with chapters/'
	@echo 'make check-roots     fail on stray, misspelled or undefined chunks'
	@echo 'make check-hosted    compile the modules without system calls against libc'
	@echo 'make hosted          those modules under clang, libFuzzer, ASan and UBSan (build/hosted/)'
	@echo 'make unit            their unit tables, one row per rule'
	@echo 'make fuzz [FUZZ_SECONDS=60] [FUZZ=http]  each libFuzzer harness in turn'
	@echo 'make fuzz-cov        the lines and branches the fuzzing corpora reach'
	@echo 'make sizes           print the size of every binary'
	@echo 'make bench [BENCH_QUICK=1]  drongo beside nginx, lighttpd, mini_httpd, busybox (bench/)'
	@echo 'make attack          the slow-client attacks, drongo beside nginx (tests/attack.sh)'
	@echo 'make install [PREFIX=/usr/local] [DESTDIR=]  the program, drongo(1), the systemd units'
	@echo 'make uninstall       remove exactly what make install installed'
	@echo 'make man             the manual page, build/drongo.1 (man ./build/drongo.1)'
	@echo 'make clean           remove build/'
	@echo 'Newest stage: $(LAST); its binaries: build/drongo-aarch64, build/drongo-x86_64'

# ---------------------------------------------------------------- stages
# build/stageNN/src/ holds chapters 1..NN tangled with #line directives;
# build/stageNN/<arch>/drongo is the program for each architecture.

chapters_upto = $(wordlist 1,$(patsubst 0%,%,$(1)),$(CHAPTERS))

define stage_rules
build/stage$(1)/src/.stamp: $(call chapters_upto,$(1)) book/stage-filter book/tangle-stage
	@mkdir -p $$(@D)
	sh book/tangle-stage build/stage$(1)/src -L $(call chapters_upto,$(1))
	@touch $$@
stage$(1): $(foreach a,$(ARCHES),build/stage$(1)/$(a)/drongo)
endef

define arch_rules
build/stage$(1)/$(2)/drongo: build/stage$(1)/src/.stamp
	@mkdir -p $$(@D)
	$$(CC_$(2)) $$(CFLAGS_COMMON) $$(call freestanding_inc,$(2)) \
	    -Ibuild/stage$(1)/src build/stage$(1)/src/*.c \
	    -o $$@ $$(LDFLAGS_COMMON)
endef

$(foreach s,$(STAGES),$(eval $(call stage_rules,$(s))))
$(foreach s,$(STAGES),$(foreach a,$(ARCHES),$(eval $(call arch_rules,$(s),$(a)))))

stages: $(foreach s,$(STAGES),stage$(s)) build/drongo-aarch64 build/drongo-x86_64
stage: stage$(STAGE)

build/drongo-%: build/stage$(LAST)/%/drongo
	cp $< $@

# Code and constants (text) versus writable memory (data and bss, mostly the
# static request and file buffers), as the ELF sections say.
sizes: stages
	@printf '%-30s %9s %9s %9s\n' binary file text data+bss
	@for s in $(STAGES); do for a in $(ARCHES); do \
	  f=build/stage$$s/$$a/drongo; \
	  size -A $$f | awk -v f=$$f -v n=$$(stat -c %s $$f) \
	    '/^\.(text|rodata)/{t+=$$2} /^\.(data|bss)/{d+=$$2} \
	     END{printf "%-30s %9d %9d %9d\n", f, n, t, d}'; \
	done; done

serve: all
	@echo 'drongo: serving the HTML edition at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)'
	build/stage$(LAST)/$(HOST_ARCH)/drongo -r build/html -p $(PORT)

deps:
	sh .ci/install-deps
deps-test:
	sh .ci/install-deps test

# ---------------------------------------------------------------- checks
tangle:
	sh book/tangle-stage tangle $(CHAPTERS)
	sh book/tangle-tests . $(CHAPTERS)

check-tangle:
	@rm -rf build/tangle-check build/tangle-check-tests
	@sh book/tangle-stage build/tangle-check $(CHAPTERS)
	@diff -r tangle build/tangle-check >/dev/null || { \
	  echo 'tangle/ is out of sync with chapters/: run make tangle'; \
	  diff -ru tangle build/tangle-check | head -40; exit 1; }
	@sh book/tangle-tests build/tangle-check-tests $(CHAPTERS)
	@for d in tests/fuzz tests/unit; do \
	  for f in $$d/*.[ch] build/tangle-check-tests/$$d/*.[ch]; do \
	    [ -e "$$f" ] || continue; g=$${f#build/tangle-check-tests/}; \
	    cmp -s "$$g" "build/tangle-check-tests/$$g" || { \
	      echo "$$g is out of sync with chapters/: run make tangle"; \
	      exit 1; }; \
	  done; done
	@echo 'tangle/, tests/fuzz/ and tests/unit/ match chapters/'

check-roots:
	@$(foreach s,$(STAGES),sh book/check-roots $(call chapters_upto,$(s)) \
	  || { echo 'in stage $(s)'; exit 1; };) \
	echo 'every chunk is defined and used, or is a file root'

# The modules that make no system call must also build against a hosted
# libc, so that tests and fuzzers can link them: every .c that does not
# include "sys.h".
check-hosted: build/stage$(LAST)/src/.stamp
	@mkdir -p build/hosted
	@for f in build/stage$(LAST)/src/*.c; do \
	  grep -q '#include "sys.h"' $$f && continue; \
	  $(HOSTCC) -std=c11 -Wall -Wextra -Werror -fsyntax-only $$f || exit 1; \
	  echo "hosted: $$(basename $$f) ok"; done

# ---------------------------------------------------------------- book
-include cover/cover.mk
include book/figures.mk
-include book/html.mk
include book/pdf.mk

book: pdf html

# ---------------------------------------------------------------- tests
test:
	@bash tests/run

# make hosted, unit, fuzz, fuzz-cov: the pure modules under clang,
# libFuzzer and the sanitizers (chapter 15).
include tests/hosted.mk

# ---------------------------------------------------------------- bench
# make bench: the newest stage (or BENCH_STAGE=NN), built for this machine,
# measured beside nginx, lighttpd, mini_httpd and busybox httpd on
# loopback; bench/run.sh says what and how, and takes BENCH_QUICK=1,
# BENCH_REPS, BENCH_SECS, BENCH_SERVERS, BENCH_PORT_BASE and
# BENCH_DRONGO_FLAGS from the command line (a stage before 13 has no -P:
# BENCH_DRONGO_FLAGS=-q runs it; one before 9 no -q: BENCH_DRONGO_FLAGS=
# runs it without).  Never part of make test.
# Afterwards the figures bench and bench-table are drawn again: they read
# build/bench/plot.dat and table.tex when these exist (figures/bench.tex).
.PHONY: bench
BENCH_STAGE ?= $(LAST)
BENCH_DRONGO := build/stage$(shell printf %02d $(BENCH_STAGE))/$(HOST_ARCH)/drongo
BENCH_FIGURES := $(foreach f,bench bench-table,$(FIG_DIR)/$(f).pdf $(FIG_DIR)/$(f).svg)
bench: $(BENCH_DRONGO)
	BENCH_DRONGO=$(BENCH_DRONGO) bash bench/run.sh
	@if command -v pdflatex >/dev/null && command -v dvisvgm >/dev/null; then \
	  $(MAKE) --no-print-directory $(BENCH_FIGURES) && \
	  echo "bench: figures $(BENCH_FIGURES)"; \
	else echo "bench: no pdflatex or dvisvgm (make deps): figures not drawn"; fi
$(FIG_DIR)/bench.pdf $(FIG_DIR)/bench-svg.dvi: $(wildcard build/bench/plot.dat)
$(FIG_DIR)/bench-table.pdf $(FIG_DIR)/bench-table-svg.dvi: $(wildcard build/bench/table.tex)

# ---------------------------------------------------------------- attack
# make attack: chapter 13's attacks (slowloris twice, slow read, the range
# attack, 2,000 idle connections; slow bodies once PUT exists), each for
# ATTACK_SECS (60) seconds against the newest stage built for this machine
# and against nginx with one worker and its defaults, on loopback, with a
# probe once a second; build/attack/results.txt has the table.  About 12
# minutes.  make test runs the short version, drongo only.
ATTACK_STAGE ?= $(LAST)
attack: build/stage$(shell printf %02d $(ATTACK_STAGE))/$(HOST_ARCH)/drongo
	ATTACK_DRONGO=$< bash tests/attack.sh

# ---------------------------------------------------------------- install
# make install [PREFIX=/usr/local] [DESTDIR=]: the newest stage built for
# this machine, stripped, as $(PREFIX)/bin/drongo; the manual page,
# rendered from deploy/drongo.1.md by pandoc, as
# $(PREFIX)/share/man/man1/drongo.1; the units drongo.socket and
# drongo.service in $(PREFIX)/lib/systemd/system, where systemd looks
# for the units of software installed by hand (systemd.unit(5)), with
# the program's path written into ExecStart=.  DESTDIR is prepended to
# every path, for packaging.  make uninstall removes exactly those
# files; the directories stay, since others share them.
.PHONY: install uninstall man
PANDOC  ?= pandoc
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MAN1DIR := $(PREFIX)/share/man/man1
UNITDIR := $(PREFIX)/lib/systemd/system
UNITS   := drongo.socket drongo.service
INSTALLED := $(BINDIR)/drongo $(MAN1DIR)/drongo.1 \
    $(addprefix $(UNITDIR)/,$(UNITS))

man: build/drongo.1
build/drongo.1: deploy/drongo.1.md
	@mkdir -p $(@D)
	$(PANDOC) -s -t man -o $@ $<

install: build/stage$(LAST)/$(HOST_ARCH)/drongo build/drongo.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(UNITDIR)
	install -m 755 -s $< $(DESTDIR)$(BINDIR)/drongo
	install -m 644 build/drongo.1 $(DESTDIR)$(MAN1DIR)/drongo.1
	for u in $(UNITS); do \
	  sed 's|@BINDIR@|$(BINDIR)|g' deploy/$$u > $(DESTDIR)$(UNITDIR)/$$u && \
	  chmod 644 $(DESTDIR)$(UNITDIR)/$$u || exit 1; done

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

clean:
	rm -rf build
