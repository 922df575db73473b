/* rules.h: how long drongo waits for a client, and how little it
 * accepts from one.  Only names. */
#ifndef DRONGO_RULES_H
#define DRONGO_RULES_H

#define KEEPALIVE_REQUESTS_MAX 1000 /* per connection; the last: close */
#define KEEPALIVE_SECONDS_MAX 300   /* -k's default: a connection's life */
#define SEND_MIN_BYTES 1024         /* a reader takes this per -t, or is
                                       cut off */
#define BODY_MIN_BYTES 1024         /* a body brings this per -t, or 408 */
#define GRACE_SECONDS 10            /* at a stop: what is under way may
                                       finish within this */

#endif
