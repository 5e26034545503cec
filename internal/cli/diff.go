package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/diff"
)

const diffUsage = `usage: errgen diff [-catalog FILE] OLD NEW
       errgen diff [-catalog FILE] REV
       errgen diff [-catalog FILE] -release

Compare two catalog files, or the catalog (-catalog, default
catalog/errors.yaml) with the same file at git revision REV. Prints one
line per change, FILE:LINE:COL: breaking|compatible: SLUG: what changed,
then a summary. -release compares with the last release: the newest git
tag catalog/vX.Y.Z, else the commit before the change (HEAD when the file
differs from it, else HEAD~1), and passes when there is none.

Exit 1 when a change breaks clients or Go services and the new version is
not a major bump, or when NEW is a later release whose history does not
record what changed (a changed error missing from its release's changes);
2 when the catalogs cannot be compared.
`

// diffFlags is errgen diff's flag set, for its run and for help.
func diffFlags() (fs *flag.FlagSet, path *string, release *bool) {
	fs = flag.NewFlagSet("diff", flag.ContinueOnError)
	path = fs.String("catalog", defaultCatalog, "the working catalog `FILE` that REV is compared with")
	release = fs.Bool("release", false, "compare with the last release (tag catalog/vX.Y.Z, else the previous commit)")
	return fs, path, release
}

// diffCmd is errgen diff: read both catalogs, compare, print the changes.
func diffCmd(args []string, stdout, stderr io.Writer) int {
	fs, path, release := diffFlags()
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, diffUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	old, new, code, ok := diffSources(fs, *path, *release, stderr)
	if !ok {
		return code
	}
	oc, err1 := catalog.Load(old)
	nc, err2 := catalog.Load(new)
	if err := errors.Join(err1, err2); err != nil {
		fmt.Fprintf(stderr, "%v\nerrgen diff: cannot compare catalogs that do not load\n", err)
		return exitUsage
	}
	r := diff.Compare(oc, nc)
	for _, c := range r.Changes {
		fmt.Fprintln(stdout, c)
	}
	if len(r.Changes) > 0 {
		fmt.Fprintln(stdout, r.Summary())
	}
	// The history must record the changes for the site's dates to be right.
	unrecorded := diff.Unrecorded(oc, nc, r)
	for _, d := range unrecorded {
		fmt.Fprintln(stdout, d)
	}
	if !r.OK() || len(unrecorded) > 0 {
		return exitFail
	}
	return exitOK
}

// diffSources reads the two catalogs the arguments name; ok false means
// the caller returns code.
func diffSources(fs *flag.FlagSet, path string, release bool, stderr io.Writer) (old, new catalog.Source, code int, ok bool) {
	var err error
	switch n := fs.NArg(); {
	case release && n == 0:
		rev, why := releaseRev(path)
		if rev == "" {
			fmt.Fprintf(stderr, "errgen diff: nothing to compare %s with: %s\n", path, why)
			return old, new, exitOK, false
		}
		fmt.Fprintf(stderr, "errgen diff: comparing %s with %s (%s)\n", path, rev, why)
		if new, err = catalog.ReadFile(path); err == nil {
			old, err = gitShow(rev, path)
		}
	case release:
		fmt.Fprintln(stderr, "errgen diff: -release takes no arguments")
		return old, new, exitUsage, false
	case n == 1:
		if new, err = catalog.ReadFile(path); err == nil {
			old, err = gitShow(fs.Arg(0), path)
		}
	case n == 2:
		if old, err = catalog.ReadFile(fs.Arg(0)); err == nil {
			new, err = catalog.ReadFile(fs.Arg(1))
		}
	default:
		fmt.Fprintf(stderr, "errgen diff: want OLD NEW or REV, got %d arguments\n", fs.NArg())
		fs.Usage()
		return old, new, exitUsage, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "errgen diff: %v\n", err)
		return old, new, exitUsage, false
	}
	return old, new, exitOK, true
}

// gitShow reads path as it was at git revision rev; the Source is named
// REV:PATH so messages and removals say where they come from.
func gitShow(rev, path string) (catalog.Source, error) {
	if strings.HasPrefix(rev, "-") {
		return catalog.Source{}, fmt.Errorf("revision %q: a revision does not start with -", rev)
	}
	spec := rev + ":" + gitPath(path)
	var out, errb bytes.Buffer
	cmd := exec.Command("git", "show", spec)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return catalog.Source{}, fmt.Errorf("cannot read %s from git: %s", spec, msg)
	}
	if out.Len() > catalog.MaxFileSize {
		return catalog.Source{}, fmt.Errorf("%s is over the %d-byte limit", spec, catalog.MaxFileSize)
	}
	return catalog.Source{Name: rev + ":" + strings.TrimPrefix(path, "./"), Data: out.Bytes()}, nil
}

var releaseTag = regexp.MustCompile(`^catalog/v(\d+\.\d+\.\d+)$`)

// releaseRev is what -release compares the catalog at path with, and why;
// rev is "" when there is nothing to compare with (no repository, a first
// commit, a shallow clone without the commit before, a new file).
func releaseRev(path string) (rev, why string) {
	if _, err := git("rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err != nil {
		return "", "not in a git repository with a commit"
	}
	best := ""
	tags, _ := git("tag", "--list", "catalog/v*")
	for _, t := range strings.Fields(tags) {
		if m := releaseTag.FindStringSubmatch(t); m != nil && (best == "" || catalog.CompareVersions(m[1], best[len("catalog/v"):]) > 0) {
			best = t
		}
	}
	switch {
	case best != "":
		rev, why = best, "the newest release tag"
	case gitOK("diff", "--quiet", "HEAD", "--", path):
		if !gitOK("rev-parse", "--verify", "--quiet", "HEAD~1^{commit}") {
			return "", "no commit before HEAD (a first commit, or a shallow clone: fetch with --depth=2 or fetch the tags)"
		}
		rev, why = "HEAD~1", "no release tag: the commit before HEAD"
	default:
		rev, why = "HEAD", "no release tag: the last commit, which the file differs from"
	}
	if !gitOK("cat-file", "-e", rev+":"+gitPath(path)) {
		return "", path + " is new since " + rev
	}
	return rev, why
}

// gitPath names path for REV:PATH relative to the working directory
// (git's ./ form), absolute paths included.
func gitPath(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil {
				path = rel
			}
		}
	}
	return "./" + filepath.ToSlash(filepath.Clean(path))
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	return string(out), err
}

func gitOK(args ...string) bool {
	_, err := git(args...)
	return err == nil
}
