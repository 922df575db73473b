/* tests/fuzz/mime.c: mime_type. */
#include "fuzz.h"
#include "mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *name = fuzz_copy(data, size, 0);
    char *lower = fuzz_copy(data, size, 0);
    const char *type = mime_type(name, size), *dot = NULL;

    require(type != NULL && strchr(type, '/') != NULL,
            "a type is type/subtype");
    for (size_t i = 0; i < size; i++)
        if (lower[i] >= 'A' && lower[i] <= 'Z')
            lower[i] = (char)(lower[i] - 'A' + 'a');
    require(mime_type(lower, size) == type, "case does not matter");
    for (size_t i = size; i > 0 && name[i - 1] != '/' && !dot; i--)
        if (name[i - 1] == '.')
            dot = name + i - 1;
    if (dot == NULL || dot + 1 == name + size)
        require(strcmp(type, "application/octet-stream") == 0,
                "a name without an extension is application/octet-stream");
    else
        require(mime_type(dot, (size_t)(name + size - dot)) == type,
                "only the extension of the last segment matters");
    free(name);
    free(lower);
    return 0;
}
