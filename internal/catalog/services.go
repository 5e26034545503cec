package catalog

import (
	"fmt"
	"strings"
)

// Services: the platform catalog (the base file) registers the services
// that add errors of their own; a service's catalog file names its
// service (service: keys) and is always layered over the platform
// catalog. Every slug of a service starts with its name and "-", and no
// platform slug may start so, so that no platform release can take a slug
// a service already uses: a service's go generate cannot break on upgrade.
// The docs host renders one site from the platform catalog and the files
// of the services it lists (Service.Catalog), so every type URI a service
// emits has a page.

// Service is a service that adds errors over the platform catalog.
type Service struct {
	// Name is the service's namespace: its slugs start with Name + "-".
	Name string `yaml:"name"`
	// Title is its human name ("Key Management service").
	Title string `yaml:"title"`
	// Catalog, in the platform catalog's list, is the path of a copy of
	// the service's catalog file, relative to the platform catalog file:
	// the docs host renders its errors too. "" when the platform only
	// reserves the namespace.
	Catalog string `yaml:"catalog"`
	// GoPackage, in the platform catalog's list, is the import path of
	// the Go package the service generates, for the docs' Go snippets;
	// "" when it has none to show.
	GoPackage string `yaml:"go_package"`

	pos index
}

// Label names the service for a reader: its title and name, or its name.
func (s *Service) Label() string {
	if s.Title == "" {
		return "the " + s.Name + " service"
	}
	return "the " + s.Title + " (" + s.Name + ")"
}

// Prefix is the start of every slug of the service.
func (s *Service) Prefix() string { return s.Name + "-" }

// PosOf is the position of a node under the service's entry in the
// platform catalog's list, e.g. "/catalog".
func (s *Service) PosOf(file, sub string) Pos {
	n, _ := s.pos.find(sub)
	return n.pos(file)
}

// layer is a file that added errors over the platform catalog.
type layer struct {
	src     string
	service string // "" when the file does not say
	at      Pos    // its service key, or its start
	broken  bool   // its top level did not load: nothing to say about it
}

// isBase says whether a file's top level makes it a platform catalog: a
// base_uri and no service.
func isBase(top map[string]any) bool {
	_, base := top["base_uri"]
	_, service := top["service"]
	return base && !service
}

// BaseFile is the file the platform catalog came from (its services'
// catalog paths are relative to it).
func (c *Catalog) BaseFile() string { return c.metaFile }

// Registered is the service of that name in the platform's list, or nil.
func (c *Catalog) Registered(name string) *Service {
	for _, s := range c.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// HasService says whether a file of the named service is loaded.
func (c *Catalog) HasService(name string) bool {
	for _, l := range c.layers {
		if l.service == name {
			return true
		}
	}
	return false
}

// mergeService takes the services list from the platform file and
// records every other file as a layer; it returns the service the file's
// errors belong to (nil for the platform's).
func (c *Catalog) mergeService(f *file, base bool) *Service {
	strayKeys := []string{"services"}
	if base {
		c.Services = f.Services
		for i, s := range c.Services {
			s.pos = f.meta["services"].subtree(f.meta["services"][0].first + int32(i))
		}
		strayKeys = []string{"title"}
	}
	for _, k := range strayKeys {
		if x, ok := f.meta[k]; ok {
			n, _ := x.find("")
			msg := "services belongs to the platform catalog (the file with base_uri and no service); a service's file is registered there"
			if base {
				msg = "title names a service: it belongs to a service's catalog file, beside service:"
			}
			c.strays = append(c.strays, Diagnostic{Pos: Pos{File: f.src, Line: int(n.keyLine), Col: int(n.keyCol)}, Msg: msg})
		}
	}
	if base {
		return nil
	}
	l := layer{src: f.src, service: f.Service, at: Pos{File: f.src, Line: 1, Col: 1}, broken: f.broken}
	if x, ok := f.meta["service"]; ok {
		n, _ := x.find("")
		l.at = n.pos(f.src)
	}
	c.layers = append(c.layers, l)
	if f.Service == "" {
		return nil
	}
	s := &Service{Name: f.Service, Title: f.Title}
	if r := c.Registered(f.Service); r != nil {
		s.GoPackage = r.GoPackage
		if s.Title == "" {
			s.Title = r.Title
		}
	}
	c.Service, c.Title = s.Name, s.Title
	return s
}

// services checks the namespaces: the platform's list, each file over
// it, and every slug and alias against the services that own them.
func (l *linter) services(partial bool) {
	c := l.c
	for i, s := range c.Services {
		for _, o := range c.Services[:i] {
			switch {
			case o.Name == s.Name:
				l.errs.at(s.PosOf(c.metaFile, "/name"), "service %q is registered twice (first at %s)", s.Name, o.PosOf(c.metaFile, "/name"))
			case strings.HasPrefix(s.Prefix(), o.Prefix()) || strings.HasPrefix(o.Prefix(), s.Prefix()):
				l.errs.at(s.PosOf(c.metaFile, "/name"), "service %q and %q (at %s) overlap: one's slugs would start with the other's %s", s.Name, o.Name, o.PosOf(c.metaFile, "/name"), min(s.Prefix(), o.Prefix()))
			}
		}
	}
	for _, ly := range c.layers {
		switch {
		case ly.broken || partial:
		case ly.service == "":
			l.errs.at(ly.at, "this file adds errors but names no service: add service: NAME, registered in the platform catalog's services list, so that its slugs are its own and its type URIs have pages on the docs host (README: Service errors and the docs host)")
		case c.Registered(ly.service) == nil && strings.HasPrefix(c.metaFile, "builtin:"):
			l.errs.at(ly.at, "service %q is not registered in the platform catalog built into errgen: register it there (services: [{name: %s, title: ...}] in errgen's catalog/errors.yaml), so that no platform release can take a %s slug; until a release carries it, pass a copy of the platform catalog that registers it first (-catalog platform.yaml -catalog %s)", ly.service, ly.service, ly.service+"-", ly.src)
		case c.Registered(ly.service) == nil:
			l.errs.at(ly.at, "service %q is not registered in the platform catalog (%s): add {name: %s, title: ..., catalog: ...} to its services list, so that no platform release can take a %s slug", ly.service, c.metaFile, ly.service, ly.service+"-")
		}
	}
	for _, e := range c.Errors {
		l.namespace(e, "/slug", e.Slug)
		for i, a := range e.Aliases {
			l.namespace(e, fmt.Sprintf("/aliases/%d", i), a)
		}
	}
}

// namespace checks one slug (or alias) of e: a service's starts with its
// prefix; any other does not start with a registered service's.
func (l *linter) namespace(e *Entry, sub, slug string) {
	if e.Service != nil {
		if !strings.HasPrefix(slug, e.Service.Prefix()) {
			l.errs.at(l.c.at(e, sub), "%q is not in the namespace of service %q: its slugs and aliases start with %q (%s%s)", slug, e.Service.Name, e.Service.Prefix(), e.Service.Prefix(), slug)
		}
		return
	}
	for _, s := range l.c.Services {
		if strings.HasPrefix(slug, s.Prefix()) {
			l.errs.at(l.c.at(e, sub), "%q is in the namespace of the registered service %q: slugs starting with %q are that service's alone", slug, s.Name, s.Prefix())
		}
	}
}
