package problem

import "log/slog"

// LogValue makes a problem log as a group, so that
//
//	slog.Error("listing keys", "err", p)
//
// writes what the body leaves out: type (the slug of a problem with a
// descriptor, else the type URI), status, detail, instance, request_id
// (once served, see RequestID), cause (the text of the error given with
// Cause: hosts, ports, syscalls, panics) and refused (members Set
// refused). The cause goes to the log only; the body never carries it.
func (p *Problem) LogValue() slog.Value {
	typ := p.Type
	if p.typ != nil && p.typ.Slug != "" {
		typ = p.typ.Slug
	}
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs, slog.String("type", typ), slog.Int("status", p.Status))
	if p.Detail != "" {
		attrs = append(attrs, slog.String("detail", p.Detail))
	}
	if p.Instance != "" {
		attrs = append(attrs, slog.String("instance", p.Instance))
	}
	if id := p.RequestID(); id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	}
	if p.cause != nil {
		attrs = append(attrs, slog.String("cause", p.cause.Error()))
	}
	if len(p.refused) > 0 {
		attrs = append(attrs, slog.Any("refused", p.refused))
	}
	return slog.GroupValue(attrs...)
}
