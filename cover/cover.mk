# cover/cover.mk -- the book's cover: one TikZ source, three renderings.
#
# Included from the top-level Makefile and run from the repository root.
#   make cover                 builds all three files below
#   build/cover/cover.pdf      pdflatex
#   build/cover/cover.svg      latex -> DVI -> dvisvgm, glyphs turned into
#                              paths so the browser needs no font files
#   build/cover/cover.png      preview raster of the PDF
#
# Everything TeX writes goes to $(COVER_DIR); cover/ only holds sources.
# The PDF and the DVI runs use different job names so that they can run
# side by side under make -j without trampling on each other's .aux and
# .log files.  TeX's terminal chatter goes to *.out files next to the
# results; on failure the tail of the log is printed and the half-made
# target removed.

COVER_SRC      ?= cover/cover.tex
COVER_DIR      ?= build/cover
COVER_PDFLATEX ?= pdflatex
COVER_LATEX    ?= latex
COVER_DVISVGM  ?= dvisvgm
COVER_PDFTOPPM ?= pdftoppm
COVER_DPI      ?= 100
COVER_TEXFLAGS  = -interaction=nonstopmode -halt-on-error \
                  -output-directory=$(COVER_DIR)

# $(call cover_run,command,log stem,target): run quietly, explain failure.
cover_run = mkdir -p $(COVER_DIR) && \
	{ $(1) >$(COVER_DIR)/$(2).out 2>&1 || { \
	  echo "cover: $(2) failed; end of its log:" >&2; \
	  if [ -f $(COVER_DIR)/$(2).log ]; \
	  then tail -n 25 $(COVER_DIR)/$(2).log >&2; \
	  else tail -n 25 $(COVER_DIR)/$(2).out >&2; fi; \
	  rm -f $(3); exit 1; }; }

.PHONY: cover
cover: $(COVER_DIR)/cover.pdf $(COVER_DIR)/cover.svg $(COVER_DIR)/cover.png

$(COVER_DIR)/cover.pdf: $(COVER_SRC)
	@echo "  PDFLATEX $@"
	@$(call cover_run,$(COVER_PDFLATEX) $(COVER_TEXFLAGS) -jobname=cover $<,cover,$@)

# Defining \coverdvisvgm switches pgf to its dvisvgm driver (see the top
# of cover.tex).
$(COVER_DIR)/cover-svg.dvi: $(COVER_SRC)
	@echo "  LATEX    $@"
	@$(call cover_run,$(COVER_LATEX) $(COVER_TEXFLAGS) -jobname=cover-svg \
	  '\def\coverdvisvgm{}\input{$<}',cover-svg,$@)

$(COVER_DIR)/cover.svg: $(COVER_DIR)/cover-svg.dvi
	@echo "  DVISVGM  $@"
	@$(call cover_run,$(COVER_DVISVGM) --no-fonts --bbox=papersize \
	  --output=$@ $<,cover-dvisvgm,$@)

$(COVER_DIR)/cover.png: $(COVER_DIR)/cover.pdf
	@echo "  PDFTOPPM $@"
	@$(call cover_run,$(COVER_PDFTOPPM) -png -r $(COVER_DPI) -singlefile \
	  $< $(basename $@),cover-pdftoppm,$@)
