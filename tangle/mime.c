/* mime.c: content types from file names.  No system calls. */
#include "text.h"
#include "mime.h"

#define UTF8 "; charset=utf-8"

static const struct {
    const char *ext;            /* lower case, without the dot */
    const char *type;
} types[] = {
    { "html", "text/html" UTF8 }, { "htm", "text/html" UTF8 },
    { "css", "text/css" UTF8 }, { "js", "text/javascript" UTF8 },
    { "mjs", "text/javascript" UTF8 }, { "txt", "text/plain" UTF8 },
    { "md", "text/markdown" UTF8 }, { "csv", "text/csv" UTF8 },
    { "tsv", "text/tab-separated-values" UTF8 },
    { "xml", "application/xml" UTF8 }, { "json", "application/json" },
    { "jsonld", "application/ld+json" }, { "map", "application/json" },
    { "webmanifest", "application/manifest+json" },
    { "rss", "application/rss+xml" UTF8 },
    { "atom", "application/atom+xml" UTF8 },
    { "xhtml", "application/xhtml+xml" UTF8 },
    { "c", "text/x-c" UTF8 }, { "h", "text/x-c" UTF8 },
    { "nw", "text/plain" UTF8 }, { "tex", "text/x-tex" UTF8 },
    { "sh", "text/x-shellscript" UTF8 }, { "ics", "text/calendar" UTF8 },
    { "vtt", "text/vtt" UTF8 }, { "srt", "text/plain" UTF8 },
    { "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
    { "gif", "image/gif" }, { "webp", "image/webp" }, { "avif", "image/avif" },
    { "svg", "image/svg+xml" }, { "ico", "image/vnd.microsoft.icon" },
    { "bmp", "image/bmp" }, { "tif", "image/tiff" }, { "tiff", "image/tiff" },
    { "woff", "font/woff" }, { "woff2", "font/woff2" }, { "ttf", "font/ttf" },
    { "otf", "font/otf" }, { "mp3", "audio/mpeg" }, { "ogg", "audio/ogg" },
    { "oga", "audio/ogg" }, { "opus", "audio/ogg" }, { "wav", "audio/wav" },
    { "flac", "audio/flac" }, { "m4a", "audio/mp4" }, { "aac", "audio/aac" },
    { "mp4", "video/mp4" }, { "m4v", "video/mp4" }, { "webm", "video/webm" },
    { "ogv", "video/ogg" }, { "mov", "video/quicktime" },
    { "mkv", "video/x-matroska" }, { "avi", "video/x-msvideo" },
    { "pdf", "application/pdf" }, { "epub", "application/epub+zip" },
    { "zip", "application/zip" }, { "gz", "application/gzip" },
    { "tgz", "application/gzip" }, { "bz2", "application/x-bzip2" },
    { "xz", "application/x-xz" }, { "zst", "application/zstd" },
    { "tar", "application/x-tar" }, { "7z", "application/x-7z-compressed" },
    { "wasm", "application/wasm" }, { "bin", "application/octet-stream" },
    { "iso", "application/x-iso9660-image" },
    { "deb", "application/vnd.debian.binary-package" },
    { "odt", "application/vnd.oasis.opendocument.text" },
    { "ods", "application/vnd.oasis.opendocument.spreadsheet" },
    { "docx", "application/vnd.openxmlformats-officedocument."
              "wordprocessingml.document" },
    { "xlsx", "application/vnd.openxmlformats-officedocument."
              "spreadsheetml.sheet" },
};

const char *mime_type(const char *name, size_t len)
{
    size_t dot = len;

    for (size_t i = len; i > 0 && name[i - 1] != '/'; i--)
        if (name[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    if (dot + 1 < len)
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (text_span_ieq(name + dot + 1, len - dot - 1,
                              types[i].ext))
                return types[i].type;
    return "application/octet-stream";
}
