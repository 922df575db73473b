# book/figures.mk: the book's figures, one TikZ source each, two renderings.
#
#   figures/NAME.tex       a tikzpicture (figures/style.tex is shared)
#   build/figures/NAME.pdf pdflatex, for the printed edition
#   build/figures/NAME.svg latex -> DVI -> dvisvgm, glyphs as paths, for
#                          the HTML edition (no font files needed)
# A chapter shows a figure with \drongofigure{NAME}{caption}, and refers
# to it as Figure~\ref{fig:NAME}.  A caption is a moving argument: write
# code in it as \texttt{...}, never as [[...]].

FIG_DIR      := build/figures
FIG_NAMES    := $(filter-out style,$(basename $(notdir $(wildcard figures/*.tex))))
FIG_PDFS     := $(patsubst %,$(FIG_DIR)/%.pdf,$(FIG_NAMES))
FIG_SVGS     := $(patsubst %,$(FIG_DIR)/%.svg,$(FIG_NAMES))
FIG_TEXFLAGS  = -interaction=nonstopmode -halt-on-error -output-directory=$(FIG_DIR)
FIG_DEPS     := book/figure.tex figures/style.tex

# $(call fig_run,command,log stem,target): run quietly, explain failure.
fig_run = mkdir -p $(FIG_DIR) && \
	{ $(1) >$(FIG_DIR)/$(2).out 2>&1 || { \
	  echo "figure: $(2) failed; end of its log:" >&2; \
	  if [ -f $(FIG_DIR)/$(2).log ]; \
	  then tail -n 25 $(FIG_DIR)/$(2).log >&2; \
	  else tail -n 25 $(FIG_DIR)/$(2).out >&2; fi; \
	  rm -f $(3); exit 1; }; }

.PHONY: figures
figures: $(FIG_PDFS) $(FIG_SVGS)

$(FIG_DIR)/%.pdf: figures/%.tex $(FIG_DEPS)
	@$(call fig_run,pdflatex $(FIG_TEXFLAGS) -jobname=$* \
	  '\def\drongofig{figures/$*}\input{book/figure}',$*,$@)

$(FIG_DIR)/%-svg.dvi: figures/%.tex $(FIG_DEPS)
	@$(call fig_run,latex $(FIG_TEXFLAGS) -jobname=$*-svg \
	  '\def\drongosvg{}\def\drongofig{figures/$*}\input{book/figure}',$*-svg,$@)

$(FIG_DIR)/%.svg: $(FIG_DIR)/%-svg.dvi
	@$(call fig_run,dvisvgm --no-fonts --bbox=min --output=$@ $<,$*-dvisvgm,$@)
