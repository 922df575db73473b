/* file.h: opening files beneath the docroot. */
#ifndef DRONGO_FILE_H
#define DRONGO_FILE_H

#include "sys.h"
#include "http.h"

long file_open_docroot(const char *dir);        /* fd | -errno */
long file_open_beneath(int root, const char *rel); /* fd | -errno */
enum status file_status(long err);


#endif
