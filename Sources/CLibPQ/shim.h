// Debian's libpq-dev puts the header under /usr/include/postgresql.
#include <postgresql/libpq-fe.h>
