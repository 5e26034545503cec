//go:build !linux

package output

// exchange swaps two folders. Without renameat2 it takes two renames:
// between them the folder b is briefly missing (never mixed).
func exchange(a, b string) error { return exchangeByRenames(a, b) }
