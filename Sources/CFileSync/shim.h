#include <stdint.h>

// sync_file_range(2): starts writing a file's dirty pages out, without waiting for them. glibc
// declares it only under _GNU_SOURCE, which the Swift Glibc module is built without.
extern int sync_file_range(int fd, int64_t offset, int64_t nbytes, unsigned int flags);

// SYNC_FILE_RANGE_WRITE of <fcntl.h>: start writeback of the range's dirty pages.
static const unsigned int enkat_sync_file_range_write = 2;
