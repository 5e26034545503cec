// Package output is the only code in errgen that touches the disk. It
// works as Terraform does: NewPlan compares the rendered files with the
// disk and returns a Plan, a list of typed changes; `errgen check` prints
// it and `errgen generate` applies it, so the two verbs cannot disagree
// about what differs.
//
// What the writer promises:
//   - It never writes, replaces or deletes through a symbolic link, nor
//     outside an output folder: every path it will touch, the lines of
//     its manifests included, is checked on the real file system before
//     anything changes, and the plan is refused if one passes through a
//     link or leaves its folder. The changes themselves go through an
//     os.Root, which refuses an escape at the moment of each call.
//   - It never overwrites or deletes a file it did not write: a file is
//     errgen's when its folder's manifest lists it (and is what the
//     manifest claims: a file, not a folder or a link) or it is errgen's
//     own generated Go. A Go package folder (Dir.Headed) has no manifest:
//     errgen's files there are those that start with its generated-code
//     header and bear a name errgen writes.
//   - Unchanged files are not touched (their mtimes stay).
//   - A failed or interrupted run changes no output. A folder that is
//     errgen's alone (Dir.Alone: the site) is built beside the old one
//     and swapped in with one atomic rename, so even a kill -9 leaves
//     either the old folder or the new one. A folder shared with the
//     user's files (a Go package, a schema folder beside hand-written
//     files) is changed file by file: every new file is first written to
//     a staging folder inside it and only then renamed over its target,
//     so a kill -9 during those renames can leave some outputs new and
//     the rest old, with the staging folder beside them; `errgen check`
//     then reports the staging folder as left by an interrupted run, and
//     the next generate removes it and finishes the job.
package output

import (
	"fmt"
	"path"
	"path/filepath"
)

// ManifestName is the file in an output folder that lists what errgen
// wrote there for one kind of output, so a later run deletes only its own
// stale files. Each kind has its own (".errgen-go.manifest", ...), so two
// kinds may share a folder without deleting each other's files.
func ManifestName(kind string) string {
	if kind == "" {
		return ".errgen.manifest"
	}
	return ".errgen-" + kind + ".manifest"
}

// File is one rendered output, its path relative to its Dir, with / separators.
type File struct {
	Path string
	Data []byte
}

// Dir is one output folder and everything errgen renders into it for one
// kind of output ("go", "schema", "site").
//
// Alone says the folder holds errgen's files only (the site: its
// manifest covers everything in it). Anything else found in it is a
// stray, which check reports and generate refuses to lose, and a commit
// swaps the folder as a whole. Alone is ignored when another output
// folder of the plan is the same folder or inside it, or when the
// working directory is inside it.
type Dir struct {
	Root  string
	Kind  string
	Alone bool
	Files []File

	// Headed, when set, says the folder needs no manifest: every file
	// errgen writes there starts with errgen's generated-code header (a Go
	// package, which a hidden file would only clutter). Headed reports
	// whether errgen writes a file of that name there in some run. A .go
	// file at the top of the folder with the header and such a name is
	// errgen's (stale once no longer rendered); one with the header and
	// another name is a stray, which generate refuses to leave beside its
	// package. The user's other files are left alone. A manifest an older
	// errgen left is read as claims one last time and deleted.
	Headed func(name string) bool
}

// ChangeKind says how a path on disk differs from the rendered outputs.
type ChangeKind int

const (
	// Create: an output that is not on disk yet.
	Create ChangeKind = iota + 1
	// Update: an output on disk whose content differs.
	Update
	// Delete: a file errgen wrote earlier and no longer renders.
	Delete
	// Foreign: a file errgen did not write where an output (or a folder
	// of one) goes; generate will not overwrite it.
	Foreign
	// Stray: a file errgen did not write and would not write, in a folder
	// that is errgen's alone (generate will not lose it), or a file with
	// errgen's generated-code header under a name errgen does not write,
	// in a Go package folder (generate will not leave it there).
	Stray
	// Unsafe: a path that passes through a symbolic link or leaves its
	// output folder; generate writes and deletes through neither.
	Unsafe
	// Leftover: what an interrupted run left (a staging folder, or an old
	// or unfinished copy of a folder); generate removes it.
	Leftover
)

var kindNames = [...]string{Create: "missing", Update: "differs", Delete: "stale", Foreign: "foreign", Stray: "stray", Unsafe: "unsafe", Leftover: "leftover"}

// String is the kind's one-word name, as check prints it.
func (k ChangeKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("ChangeKind(%d)", int(k))
}

// Refused reports whether generate refuses a plan holding such a change.
func (k ChangeKind) Refused() bool { return k == Foreign || k == Stray || k == Unsafe }

// Change is one difference between the rendered files and the disk.
type Change struct {
	Path string // joined with the Dir's root, / separated
	Kind ChangeKind
	Why  string // for Foreign, Unsafe and Leftover: what was found
}

// String is the line check prints for the change.
func (c Change) String() string {
	var s string
	switch c.Kind {
	case Create:
		s = "missing (generate writes it)"
	case Update:
		s = "differs"
	case Delete:
		s = "stale (errgen wrote it and no longer does; generate deletes it)"
	case Foreign:
		s = "foreign (errgen did not write it and will not overwrite it; move it or delete it)"
	case Stray:
		if c.Why != "" {
			return c.Path + ": stray (" + c.Why + ")"
		}
		s = "stray (errgen did not write it, in a folder errgen writes alone; move it or delete it)"
	case Unsafe:
		s = "unsafe (errgen writes and deletes through no link and nowhere outside its folder; remove it)"
	case Leftover:
		s = "left by an interrupted run (generate removes it)"
	default:
		s = c.Kind.String()
	}
	if c.Why != "" {
		s += ": " + c.Why
	}
	return c.Path + ": " + s
}

// Stats counts what Apply did.
type Stats struct {
	Written, Unchanged, Deleted int
}

// joinSlash joins a root as given with a relative path, / separated.
func joinSlash(root, rel string) string {
	return path.Join(filepath.ToSlash(root), rel)
}
