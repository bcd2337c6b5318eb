package gen

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"path/filepath"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Config is the generator's configuration file (sdkgen.yaml).
type Config struct {
	SDKs []SDK `yaml:"sdks"`
}

// SDK is one SDK to generate.
type SDK struct {
	Spec    string `yaml:"spec"`    // the spec file
	Out     string `yaml:"out"`     // output directory
	Package string `yaml:"package"` // Go package name
	// SkipUnsupported leaves out operations the generator cannot translate
	// yet instead of failing; they are listed in the output.
	SkipUnsupported bool `yaml:"skipUnsupported,omitempty"`
}

// LoadConfig reads a config file. Relative paths in it are relative to the
// file's directory.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "invalid config: %v", err)
	}
	if len(cfg.SDKs) == 0 {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "config lists no SDKs")
	}
	base := filepath.Dir(path)
	for i := range cfg.SDKs {
		s := &cfg.SDKs[i]
		if err := s.Validate(); err != nil {
			return nil, diag.Errorf(diag.Pos{File: path}, fmt.Sprintf("#/sdks/%d", i), "%v", err)
		}
		if !filepath.IsAbs(s.Spec) {
			s.Spec = filepath.Join(base, s.Spec)
		}
		if !filepath.IsAbs(s.Out) {
			s.Out = filepath.Join(base, s.Out)
		}
	}
	return &cfg, nil
}

// Validate checks that an SDK entry is complete.
func (s SDK) Validate() error {
	switch {
	case s.Spec == "":
		return fmt.Errorf("spec is required")
	case s.Out == "":
		return fmt.Errorf("out is required")
	case !token.IsIdentifier(s.Package) || token.IsKeyword(s.Package) || s.Package == "_":
		return fmt.Errorf("package %q is not a valid Go package name", s.Package)
	}
	return nil
}
