# pdf.mk: the printed edition, woven by noweave and set by pdflatex.
PDFLATEX ?= pdflatex
NOWEAVE  ?= noweave

# noweave's LaTeX goes through book/weave-filter, for book/chunks.tex.
build/book/chapters.tex: $(CHAPTERS) book/weave-filter
	@mkdir -p $(@D)
	$(NOWEAVE) -n -index $(CHAPTERS) | awk -f book/weave-filter > $@.tmp
	mv $@.tmp $@

# Three runs: the first writes the chunk labels and table of contents, the
# second resolves the cross-references, the third settles page numbers
# that moved when the references were filled in.
build/book/drongo.pdf: book/drongo.tex book/chunks.tex book/preface.tex \
    book/bibliography.tex book/afterword.tex build/book/chapters.tex build/cover/cover.pdf $(FIG_PDFS)
	@for run in 1 2 3; do \
	  $(PDFLATEX) -interaction=nonstopmode -halt-on-error \
	    -output-directory build/book book/drongo.tex > build/book/pdflatex.out 2>&1 \
	  || { tail -30 build/book/pdflatex.out; exit 1; }; done
	@grep -c 'Overfull \\hbox' build/book/drongo.log | \
	  sed 's/^/pdf: overfull lines: /'
	@echo "pdf: $@"

pdf: build/book/drongo.pdf
