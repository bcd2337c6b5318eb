package changelog

import (
	"encoding/json"
	"fmt"
	"strings"
)

const breakingMark = " (Breaking ⚠️)"

// Markdown renders the report for a pull request description.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("## Go SDK Changes\n\n")
	if r.Empty() {
		b.WriteString("No changes to the Go SDK.\n")
		return b.String()
	}
	if r.Breaking() {
		b.WriteString("This change **breaks** code written against the previous SDK.\n\n")
	}
	section := func(title string, entries []*Entry, groupAdded bool) {
		if len(entries) == 0 {
			return
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		if groupAdded {
			// New models are many and need no detail: one line for all.
			var added []string
			var rest []*Entry
			for _, e := range entries {
				if e.Kind == Added && len(e.Changes) == 0 {
					added = append(added, "`"+e.Name+"`")
				} else {
					rest = append(rest, e)
				}
			}
			if len(added) > 0 {
				fmt.Fprintf(&b, "* **Added**: %s\n", strings.Join(added, ", "))
			}
			entries = rest
		}
		for _, e := range entries {
			fmt.Fprintf(&b, "* `%s`", e.Name)
			if e.Kind != "" {
				fmt.Fprintf(&b, " **%s**", e.Kind)
				if e.Kind == Removed {
					b.WriteString(breakingMark)
				}
			}
			if len(e.Changes) > 0 {
				b.WriteString(":")
			}
			b.WriteString("\n")
			for _, c := range e.Changes {
				b.WriteString("  * ")
				if c.Path != "" {
					fmt.Fprintf(&b, "`%s` ", c.Path)
				}
				fmt.Fprintf(&b, "**%s**", c.Kind)
				if c.Breaking {
					b.WriteString(breakingMark)
				}
				if c.Detail != "" {
					fmt.Fprintf(&b, ": `%s`", strings.ReplaceAll(c.Detail, "`", "'"))
				}
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	section("Methods", r.Methods, false)
	section("Models", r.Models, true)
	return b.String()
}

// JSON renders the report for tools.
func (r *Report) JSON() ([]byte, error) {
	out := struct {
		Breaking bool     `json:"breaking"`
		Methods  []*Entry `json:"methods"`
		Models   []*Entry `json:"models"`
	}{r.Breaking(), r.Methods, r.Models}
	if out.Methods == nil {
		out.Methods = []*Entry{}
	}
	if out.Models == nil {
		out.Models = []*Entry{}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
