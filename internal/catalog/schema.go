package catalog

import (
	"encoding/json"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/schema"
)

var (
	unknownKey = regexp.MustCompile(`^additionalProperties ('.*') not allowed$`)
	entryPtr   = regexp.MustCompile(`^/errors/(\d+)(?:/|$)`)
)

// validateSchema checks a file's value tree against catalog.schema.json and
// turns every failing leaf into a positioned message. It marks in bad
// which entries (by index in the errors list) have a mistake, and -1 for
// one outside every entry; parts already marked get no messages. Entries
// are checked one by one, and no more once MaxMessages mistakes are
// found: a catalog of a million broken entries costs no more than one of
// a few hundred.
func validateSchema(v any, t *tree, x index, bad map[int]bool) {
	skip := maps.Clone(bad)
	if _, err := compiledCatalogSchema(); err != nil {
		t.errs.at(Pos{File: t.file, Line: 1, Col: 1}, "internal: catalog schema does not compile: %v", err)
		bad[-1] = true
		return
	}
	top, _ := v.(map[string]any)
	list, _ := top["errors"].([]any)
	if len(list) > 1 {
		// Entry 0 is checked with the top level (the list has minItems).
		top["errors"] = list[:1]
		defer func() { top["errors"] = list }()
	}
	check := func(s *jsonschema.Schema, v any, prefix string) {
		var ve *jsonschema.ValidationError
		if errors.As(s.Validate(v), &ve) {
			report(ve, prefix, t, x, bad, skip)
		}
	}
	check(catalogSchema, v, "")
	for i := 1; i < len(list); i++ {
		if skip[i] {
			continue
		}
		if t.errs.count() >= MaxMessages {
			n, _ := x.find("/errors/" + strconv.Itoa(i))
			t.errs.stop(n.pos(t.file))
			for ; i < len(list); i++ {
				bad[i] = true
			}
			return
		}
		check(entrySchema, list[i], "/errors/"+strconv.Itoa(i))
	}
}

// report adds a message for every failing leaf of ve, whose locations are
// under prefix.
func report(ve *jsonschema.ValidationError, prefix string, t *tree, x index, bad, skip map[int]bool) {
	seen := map[string]bool{}
	for _, leaf := range leaves(ve) {
		loc := prefix + leaf.InstanceLocation
		part := -1
		if m := entryPtr.FindStringSubmatch(loc); m != nil {
			part, _ = strconv.Atoi(m[1])
		}
		bad[part] = true
		if skip[part] {
			continue
		}
		m := unknownKey.FindStringSubmatch(leaf.Message)
		// One message per place and kind: the first rule that failed there
		// (of a oneOf's branches, say), but an unknown key and a missing
		// one both, since the one is often a typo of the other.
		kind := loc + " " + strconv.FormatBool(m != nil) + strconv.FormatBool(strings.HasPrefix(leaf.Message, "missing properties"))
		if seen[kind] {
			continue
		}
		seen[kind] = true
		if m != nil {
			known := schemaKeys(leaf.AbsoluteKeywordLocation)
			for _, k := range strings.Split(m[1], ", ") {
				k = strings.ReplaceAll(strings.Trim(k, "'"), `\'`, "'")
				// Point at the unknown key itself, not at its value.
				p, ok := x.find(loc + "/" + EscapePointer(k))
				if ok && p.keyLine != 0 {
					p.line, p.col = p.keyLine, p.keyCol
				}
				t.errs.at(p.pos(t.file), "unknown key %q%s%s", k, where(loc), didYouMean(k, known))
			}
			continue
		}
		msg := leaf.Message
		if msg == "expected string, but got object" {
			// The usual cause: plain YAML text with ": " in it.
			msg += ` (plain text containing ": " starts a mapping; quote it or use >-)`
		}
		p, _ := x.find(loc)
		t.errs.at(p.pos(t.file), "%s%s", msg, where(loc))
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

var rawSchema = sync.OnceValue(func() any {
	var v any
	_ = json.Unmarshal(schema.Catalog, &v)
	return v
})

// schemaKeys lists the properties the schema declares where an
// additionalProperties rule failed, read from the schema itself so the
// suggestions follow it: "...catalog.schema.json#/$defs/error/additionalProperties"
// names the object schema at /$defs/error.
func schemaKeys(absLoc string) []string {
	_, ptr, ok := strings.Cut(absLoc, "#")
	if !ok {
		return nil
	}
	v := rawSchema()
	for seg := range strings.SplitSeq(strings.TrimSuffix(strings.TrimPrefix(ptr, "/"), "additionalProperties"), "/") {
		if seg == "" {
			continue
		}
		switch n := v.(type) {
		case map[string]any:
			v = n[pointerUnescaper.Replace(seg)]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n) {
				return nil
			}
			v = n[i]
		default:
			return nil
		}
	}
	obj, _ := v.(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
