# cover/cover.mk -- the book's cover: one TikZ source, three renderings.
#
# Included from the top-level Makefile and run from the repository root.
#   make cover                 builds all three files below
#   build/cover/cover.pdf      pdflatex
#   build/cover/cover.svg      latex -> DVI -> dvisvgm, glyphs turned into paths
#   build/cover/cover.png      preview raster of the PDF (100 dpi)
#
# The PDF and the DVI runs use different job names so that they can run in
# parallel (make -j) without trampling on each other's .aux and .log files.
# TeX's chatter goes to *.out files next to the results; on failure the tail
# of the log is printed instead.

COVER_SRC      ?= cover/cover.tex
COVER_DIR      ?= build/cover
COVER_PDFLATEX ?= pdflatex
COVER_LATEX    ?= latex
COVER_DVISVGM  ?= dvisvgm
COVER_PDFTOPPM ?= pdftoppm
COVER_DPI      ?= 100
COVER_TEXFLAGS  = -interaction=nonstopmode -halt-on-error \
                  -output-directory=$(COVER_DIR)

# Run a TeX command quietly; $(1) is the command, $(2) the job's log stem.
cover_quiet = $(1) >$(COVER_DIR)/$(2).out 2>&1 || { \
	echo "cover: $(2) failed; end of $(COVER_DIR)/$(2).log:" >&2; \
	tail -n 25 $(COVER_DIR)/$(2).log >&2 2>/dev/null || \
	tail -n 25 $(COVER_DIR)/$(2).out >&2; exit 1; }

.PHONY: cover
cover: $(COVER_DIR)/cover.pdf $(COVER_DIR)/cover.svg $(COVER_DIR)/cover.png

$(COVER_DIR):
	@mkdir -p $@

$(COVER_DIR)/cover.pdf: $(COVER_SRC) | $(COVER_DIR)
	@echo "  PDFLATEX $@"
	@$(call cover_quiet,$(COVER_PDFLATEX) $(COVER_TEXFLAGS) -jobname=cover $<,cover)

# \coverdvisvgm switches pgf to its dvisvgm driver (see the top of cover.tex).
$(COVER_DIR)/cover-svg.dvi: $(COVER_SRC) | $(COVER_DIR)
	@echo "  LATEX    $@"
	@$(call cover_quiet,$(COVER_LATEX) $(COVER_TEXFLAGS) -jobname=cover-svg \
		'\def\coverdvisvgm{}\input{$<}',cover-svg)

$(COVER_DIR)/cover.svg: $(COVER_DIR)/cover-svg.dvi
	@echo "  DVISVGM  $@"
	@$(COVER_DVISVGM) --no-fonts --bbox=papersize --output=$@ $< \
		>$(COVER_DIR)/cover-dvisvgm.out 2>&1 || \
		{ tail -n 25 $(COVER_DIR)/cover-dvisvgm.out >&2; exit 1; }

$(COVER_DIR)/cover.png: $(COVER_DIR)/cover.pdf
	@echo "  PDFTOPPM $@"
	@$(COVER_PDFTOPPM) -png -r $(COVER_DPI) -singlefile $< $(basename $@)
