//go:build !linux

package output

// exchange swaps two folders. Without renameat2 it takes two renames:
// between them the folder b is briefly missing (never mixed).
func exchange(a, b string) error { return exchangeByRenames(a, b) }

// mountPoint: not detected here; a swap that fails changes nothing.
func mountPoint(string) bool { return false }
