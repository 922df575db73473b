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
HTML_NAMES := $(basename $(notdir $(CHAPTERS)))
HTML_PAGES := $(patsubst %,$(HTML_OUT)/%.html,$(HTML_NAMES))
HTML_INPUTS := book/html/template.html book/html/chunks.lua book/html.mk
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
	--mathml --wrap=preserve

.PHONY: html clean-html

html: $(HTML_PAGES) $(HTML_OUT)/index.html $(HTML_OUT)/indexes.html \
	$(HTML_OUT)/drongo.css $(HTML_OUT)/cover.svg $(HTML_FIGURES)

$(HTML_TOOL): book/nwpandoc.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HTML_HOSTCFLAGS) -o $@ book/nwpandoc.c

# One run of the back end writes every intermediate file at once.
$(HTML_STAMP): $(HTML_TOOL) $(CHAPTERS)
	@test -n "$(CHAPTERS)" || { echo "html: no chapters found" >&2; exit 1; }
	rm -rf $(HTML_SRC)
	rm -f $(HTML_STALE)
	mkdir -p $(HTML_SRC)
	$(NOWEB_LIB)/markup $(CHAPTERS) > $(HTML_SRC)/book.markup
	$(HTML_TOOL) $(HTML_SRC) < $(HTML_SRC)/book.markup
	touch $@

$(HTML_PAGES): $(HTML_OUT)/%.html: $(HTML_STAMP) $(HTML_INPUTS)
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
