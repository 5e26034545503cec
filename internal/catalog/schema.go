package catalog

import (
	"errors"
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

var unknownKey = regexp.MustCompile(`^additionalProperties ('.*') not allowed$`)

// validateSchema checks a file's value tree against catalog.schema.json and
// turns every failing leaf into a positioned message.
func validateSchema(v any, t *tree, x index) {
	s, err := compiledCatalogSchema()
	if err != nil {
		t.errs.at(Pos{File: t.file, Line: 1, Col: 1}, "internal: catalog schema does not compile: %v", err)
		return
	}
	err = s.Validate(v)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return
	}
	seen := map[string]bool{}
	for _, leaf := range leaves(ve) {
		if seen[leaf.InstanceLocation] {
			continue // one message per place: the first rule that failed there
		}
		seen[leaf.InstanceLocation] = true
		if m := unknownKey.FindStringSubmatch(leaf.Message); m != nil {
			for _, k := range strings.Split(m[1], ", ") {
				k = strings.ReplaceAll(strings.Trim(k, "'"), `\'`, "'")
				// Point at the unknown key itself, not at its value.
				p, ok := x.find(leaf.InstanceLocation + "/" + escapePointer(k))
				if ok && p.keyLine != 0 {
					p.line, p.col = p.keyLine, p.keyCol
				}
				t.errs.at(p.pos(t.file), "unknown key %q%s", k, where(leaf.InstanceLocation))
			}
			continue
		}
		msg := leaf.Message
		if msg == "expected string, but got object" {
			// The usual cause: plain YAML text with ": " in it.
			msg += ` (plain text containing ": " starts a mapping; quote it or use >-)`
		}
		p, _ := x.find(leaf.InstanceLocation)
		t.errs.at(p.pos(t.file), "%s%s", msg, where(leaf.InstanceLocation))
	}
}

// leaves returns the innermost causes: the rules that actually failed.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// where names the place in words ("in errors/3/retry") so a message is
// clear even without an editor at hand.
func where(ptr string) string {
	if ptr == "" {
		return " at the top level"
	}
	return " (at " + strings.TrimPrefix(ptr, "/") + ")"
}
