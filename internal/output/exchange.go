package output

import "os"

// exchangeByRenames swaps two folders with three renames: b is missing
// between the first two, but never holds a mix of both.
func exchangeByRenames(a, b string) error {
	old := a + "-old"
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
