-- chunks.lua -- pandoc Lua filter for the HTML edition of the book.
--
-- Input: the LaTeX files that book/nwpandoc.c writes.  Each starts with
-- \nwpage{NAME}; each code chunk is a line \nwchunk{ID} whose HTML is in
-- the file frag-ID.html beside it.  The metadata field `nwsrc` names
-- that directory; `nwmode` is "contents" for the contents page, for
-- which the filter reads every chapter itself.
--
-- The filter
--   * swaps the placeholders for the highlighted chunks,
--   * numbers chapters and sections as the printed book does,
--   * resolves \ref to labels on any page (labels.tsv),
--   * sets the page title and the previous/next links (pages.tsv),
--   * on the contents page, replaces the text by the table of contents.

local stringify = pandoc.utils.stringify

local src = "."          -- where nwpandoc wrote its files
local mode = "chapter"
local pages = {}         -- in book order: {name=, num=, title=}
local page_index = {}    -- name -> position in `pages`
local labels = {}        -- label -> {page=, number=}
local idents = {}        -- identifier -> list of {page=, anchor=}, book order
local this_page = nil    -- name of the page being made
local stages = {}        -- page -> {num=, files={...}}: the stage's sources
local bib = {}           -- cited works in order: {key=, text=} (nwbib)
local bib_number = {}    -- key -> its number, [n] as in the printed edition

local function read_file(path)
  local f, err = io.open(path, "r")
  if not f then
    error("chunks.lua: cannot read " .. path .. ": " .. tostring(err))
  end
  local text = f:read("a")
  f:close()
  return text
end

local function read_tsv(path)
  local rows = {}
  local f = io.open(path, "r")
  if not f then
    return rows
  end
  for line in f:lines() do
    local row = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      row[#row + 1] = field
    end
    if #row > 0 and row[1] ~= "" then
      rows[#rows + 1] = row
    end
  end
  f:close()
  return rows
end

-- The argument of a one-argument command in raw TeX, e.g. \nwchunk{c0001}.
local function command_arg(raw, command)
  return raw:match("^%s*\\" .. command .. "%s*{([^{}]*)}%s*$")
end

local function fragment(id)
  return read_file(src .. "/frag-" .. id .. ".html")
end

local function page_href(name)
  return name .. ".html"
end

local function label_link(label)
  local target = labels[label]
  if not target then
    io.stderr:write("chunks.lua: warning: undefined label " .. label .. "\n")
    return pandoc.Str("??")
  end
  local href = "#" .. label
  if target.page ~= this_page then
    href = page_href(target.page) .. href
  end
  -- the web edition has no page numbers: \pageref shows the number too
  local text = target.number ~= "" and target.number or label
  return pandoc.Link({ pandoc.Str(text) }, href, "", { class = "ref" })
end

------------------------------------------------------------------------
-- Pass 1: settings from the metadata and the files beside the input.

local function read_settings(meta)
  if meta.nwsrc then
    src = stringify(meta.nwsrc)
  end
  if meta.nwmode then
    mode = stringify(meta.nwmode)
  end
  for _, row in ipairs(read_tsv(src .. "/pages.tsv")) do
    pages[#pages + 1] = {
      name = row[1],
      num = row[2] or "",
      title = row[3] or row[1],
      has_chapter = row[4] ~= "0",
    }
    page_index[row[1]] = #pages
  end
  for _, row in ipairs(read_tsv(src .. "/idents.tsv")) do
    idents[row[1]] = idents[row[1]] or {}
    table.insert(idents[row[1]], { page = row[2], anchor = row[3] })
  end
  for _, row in ipairs(read_tsv(src .. "/labels.tsv")) do
    labels[row[1]] = { page = row[2], number = row[3] or "" }
  end
  -- book/bibliography.tex: \bibitem{key} text ..., numbered in order
  if meta.nwbib then
    local text = read_file(stringify(meta.nwbib))
    text = text:gsub("%%[^\n]*", "")
    text = text:match("\\begin{thebibliography}%b{}(.-)\\end{thebibliography}") or ""
    local pos = 1
    while true do
      local _, e, key = text:find("\\bibitem{([^}]*)}", pos)
      if not e then
        break
      end
      local nexti = text:find("\\bibitem{", e + 1, true) or (#text + 1)
      bib[#bib + 1] = { key = key, text = text:sub(e + 1, nexti - 1) }
      bib_number[key] = #bib
      pos = nexti
    end
  end
  for _, row in ipairs(read_tsv(src .. "/stages.tsv")) do
    local files = {}
    for f in (row[3] or ""):gmatch("%S+") do
      files[#files + 1] = f
    end
    stages[row[1]] = { num = tonumber(row[2]) or 0, files = files }
  end
end

------------------------------------------------------------------------
-- Pass 2: placeholders, labels and references.

local function chunk_block(raw)
  local id = command_arg(raw, "nwchunk")
  if id then
    return pandoc.RawBlock("html", fragment(id))
  end
  return nil
end

-- \drongofigure{NAME}{caption}: the figure's SVG (book/figures.mk) with
-- its number and caption, as the printed book sets it.
local function figure_block(raw)
  local name, caption = raw:match("^%s*\\drongofigure%s*{([^{}]*)}%s*(%b{})%s*$")
  if not name then
    return nil
  end
  local inl = pandoc.List()
  local doc = pandoc.read(caption:sub(2, -2), "latex+raw_tex")
  if doc.blocks[1] and doc.blocks[1].content then
    inl = doc.blocks[1].content
  end
  local target = labels["fig:" .. name]
  local num = target and target.number or "?"
  local head = pandoc.Strong({ pandoc.Str("Figure " .. num .. ".") })
  local img = pandoc.Image({ pandoc.Str("Figure " .. num) }, "figures/" .. name .. ".svg")
  -- paragraphs, so that the caption sits under the drawing
  local cap = pandoc.Para({ head, pandoc.Space() } .. inl)
  return pandoc.Div({ pandoc.Para({ img }), cap },
    { id = "fig:" .. name, class = "figure" })
end

-- The bibliography page: its heading and numbered entries, [n] as in print.
local function bibliography_block(raw)
  if not raw:match("^%s*\\begin{thebibliography}") then
    return nil
  end
  local out = pandoc.List({ pandoc.Header(1, { pandoc.Str("Bibliography") },
    { id = "bibliography", class = "unnumbered" }) })
  for n, item in ipairs(bib) do
    local doc = pandoc.read(item.text, "latex")
    local inl = pandoc.List({ pandoc.Span({ pandoc.Str("[" .. n .. "]") }, { class = "bibno" }),
      pandoc.Space() })
    if doc.blocks[1] and doc.blocks[1].content then
      inl:extend(doc.blocks[1].content)
    end
    out:insert(pandoc.Div({ pandoc.Para(inl) }, { id = "ref-" .. item.key, class = "bibitem" }))
  end
  return out
end

local function raw_block(el)
  if el.format ~= "latex" and el.format ~= "tex" then
    return nil
  end
  local b = bibliography_block(el.text)
  if b then
    return b
  end
  local chunk = chunk_block(el.text)
  if chunk then
    return chunk
  end
  local fig = figure_block(el.text)
  if fig then
    return fig
  end
  local page = command_arg(el.text, "nwpage")
  if page then
    this_page = this_page or page
    -- keep it: the contents page needs to know where chapters begin
    return nil
  end
  return nil
end

-- A placeholder that pandoc left inside a paragraph.
local function para(el)
  if #el.content == 1 and el.content[1].t == "RawInline" then
    local chunk = chunk_block(el.content[1].text)
    if chunk then
      return chunk
    end
  end
  return nil
end

local function raw_inline(el)
  if el.format ~= "latex" and el.format ~= "tex" then
    return nil
  end
  local id = command_arg(el.text, "nwchunk")
  if id then
    return pandoc.RawInline("html", fragment(id))
  end
  local label = command_arg(el.text, "label")
  if label then
    return pandoc.Span({}, { id = label })
  end
  for _, kind in ipairs({ "ref", "pageref", "autoref", "cref", "Cref", "nameref" }) do
    local target = command_arg(el.text, kind)
    if target then
      return label_link(target)
    end
  end
  return nil
end

-- \cite{a,b} and \cite[section 3]{a}: [1, 3] and [1, section 3], each
-- number a link to the entry on the bibliography page.
local function cite(el)
  local out = pandoc.List({ pandoc.Str("[") })
  for i, c in ipairs(el.citations) do
    if i > 1 then
      out:insert(pandoc.Str(","))
      out:insert(pandoc.Space())
    end
    local n = bib_number[c.id]
    if not n then
      io.stderr:write("chunks.lua: warning: no bibliography entry " .. c.id .. "\n")
      out:insert(pandoc.Str("?"))
    else
      local href = "#ref-" .. c.id
      if this_page ~= "bibliography" then
        href = "bibliography.html" .. href
      end
      out:insert(pandoc.Link({ pandoc.Str(tostring(n)) }, href, "", { class = "cite" }))
    end
    if c.suffix and #c.suffix > 0 then
      out:insert(pandoc.Str(","))
      out:insert(pandoc.Space())
      out:extend(c.suffix)
    end
  end
  out:insert(pandoc.Str("]"))
  return pandoc.Span(out, { class = "citation nobreak" })
end

-- pandoc 3 reads \ref{x} as a link with a reference-type attribute.
local function link(el)
  local kind = el.attributes and el.attributes["reference-type"]
  local target = el.attributes and el.attributes["reference"]
  if kind and target then
    return label_link(target)
  end
  return nil
end

-- Short inline code does not break at its hyphens (-EBADF), and inline
-- code or math keeps the punctuation right after it on its line.
local function code(el)
  if #el.text <= 30 and not el.text:find("%s") then
    el.classes:insert("nobreak")
    return el
  end
  return nil
end

local function inlines(list)
  local out = pandoc.List()
  local i = 1
  while i <= #list do
    local el, nextel = list[i], list[i + 1]
    local glue = nil
    if (el.t == "Math" or el.t == "Code" or el.t == "Link") and nextel and nextel.t == "Str" then
      glue = nextel.text:match("^[%.,;:!%?%)]+")
    end
    if glue then
      out:insert(pandoc.Span({ el, pandoc.Str(glue) }, { class = "nobreak" }))
      local rest = nextel.text:sub(#glue + 1)
      if rest ~= "" then
        out:insert(pandoc.Str(rest))
      end
      i = i + 2
    else
      out:insert(el)
      i = i + 1
    end
  end
  return out
end

-- Quoted code in the prose that names an identifier from @ %def links to
-- its definition: the first one on this page, else the last one before
-- it.  None from a page before every definition, nor in headings or
-- inside links.
local function ident_target(name)
  local defs = idents[name]
  local here = this_page and page_index[this_page]
  if not defs or not here then
    return nil
  end
  local best = nil
  for _, d in ipairs(defs) do
    local k = page_index[d.page] or (#pages + 1)
    if k == here then
      return "#" .. d.anchor
    end
    if k < here then
      best = d
    end
  end
  if not best then
    return nil
  end
  return page_href(best.page) .. "#" .. best.anchor
end

local ident_links = {
  traverse = "topdown",
  Header = function(el)
    return el, false
  end,
  Link = function(el)
    return el, false
  end,
  Code = function(el)
    local target = ident_target(el.text)
    if target then
      return pandoc.Link({ el }, target, "", { class = "ident-ref" }), false
    end
    return nil
  end,
}

------------------------------------------------------------------------
-- Pass 3: numbering, run-in paragraphs, page title and navigation.

local function secno_span(text)
  return pandoc.Span({ pandoc.Str(text) }, { class = "secno" })
end

local function has_class(el, class)
  for _, c in ipairs(el.classes or {}) do
    if c == class then
      return true
    end
  end
  return false
end

-- Number headings in place: level 1 is the chapter (its number comes
-- from the file name), 2 and 3 are sections and subsections.  Returns
-- the list of headings {page=, level=, number=, header=}.
local function number_headers(blocks, first_page)
  local found = {}
  local page = first_page
  local chapter, sec, subsec = "", 0, 0
  local shift = 0
  local function start_page(name)
    page = name
    local p = pages[page_index[name] or 0]
    chapter = p and p.num or ""
    -- without \chapter, pandoc makes \section a level-1 heading
    shift = (p and not p.has_chapter) and 1 or 0
    sec, subsec = 0, 0
  end
  if page then
    start_page(page)
  end
  for _, b in ipairs(blocks) do
    if b.t == "RawBlock" then
      local name = command_arg(b.text, "nwpage")
      if name then
        start_page(name)
      end
    elseif b.t == "Header" and b.level + shift <= 3 then
      b.level = b.level + shift
      local original = b.content
      local number = nil
      if not has_class(b, "unnumbered") and chapter ~= "" then
        if b.level == 1 then
          number = chapter
        elseif b.level == 2 then
          sec, subsec = sec + 1, 0
          number = chapter .. "." .. sec
        else
          subsec = subsec + 1
          number = chapter .. "." .. sec .. "." .. subsec
        end
        local label = number
        if b.level == 1 then
          label = "Chapter " .. number
        end
        local content = pandoc.List({ secno_span(label), pandoc.Space() })
        content:extend(b.content)
        b.content = content
      end
      found[#found + 1] = {
        page = page, level = b.level, number = number, header = b, content = original,
      }
    elseif b.t == "Header" then
      b.level = math.min(b.level + shift, 6)
    end
  end
  return found
end

-- \paragraph{Title.} text: LaTeX runs the title into the paragraph.
local function run_in_paragraphs(blocks)
  local out = pandoc.List()
  local i = 1
  while i <= #blocks do
    local b = blocks[i]
    local nextb = blocks[i + 1]
    if b.t == "Header" and b.level >= 4 and nextb and nextb.t == "Para" then
      local content = pandoc.List({
        pandoc.Span({ pandoc.Strong(b.content) }, { id = b.identifier, class = "runin" }),
        pandoc.Space(),
      })
      content:extend(nextb.content)
      out:insert(pandoc.Para(content))
      i = i + 2
    else
      out:insert(b)
      i = i + 1
    end
  end
  return out
end

local function meta_text(s)
  return pandoc.MetaInlines({ pandoc.Str(s) })
end

local function set_nav(meta, prev, next)
  if prev then
    meta["prev-href"] = pandoc.MetaString(page_href(prev.name))
    meta["prev-title"] = meta_text(prev.title)
    if prev.num ~= "" then
      meta["prev-num"] = meta_text(prev.num)
    end
  end
  if next then
    meta["next-href"] = pandoc.MetaString(page_href(next.name))
    meta["next-title"] = meta_text(next.title)
    if next.num ~= "" then
      meta["next-num"] = meta_text(next.num)
    end
  end
end

local function drop_markers(blocks)
  local out = pandoc.List()
  for _, b in ipairs(blocks) do
    if not (b.t == "RawBlock" and command_arg(b.text, "nwpage")) then
      out:insert(b)
    end
  end
  return out
end

-- The contents page: chapters with their sections, then the index.
-- Each chapter is read here on its own, as its own page is, so that the
-- headings get the same ids.
local function contents(doc)
  local items = pandoc.List()
  for _, p in ipairs(pages) do
    local text = read_file(src .. "/" .. p.name .. ".tex")
    local chapter = pandoc.read(text, "latex+raw_tex")
    local headers = number_headers(pandoc.List(chapter.blocks), p.name)
    local item = {
      link = pandoc.Link({ pandoc.Str(p.title) }, page_href(p.name)),
      sections = pandoc.List(),
    }
    local titled = false
    for _, h in ipairs(headers) do
      local label = pandoc.List()
      if h.number then
        -- the number's box sets the indent; no space after it
        label:insert(pandoc.Span({ pandoc.Str(h.number) }, { class = "secno" }))
      end
      label:extend(h.content)
      if h.level == 1 and not titled then
        item.link = pandoc.Link(label, page_href(p.name))
        titled = true
      elseif h.level == 2 then
        item.sections:insert(pandoc.Link(label, page_href(p.name) .. "#" .. h.header.identifier))
      end
    end
    items:insert(item)
  end
  local list = pandoc.List()
  for _, it in ipairs(items) do
    local entry = pandoc.List({ pandoc.Plain({ it.link }) })
    if #it.sections > 0 then
      local subs = pandoc.List()
      for _, s in ipairs(it.sections) do
        subs:insert({ pandoc.Plain({ s }) })
      end
      entry:insert(pandoc.BulletList(subs))
    end
    list:insert(entry)
  end
  list:insert({ pandoc.Plain({ pandoc.Link({ pandoc.Str("Index of chunks and identifiers") },
    "indexes.html") }) })
  doc.blocks = pandoc.List({
    pandoc.Header(2, { pandoc.Str("Contents") }, { id = "contents" }),
    pandoc.Div({ pandoc.BulletList(list) }, { class = "toc" }),
  })
  doc.meta["is-contents"] = true
  doc.meta.pagetitle = doc.meta.booktitle or meta_text("Contents")
  if pages[1] then
    set_nav(doc.meta, nil, pages[1])
  end
  return doc
end

-- A JSON string, for the search documents.
local function json(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' or c == "\\" then
      return "\\" .. c
    end
    return " "
  end)
  return '"' .. s .. '"'
end

-- The prose of a chapter for the search box: one document per heading, its
-- text up to the next heading (code chunks are documents of their own,
-- written by nwpandoc).  book/html/search-index.js reads them.
local function write_search_docs(blocks, headers, chapter_title)
  local out = {}
  local cur = nil
  local by_header = {}
  for _, h in ipairs(headers) do
    by_header[h.header] = h
  end
  local function flush()
    if cur then
      out[#out + 1] = "{" .. '"id":' .. json(this_page .. ".html#" .. cur.id) ..
        ',"title":' .. json(cur.title) .. ',"where":' .. json(cur.where) ..
        ',"body":' .. json(table.concat(cur.body, " ")) .. "}"
    end
  end
  for _, b in ipairs(blocks) do
    local h = by_header[b]
    if h and h.level <= 3 then
      flush()
      local title = stringify(h.content)
      if h.number then
        title = h.number .. " " .. title
      end
      cur = { id = b.identifier, title = title, body = {},
        where = h.level == 1 and "chapter" or ("section, " .. chapter_title) }
    elseif cur and b.t ~= "RawBlock" and b.t ~= "Header" then
      cur.body[#cur.body + 1] = stringify(b)
    elseif cur and b.t == "Header" then
      cur.body[#cur.body + 1] = stringify(b.content)
    end
  end
  flush()
  local f = io.open(src .. "/search-" .. this_page .. ".jsonl", "w")
  if f then
    f:write(table.concat(out, "\n"), "\n")
    f:close()
  end
end

-- At the top of a chapter: its sections (a list a phone can fold away) and
-- the program as it stands at the end of the chapter, file by file and as
-- one archive (book/html.mk tangles them into src/stageNN/).
local function chapter_head(headers)
  local items = pandoc.List()
  for _, h in ipairs(headers) do
    if h.level == 2 and h.number then
      items:insert({ pandoc.Plain({ pandoc.Link(
        { pandoc.Span({ pandoc.Str(h.number) }, { class = "secno" }), pandoc.Space() } .. h.content,
        "#" .. h.header.identifier) }) })
    end
  end
  local out = pandoc.List()
  if #items > 0 then
    out:insert(pandoc.RawBlock("html",
      '<details class="chapter-toc" open>\n<summary>In this chapter</summary>'))
    out:insert(pandoc.BulletList(items))
    out:insert(pandoc.RawBlock("html", "</details>"))
  end
  local st = stages[this_page]
  if st and #st.files > 0 then
    local dir = string.format("src/stage%02d/", st.num)
    local links = pandoc.List({ pandoc.Strong({ pandoc.Str("Stage " .. st.num) }),
      pandoc.Str(":"), pandoc.Space(), pandoc.Str("the program at the end of this chapter,"),
      pandoc.Space() })
    for i, f in ipairs(st.files) do
      if i > 1 then
        links:insert(pandoc.Space())
      end
      links:insert(pandoc.Link({ pandoc.Code(f) }, dir .. f))
    end
    links:insert(pandoc.Str(";"))
    links:insert(pandoc.Space())
    links:insert(pandoc.Str("all in one:"))
    links:insert(pandoc.Space())
    links:insert(pandoc.Link({ pandoc.Str(string.format("drongo-stage%02d.tar.gz", st.num)) },
      string.format("src/drongo-stage%02d.tar.gz", st.num), "", { class = "download" }))
    out:insert(pandoc.Div({ pandoc.Plain(links) }, { class = "stage-sources" }))
  end
  return out
end

local function finish(doc)
  if mode == "contents" then
    return contents(doc)
  end
  local blocks = pandoc.List(doc.blocks)
  local headers = number_headers(blocks, this_page)
  local k0 = this_page and page_index[this_page]
  if k0 then
    local p = pages[k0]
    write_search_docs(blocks, headers, (p.num ~= "" and (p.num .. ". ") or "") .. p.title)
    -- the head of the chapter goes after its title
    local head = chapter_head(headers)
    for i, b in ipairs(blocks) do
      if b.t == "Header" and b.level == 1 then
        for j = #head, 1, -1 do
          blocks:insert(i + 1, head[j])
        end
        break
      end
    end
  end
  doc.blocks = run_in_paragraphs(drop_markers(blocks))
  local meta = doc.meta
  meta["is-chapter"] = true
  local k = this_page and page_index[this_page]
  if k then
    local p = pages[k]
    meta.pagetitle = meta_text((p.num ~= "" and (p.num .. ". ") or "") .. p.title)
    meta["chapter-page"] = pandoc.MetaString(p.name)
    set_nav(meta, pages[k - 1], pages[k + 1])
    if k == #pages then
      meta["next-href"] = pandoc.MetaString("indexes.html")
      meta["next-title"] = meta_text("Index")
    end
  elseif this_page == "indexes" then
    meta.pagetitle = meta_text("Index")
    meta["is-chapter"] = nil
    local last = pages[#pages]
    if last then
      set_nav(meta, last, nil)
    end
  end
  return doc
end

return {
  { Meta = read_settings },
  { RawBlock = raw_block },
  { Para = para, Plain = para, RawInline = raw_inline, Link = link, Cite = cite },
  ident_links,
  { Code = code },
  { Inlines = inlines },
  { Pandoc = finish },
}
