# book/html.mk -- the HTML edition of the book: `make html` builds build/html/.
#
# Included from the top-level Makefile and run from the top of the tree;
# it also works alone:  make -f book/html.mk html
#
# Pipeline: noweb's `markup` stage turns all chapters into pipeline
# markup; build/tools/nwpandoc (book/nwpandoc.c) turns that into one
# LaTeX file per chapter for pandoc, with a placeholder for each code
# chunk, and one highlighted, cross-referenced HTML fragment per chunk;
# pandoc reads each LaTeX file and book/html/chunks.lua swaps the
# placeholders for the fragments.  For the contents page the filter
# reads the chapters with pandoc itself, so its links use pandoc's ids.

# Keep the includer's default goal (this file defines rules of its own).
HTML_SAVED_GOAL := $(.DEFAULT_GOAL)

CHAPTERS ?= $(sort $(wildcard chapters/[0-9][0-9]-*.nw))
PANDOC ?= pandoc
NOWEB_LIB ?= /usr/lib/noweb
HOSTCC ?= cc
HTML_HOSTCFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror
HTML_BOOK_TITLE ?= drongo
HTML_COVER ?= build/cover/cover.svg

HTML_OUT := build/html
HTML_SRC := build/html-src
HTML_TOOL := build/tools/nwpandoc
HTML_STAMP := $(HTML_SRC)/.stamp
# Pages that are not chapters, nor stages: the preface before them, the
# bibliography after (plain LaTeX, shared with book/drongo.tex).
HTML_FRONT ?= book/preface.tex
HTML_BACK ?= book/bibliography.tex
# the afterword, after the chapters and before the bibliography
HTML_AFTER ?= book/afterword.tex
HTML_FILES := $(HTML_FRONT) $(CHAPTERS) $(HTML_AFTER) $(HTML_BACK)
HTML_NAMES := $(basename $(notdir $(HTML_FILES)))
HTML_PAGES := $(patsubst %,$(HTML_OUT)/%.html,$(HTML_NAMES))
HTML_INPUTS := book/html/template.html book/html/chunks.lua book/html.mk
# The search box: Debian's lunr (libjs-lunr) in the browser, and an index
# that node builds with the same lunr from what nwpandoc and chunks.lua
# write (book/html/search-index.js).
LUNR_DIR ?= /usr/share/javascript/lunr
NODE ?= node
# Each chapter's stage, tangled without #line for reading, with a Makefile,
# and as one archive: src/stageNN/ and src/drongo-stageNN.tar.gz.
# A stage is named by its chapter's number, as in the file name and the
# chunk labels (chapters/15-testing.nw: stage 15, chunks 15.1...), and is
# every chapter up to it, even before the chapters in between are written.
html_num = $(firstword $(subst -, ,$(notdir $(1))))
HTML_NUMS := $(shell seq -w 1 99)
HTML_STAGES := $(foreach c,$(CHAPTERS),$(call html_num,$(c)))
html_upto = $(foreach c,$(CHAPTERS),$(if $(filter $(call html_num,$(c)),\
    $(wordlist 1,$(patsubst 0%,%,$(1)),$(HTML_NUMS))),$(c)))
HTML_SOURCES := $(patsubst %,$(HTML_OUT)/src/drongo-stage%.tar.gz,$(HTML_STAGES))
# (the top-level Makefile's flags; these when this file is used alone)
HTML_CFLAGS ?= $(or $(CFLAGS_COMMON),-std=c11 -O2 -g -Wall -Wextra -ffreestanding \
    -fno-builtin -fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables \
    -fno-tree-loop-distribute-patterns -ffunction-sections -fdata-sections -nostdinc)
HTML_LDFLAGS ?= $(or $(LDFLAGS_COMMON),-nostdlib -static -no-pie -Wl$(,)--gc-sections \
    -Wl$(,)--build-id=none -lgcc)
,:= ,
# The PDF, copied beside the pages: made by book/pdf.mk when this file is
# included from the Makefile; used if it is there when this file runs alone.
HTML_PDF := $(if $(filter-out 1,$(words $(MAKEFILE_LIST))),$(HTML_OUT)/drongo.pdf,\
	$(if $(wildcard build/book/drongo.pdf),$(HTML_OUT)/drongo.pdf))
# The figures a chapter shows (\drongofigure{NAME}{...}), as SVG
# (book/figures.mk makes them); one that no chapter shows yet, such as
# the bench's before the chapter on performance, is not published.
HTML_FIG_SHOWN := $(shell grep -oh 'drongofigure{[^}]*}' $(CHAPTERS) | \
	sed 's/.*{//; s/}//')
HTML_FIGURES := $(patsubst %,$(HTML_OUT)/figures/%.svg,\
	$(filter $(HTML_FIG_SHOWN),$(FIG_NAMES)))
# pages of chapters that are gone
HTML_STALE = $(filter-out $(HTML_PAGES) $(HTML_OUT)/index.html $(HTML_OUT)/indexes.html,\
	$(wildcard $(HTML_OUT)/*.html))

HTML_PANDOC = $(PANDOC) --from=latex+raw_tex --to=html5 --standalone \
	--template=book/html/template.html --lua-filter=book/html/chunks.lua \
	--metadata=nwsrc=$(HTML_SRC) --metadata=booktitle=$(HTML_BOOK_TITLE) \
	--metadata=nwbib=$(HTML_BACK) \
	--mathml --wrap=preserve

.PHONY: html clean-html

html: $(HTML_PAGES) $(HTML_OUT)/index.html $(HTML_OUT)/indexes.html \
	$(HTML_OUT)/drongo.css $(HTML_OUT)/cover.svg $(HTML_FIGURES) \
	$(HTML_OUT)/search.js $(HTML_OUT)/lunr.min.js $(HTML_OUT)/search-index.js \
	$(HTML_PDF) $(HTML_SOURCES)

$(HTML_TOOL): book/nwpandoc.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HTML_HOSTCFLAGS) -o $@ book/nwpandoc.c

# One run of the back end writes every intermediate file at once.
$(HTML_STAMP): $(HTML_TOOL) $(HTML_FILES)
	@test -n "$(CHAPTERS)" || { echo "html: no chapters found" >&2; exit 1; }
	rm -rf $(HTML_SRC)
	rm -f $(HTML_STALE)
	mkdir -p $(HTML_SRC)
	$(NOWEB_LIB)/markup $(HTML_FILES) > $(HTML_SRC)/book.markup
	$(HTML_TOOL) $(HTML_SRC) < $(HTML_SRC)/book.markup
	touch $@

$(HTML_PAGES): $(HTML_OUT)/%.html: $(HTML_STAMP) $(HTML_INPUTS) $(HTML_BACK)
	@mkdir -p $(@D)
	$(HTML_PANDOC) --output=$@ $(HTML_SRC)/$*.tex

$(HTML_OUT)/indexes.html: $(HTML_STAMP) $(HTML_INPUTS)
	@mkdir -p $(@D)
	$(HTML_PANDOC) --output=$@ $(HTML_SRC)/indexes.tex

# For the contents page the filter reads every chapter, each on its own,
# for the headings and their ids.
$(HTML_OUT)/index.html: $(HTML_STAMP) $(HTML_INPUTS)
	@mkdir -p $(@D)
	$(HTML_PANDOC) --metadata=nwmode=contents --output=$@ $(HTML_SRC)/index.tex

# chunks.lua writes each chapter's prose for the index as it makes the page.
$(HTML_OUT)/search-index.js: $(HTML_PAGES) book/html/search-index.js
	$(NODE) book/html/search-index.js $(LUNR_DIR)/lunr.js $@ \
	  $(HTML_SRC)/search-chunks.jsonl $(patsubst %,$(HTML_SRC)/search-%.jsonl,$(HTML_NAMES))

$(HTML_OUT)/search.js: book/html/search.js
	@mkdir -p $(@D)
	cp $< $@

$(HTML_OUT)/lunr.min.js: $(LUNR_DIR)/lunr.min.js
	@mkdir -p $(@D)
	cp $< $@

# The printed edition, one link away from every page.
$(HTML_OUT)/drongo.pdf: build/book/drongo.pdf
	@mkdir -p $(@D)
	cp $< $@

define html_stage_rules
$(HTML_OUT)/src/stage$(1)/.stamp: $(call html_upto,$(1)) book/stage-filter book/tangle-stage
	@mkdir -p $$(@D)
	sh book/tangle-stage $(HTML_OUT)/src/stage$(1) $(call html_upto,$(1))
	printf '%s\n' '# drongo, stage $(1): make builds ./drongo with this machine'"'"'s gcc;' \
	  '# make CC=aarch64-linux-gnu-gcc (or x86_64-linux-gnu-gcc) for the other.' \
	  'CC = gcc' \
	  'CFLAGS = $(HTML_CFLAGS) -isystem $$$$(shell $$$$(CC) -print-file-name=include)' \
	  'drongo: $$$$(wildcard *.c *.h)' \
	  '	$$$$(CC) $$$$(CFLAGS) -I. $$$$(wildcard *.c) -o $$$$@ $(HTML_LDFLAGS)' \
	  > $(HTML_OUT)/src/stage$(1)/Makefile
	@touch $$@
$(HTML_OUT)/src/drongo-stage$(1).tar.gz: $(HTML_OUT)/src/stage$(1)/.stamp
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
	  --exclude=.stamp --transform='s,^stage$(1),drongo-stage$(1),' \
	  -C $(HTML_OUT)/src -cf - stage$(1) | gzip -n > $$@
endef
$(foreach s,$(HTML_STAGES),$(eval $(call html_stage_rules,$(s))))

$(HTML_OUT)/drongo.css: book/html/drongo.css
	@mkdir -p $(@D)
	cp book/html/drongo.css $@

$(HTML_OUT)/figures/%.svg: $(FIG_DIR)/%.svg
	@mkdir -p $(@D)
	cp $< $@

# The cover is made by `make cover` (cover/cover.mk).
$(HTML_OUT)/cover.svg: $(HTML_COVER)
	@mkdir -p $(@D)
	cp $(HTML_COVER) $@

clean-html:
	rm -rf $(HTML_OUT) $(HTML_SRC) $(HTML_TOOL)

# Give the default goal back: to the includer, or to `html` when alone.
ifeq ($(HTML_SAVED_GOAL),)
ifeq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := html
else
.DEFAULT_GOAL :=
endif
else
.DEFAULT_GOAL := $(HTML_SAVED_GOAL)
endif
