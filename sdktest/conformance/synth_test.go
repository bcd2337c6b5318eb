package conformance

import (
	"regexp"
	"testing"
)

func TestFromPattern(t *testing.T) {
	u := func(n uint64) *uint64 { return &n }
	tests := []struct {
		pattern        string
		minLen         uint64
		maxLen         *uint64
		wantLen        int // -1: any
		wantUnmatchErr bool
	}{
		{`^[a-z]+$`, 0, nil, -1, false},
		{`^\d{5}$`, 0, nil, 5, false},
		{`(0x)?[a-fA-F0-9]+`, 64, u(64), 64, false}, // the optional prefix must go
		{`^arn:aws:gamesparks:`, 20, u(2048), 20, false},
		{`^ab$`, 3, nil, 0, true},
	}
	for _, tt := range tests {
		v, err := fromPattern(tt.pattern, tt.minLen, tt.maxLen)
		if tt.wantUnmatchErr {
			if err == nil {
				t.Errorf("fromPattern(%q, %d) = %q, want an error", tt.pattern, tt.minLen, v)
			}
			continue
		}
		if err != nil || !regexp.MustCompile(tt.pattern).MatchString(v) || tt.wantLen >= 0 && len(v) != tt.wantLen {
			t.Errorf("fromPattern(%q, %d) = %q, %v", tt.pattern, tt.minLen, v, err)
		}
	}
}
