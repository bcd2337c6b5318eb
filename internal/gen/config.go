package gen

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"
	"golang.org/x/mod/module"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/lower"
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
	// ImportPath is the package's import path, which the generated docs'
	// examples import; optional.
	ImportPath string `yaml:"importPath,omitempty"`
	// Module makes the SDK a module of its own with this path: the run
	// writes its go.mod (with the go line the SDK needs) and a
	// .gitattributes marking the generated files. The import path is the
	// module's.
	Module string `yaml:"module,omitempty"`
	// ErrorSchema names the component schema of the API's common error,
	// which undeclared error statuses decode into when their body is one;
	// by default it is the error schema the most operations declare.
	ErrorSchema string `yaml:"errorSchema,omitempty"`
	// ErrorSchemaPos is where the config sets ErrorSchema.
	ErrorSchemaPos diag.Pos `yaml:"-"`
	// SkipUnsupported leaves out operations the generator cannot translate
	// yet instead of failing; they are listed in the output.
	SkipUnsupported bool `yaml:"skipUnsupported,omitempty"`
	// Validate adds kin-openapi's full validation of the spec to the
	// warnings; it is slow on large specs.
	ValidateSpec bool `yaml:"validate,omitempty"`
	// Pagination holds the SDK's pagination rules (the "pagination" key),
	// read with their positions by LoadConfig.
	Pagination lower.PaginationConfig `yaml:"-"`
	// Streams configures the SDK's typed streams; optional.
	Streams *StreamsConfig `yaml:"streams,omitempty"`
	// Overlays are OpenAPI Overlay 1.0 documents applied in order to the
	// spec before it is loaded.
	Overlays []string `yaml:"overlays,omitempty"`
	// Globals are headers and query parameters sent on every call (the
	// "globals" key), read with their positions by LoadConfig.
	Globals []lower.GlobalConfig `yaml:"-"`
	// CredentialEnv names, by security scheme, the environment variables
	// the SDK reads a credential from when no option gives it (the
	// "credentials" key), read with their positions by LoadConfig.
	CredentialEnv []lower.CredentialEnv `yaml:"-"`
	// Idempotency configures the idempotency keys the SDK makes (the
	// "idempotency" key), read with its position by LoadConfig.
	Idempotency *lower.IdempotencyConfig `yaml:"-"`
	// Renames give types the names the SDK's owner chooses (the
	// "renames" key: the name the rules give, then the new one), read with
	// their positions by LoadConfig.
	Renames []lower.Rename `yaml:"-"`
}

// StreamsConfig configures streamed responses.
type StreamsConfig struct {
	// Sentinel is the data that ends every stream ("[DONE]"), unless the
	// spec's x-speakeasy-sse-sentinel names another. None by default.
	Sentinel string `yaml:"sentinel,omitempty"`
}

// LoadConfig reads a config file. Relative paths in it are relative to the
// file's directory.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.Errorf(diag.Pos{File: path}, "", "cannot read config: %v", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "invalid config: %v", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "config is empty; it lists SDKs under \"sdks\"")
	}
	if err := checkConfigKeys(path, doc.Content[0]); err != nil {
		return nil, err
	}
	var cfg Config
	if err := doc.Decode(&cfg); err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "invalid config: %v", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(cfg.SDKs) == 0 {
		return nil, diag.Errorf(diag.Pos{File: path}, "", "config lists no SDKs")
	}
	base := filepath.Dir(path)
	entries := doc.Content[0].Content[1].Content // checkConfigKeys made sure of the shape
	for i := range cfg.SDKs {
		s := &cfg.SDKs[i]
		pos := diag.Pos{File: path, Line: entries[i].Line, Col: entries[i].Column}
		if err := s.Validate(); err != nil {
			return nil, diag.Errorf(pos, fmt.Sprintf("#/sdks/%d", i), "%v", err)
		}
		if pg := mapValue(entries[i], "pagination"); pg != nil {
			pc, err := paginationConfig(path, pg, fmt.Sprintf("#/sdks/%d/pagination", i))
			if err != nil {
				return nil, err
			}
			s.Pagination = pc
		}
		if es := mapValue(entries[i], "errorSchema"); es != nil {
			s.ErrorSchemaPos = diag.Pos{File: path, Line: es.Line, Col: es.Column}
		}
		if gl := mapValue(entries[i], "globals"); gl != nil {
			g, err := globalsConfig(path, gl, fmt.Sprintf("#/sdks/%d/globals", i))
			if err != nil {
				return nil, err
			}
			s.Globals = g
		}
		if cr := mapValue(entries[i], "credentials"); cr != nil {
			ce, err := credentialsConfig(path, cr, fmt.Sprintf("#/sdks/%d/credentials", i))
			if err != nil {
				return nil, err
			}
			s.CredentialEnv = ce
		}
		if id := mapValue(entries[i], "idempotency"); id != nil {
			ic, err := idempotencyConfig(path, id, fmt.Sprintf("#/sdks/%d/idempotency", i))
			if err != nil {
				return nil, err
			}
			s.Idempotency = ic
		}
		if rn := mapValue(entries[i], "renames"); rn != nil {
			r, err := renamesConfig(path, rn, fmt.Sprintf("#/sdks/%d/renames", i))
			if err != nil {
				return nil, err
			}
			s.Renames = r
		}
		if !filepath.IsAbs(s.Spec) {
			s.Spec = filepath.Join(base, s.Spec)
		}
		if !filepath.IsAbs(s.Out) {
			s.Out = filepath.Join(base, s.Out)
		}
		for j, o := range s.Overlays {
			if !filepath.IsAbs(o) {
				s.Overlays[j] = filepath.Join(base, o)
			}
		}
		// Each SDK owns its directory: another one inside it would have its
		// files removed as stale.
		for j := range i {
			if a, b := cfg.SDKs[j].Out, s.Out; within(a, b) || within(b, a) {
				return nil, diag.Errorf(pos, fmt.Sprintf("#/sdks/%d/out", i), "output directory %s overlaps that of SDK %d (%s)", s.Out, j, a)
			}
		}
	}
	return &cfg, nil
}

// within reports whether dir is base or inside it.
func within(dir, base string) bool {
	rel, err := filepath.Rel(base, dir)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

var sdkKeys = map[string]bool{"spec": true, "out": true, "package": true, "importPath": true, "module": true, "errorSchema": true, "skipUnsupported": true, "validate": true, "pagination": true, "streams": true, "overlays": true, "globals": true, "credentials": true, "idempotency": true, "renames": true}

// checkConfigKeys checks the config's shape and names the first unknown key
// where it is, as a typo there would otherwise be ignored.
func checkConfigKeys(path string, root *yaml.Node) error {
	at := nodeError(path)
	if root.Kind != yaml.MappingNode {
		return at(root, "", "invalid config: want an object with the key \"sdks\"")
	}
	var sdks *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Value != "sdks" {
			return at(k, "", "unknown config key %q (known: sdks)", k.Value)
		}
		sdks = root.Content[i+1]
	}
	if sdks == nil || sdks.Kind != yaml.SequenceNode {
		n := root
		if sdks != nil {
			n = sdks
		}
		return at(n, "#/sdks", "config lists no SDKs: want a list under \"sdks\"")
	}
	for i, e := range sdks.Content {
		ptr := fmt.Sprintf("#/sdks/%d", i)
		if e.Kind != yaml.MappingNode {
			return at(e, ptr, "an SDK entry must be an object with spec, out and package")
		}
		for j := 0; j+1 < len(e.Content); j += 2 {
			if k := e.Content[j]; !sdkKeys[k.Value] {
				return at(k, ptr, "unknown SDK key %q (known: spec, out, package, importPath, module, errorSchema, skipUnsupported, validate, pagination, streams, overlays, globals, credentials, idempotency, renames)", k.Value)
			}
			if k := e.Content[j]; k.Value == "streams" {
				v := e.Content[j+1]
				if v.Kind != yaml.MappingNode {
					return at(v, ptr+"/streams", "streams must be an object (known keys: sentinel)")
				}
				for n := 0; n+1 < len(v.Content); n += 2 {
					if v.Content[n].Value != "sentinel" {
						return at(v.Content[n], ptr+"/streams", "unknown streams key %q (known: sentinel)", v.Content[n].Value)
					}
				}
			}
		}
	}
	// Only one "sdks" key is kept: the entries are those of root.Content[1].
	if root.Content[1] != sdks {
		return at(root, "", "config has more than one \"sdks\" key")
	}
	return nil
}

// Validate checks that an SDK entry is complete.
func (s SDK) Validate() error {
	switch {
	case s.Spec == "":
		return fmt.Errorf("spec is required")
	case s.Out == "":
		return fmt.Errorf("out is required")
	case s.Package == "":
		return fmt.Errorf("package is required")
	case !token.IsIdentifier(s.Package) || token.IsKeyword(s.Package) || s.Package == "_":
		return fmt.Errorf("package %q is not a valid Go package name", s.Package)
	case slices.Contains(s.Overlays, ""):
		return fmt.Errorf("an overlay's file name is empty")
	case s.Module != "" && module.CheckPath(s.Module) != nil:
		return fmt.Errorf("module %q is not a valid module path: %v", s.Module, module.CheckPath(s.Module))
	case s.Module != "" && s.ImportPath != "" && s.ImportPath != s.Module:
		return fmt.Errorf("importPath %q differs from module %q: the SDK is the module's root package (leave importPath out)", s.ImportPath, s.Module)
	}
	return nil
}

// renamesConfig reads an SDK's "renames" key, a map from the name the
// naming rules give a type to the name it should have:
//
//	renames: {ClientModel: ClientObject}
func renamesConfig(path string, n *yaml.Node, ptr string) ([]lower.Rename, error) {
	at := nodeError(path)
	if n.Kind != yaml.MappingNode {
		return nil, at(n, ptr, "renames must map type names to new names")
	}
	var out []lower.Rename
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kptr := diag.JoinPointer(ptr, k.Value)
		if v.Kind != yaml.ScalarNode || !token.IsIdentifier(v.Value) || !token.IsExported(v.Value) {
			return nil, at(v, kptr, "the new name of %q must be an exported Go identifier", k.Value)
		}
		out = append(out, lower.Rename{From: k.Value, To: v.Value, Pos: diag.Pos{File: path, Line: k.Line, Col: k.Column}, Pointer: kptr})
	}
	return out, nil
}

// nodeError returns the error maker of a config file at path: an error
// located at a node of the file, at a pointer into it.
func nodeError(path string) func(n *yaml.Node, ptr, format string, args ...any) error {
	return func(n *yaml.Node, ptr, format string, args ...any) error {
		return diag.Errorf(diag.Pos{File: path, Line: n.Line, Col: n.Column}, ptr, format, args...)
	}
}
