package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func files(kv ...string) []File {
	var fs []File
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, File{Path: kv[i], Data: []byte(kv[i+1])})
	}
	return fs
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// write plans and applies dirs, as generate does.
func write(dirs []Dir) (Stats, error) {
	return writeWith(dirs, nil)
}

// writeWith is write with a hook called before every step of Apply.
func writeWith(dirs []Dir, hook func(step string) error) (Stats, error) {
	p, err := NewPlan(dirs)
	if err != nil {
		return Stats{}, err
	}
	p.hook = hook
	return p.Apply(context.Background())
}

// check plans dirs and returns the changes, as check prints them.
func check(t *testing.T, dirs []Dir) []Change {
	t.Helper()
	p, err := NewPlan(dirs)
	if err != nil {
		t.Fatal(err)
	}
	return p.Changes()
}

// kinds returns the changes as "path kind" lines, root replaced by ROOT.
func kinds(root string, changes []Change) []string {
	var out []string
	for _, c := range changes {
		out = append(out, strings.Replace(c.Path, filepath.ToSlash(root), "ROOT", 1)+" "+c.Kind.String())
	}
	return out
}

// failAt fails the n-th step whose description starts with prefix.
func failAt(prefix string, n int) func(string) error {
	return func(step string) error {
		if strings.HasPrefix(step, prefix) {
			if n--; n == 0 {
				return errors.New("injected failure at " + step)
			}
		}
		return nil
	}
}

// tree lists every file, folder and link below root, with file contents
// and link targets.
func tree(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			b.WriteString("->" + target)
		case !d.IsDir():
			b.WriteString("=" + read(t, p))
		}
		b.WriteString(";\n")
		return nil
	})
	return b.String()
}

// both runs a test for a shared folder and for a folder errgen writes alone.
func both(t *testing.T, f func(t *testing.T, alone bool)) {
	t.Run("shared", func(t *testing.T) { f(t, false) })
	t.Run("alone", func(t *testing.T) { f(t, true) })
}

func has(changes []Change, c Change) bool {
	return slices.ContainsFunc(changes, func(x Change) bool { return x.Path == c.Path && x.Kind == c.Kind })
}
