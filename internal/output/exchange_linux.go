package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders with one atomic renameat2(RENAME_EXCHANGE):
// at every instant each name holds one whole folder. A file system that
// cannot exchange gets the two-rename fallback.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return exchangeByRenames(a, b)
	}
	if err != nil {
		return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
	}
	return nil
}
